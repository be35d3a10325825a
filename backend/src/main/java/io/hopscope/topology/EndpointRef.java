package io.hopscope.topology;

import java.util.regex.Pattern;

/**
 * An endpoint as users write it: {@code NS/POD[:CONTAINER]}, {@code service:NS/NAME}, {@code
 * dns:NAME} or {@code ip:ADDRESS}. The one parser for endpoint strings.
 */
public sealed interface EndpointRef {

  /** A pod, optionally one of its containers (empty when not given). */
  record PodEndpoint(PodRef pod, String container) implements EndpointRef {
    @Override
    public String toString() {
      return container.isEmpty() ? pod.toString() : pod + ":" + container;
    }
  }

  record ServiceEndpoint(PodRef service) implements EndpointRef {
    @Override
    public String toString() {
      return "service:" + service;
    }
  }

  record DnsEndpoint(String name) implements EndpointRef {
    @Override
    public String toString() {
      return "dns:" + name;
    }
  }

  record IpEndpoint(String address) implements EndpointRef {
    @Override
    public String toString() {
      return "ip:" + address;
    }
  }

  Pattern DNS_NAME =
      Pattern.compile(
          "^(?=.{1,253}\\.?$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*\\.?$");
  Pattern K8S_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$");

  /**
   * Parses an endpoint string.
   *
   * @throws IllegalArgumentException with a message fit for a user when the text is malformed
   */
  static EndpointRef parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "endpoint is empty; expected NS/POD[:CONTAINER], service:NS/NAME, dns:NAME or ip:ADDRESS");
    }
    String t = text.trim();
    if (t.startsWith("service:")) {
      return new ServiceEndpoint(parseRef(t.substring("service:".length()), t));
    }
    if (t.startsWith("dns:")) {
      String name = t.substring(4).toLowerCase(java.util.Locale.ROOT);
      if (IpAddresses.isLiteral(name)) {
        // A resolver hands an address literal back as is; the tracer treats it as ip:.
        return new DnsEndpoint(name);
      }
      if (!DNS_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("'" + t + "' is not a valid DNS name");
      }
      return new DnsEndpoint(name);
    }
    if (t.startsWith("ip:")) {
      String address = t.substring(3);
      if (!IpAddresses.isLiteral(address)) {
        throw new IllegalArgumentException("'" + address + "' is not an IPv4 or IPv6 address");
      }
      return new IpEndpoint(IpAddresses.normalize(address));
    }
    String container = "";
    int colon = t.indexOf(':');
    String podPart = t;
    if (colon >= 0) {
      container = t.substring(colon + 1);
      podPart = t.substring(0, colon);
      if (!K8S_NAME.matcher(container).matches()) {
        throw new IllegalArgumentException("'" + container + "' is not a valid container name");
      }
    }
    return new PodEndpoint(parseRef(podPart, t), container);
  }

  private static PodRef parseRef(String text, String whole) {
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("'" + whole + "' must name NAMESPACE/NAME");
    }
    String ns = text.substring(0, slash);
    String name = text.substring(slash + 1);
    if (!K8S_NAME.matcher(ns).matches() || !K8S_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'" + whole + "' is not a valid NAMESPACE/NAME (lowercase letters, digits, '-' and '.')");
    }
    return new PodRef(ns, name);
  }
}
