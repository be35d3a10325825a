package io.hopscope.web;

import io.hopscope.connectivity.ConnlistFormat;
import io.hopscope.topology.EndpointRef;
import io.hopscope.topology.PortNumber;
import io.hopscope.topology.Protocol;
import java.util.Locale;

/**
 * The one parser of query parameters for every endpoint and page: {@code from}, {@code to}, {@code
 * port}, {@code protocol}, the semantics flags and {@code format}. A bad value gets the same
 * problem (status, title, detail, parameter) wherever it is sent: the REST endpoints, their
 * snapshot variants, and the pages, which show the same message. Callers check {@code from} before
 * {@code to}, then port, protocol and flags, so the first bad parameter is the one reported.
 */
final class QueryParameters {

  static final String FROM = "from";
  static final String TO = "to";
  static final String PORT = "port";
  static final String PROTOCOL = "protocol";
  static final String IP_BLOCK_MATCHES_PODS = "ipBlockMatchesPods";
  static final String HOST_NETWORK_PODS_AS_PODS = "hostNetworkPodsAsPods";
  static final String FORMAT = "format";

  private QueryParameters() {}

  /** {@code from}: required, {@code NAMESPACE/POD[:CONTAINER]} or another endpoint syntax. */
  static EndpointRef from(String text) {
    return endpoint(FROM, text, "the source, e.g. shop/web-1 (NAMESPACE/POD[:CONTAINER])");
  }

  /** {@code to}: required, a pod, {@code service:}, {@code dns:} or {@code ip:} target. */
  static EndpointRef to(String text) {
    return endpoint(
        TO,
        text,
        "the destination, e.g. shop/api-1, service:shop/api, dns:api.shop or ip:10.0.0.1");
  }

  /** {@code from} restricted to a pod (a trace starts in a pod). */
  static EndpointRef.PodEndpoint sourcePod(EndpointRef from, String text) {
    if (from instanceof EndpointRef.PodEndpoint pod) {
      return pod;
    }
    throw ApiException.badParameter(
        FROM,
        "a trace starts at a pod (NAMESPACE/POD[:CONTAINER]), not at '"
            + abbreviate(text.trim())
            + "'");
  }

  /** A pod or an address: what a NetworkPolicy verdict is about. */
  static EndpointRef podOrAddress(String parameter, EndpointRef ref, String text) {
    if (ref instanceof EndpointRef.PodEndpoint || ref instanceof EndpointRef.IpEndpoint) {
      return ref;
    }
    throw ApiException.badParameter(
        parameter,
        "'"
            + abbreviate(text.trim())
            + "': a policy verdict takes a pod (NS/POD) or an address "
            + "(ip:ADDRESS); Services and DNS names are resolved by /api/v1/trace");
  }

  /** {@code port}: required, 1-65535. */
  static int port(String text) {
    if (isBlank(text)) {
      throw ApiException.badParameter(PORT, "port is required: a number from 1 to 65535");
    }
    return optionalPort(text);
  }

  /** {@code port}: 1-65535, or 0 when not given (the target's first port). */
  static int optionalPort(String text) {
    if (isBlank(text)) {
      return 0;
    }
    try {
      return PortNumber.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter(PORT, abbreviate(e.getMessage()));
    }
  }

  /** {@code protocol}: TCP (default), UDP or SCTP, any case. */
  static Protocol protocol(String text) {
    if (isBlank(text)) {
      return Protocol.TCP;
    }
    return Protocol.parse(text)
        .orElseThrow(
            () ->
                ApiException.badParameter(
                    PROTOCOL,
                    "'" + abbreviate(text) + "' is not a protocol: expected TCP, UDP or SCTP"));
  }

  /** A boolean flag: {@code true} or {@code false} (any case), {@code fallback} when not given. */
  static boolean flag(String name, String text, boolean fallback) {
    if (isBlank(text)) {
      return fallback;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw ApiException.badParameter(
              name, "'" + abbreviate(text) + "' is not a boolean: expected true or false");
    };
  }

  /** {@code format} of a connectivity list: txt or json (default). */
  static ConnlistFormat format(String text) {
    if (isBlank(text)) {
      return ConnlistFormat.named("json").orElseThrow();
    }
    return ConnlistFormat.named(text.trim())
        .orElseThrow(
            () ->
                ApiException.badParameter(
                    FORMAT, "'" + abbreviate(text) + "' is not a format: expected txt or json"));
  }

  private static EndpointRef endpoint(String name, String text, String what) {
    if (isBlank(text)) {
      throw ApiException.badParameter(name, name + " is required: " + what);
    }
    try {
      return EndpointRef.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter(name, abbreviate(e.getMessage()));
    }
  }

  static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  /** Long values are cut in messages: a problem never echoes kilobytes of input. */
  static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}
