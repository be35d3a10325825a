package io.hopscope.web;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Container;
import io.hopscope.topology.Namespace;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Service;
import io.hopscope.trace.Trace;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the trace page shows: the request as typed (also split for the pickers), the picker options
 * from the state, and the trace or the error.
 *
 * @param trace the result, or null when nothing was asked or the request was bad
 * @param mermaid the path diagram of the trace, or null
 * @param policyMermaid the policy decision diagram of the trace, or null
 * @param error why the request could not be traced, or null
 */
public record TracePage(
    String from,
    String to,
    String port,
    String protocol,
    String snapshot,
    String fromPod,
    String fromContainer,
    String toKind,
    String toValue,
    String toContainer,
    List<String> namespaces,
    List<PodOption> pods,
    List<TargetOption> services,
    List<TargetOption> dnsNames,
    String datapath,
    Trace trace,
    String mermaid,
    String policyMermaid,
    String error,
    String permalink,
    String apiUrl,
    SnapshotBanner banner) {

  /** A pod in the pickers. */
  public record PodOption(String ref, String namespace, String node, String containers) {}

  /**
   * A Service or DNS name in the target picker, with the label the suggestion shows beside it.
   *
   * @param name what is traced ({@code ns/name}, or the DNS name)
   */
  public record TargetOption(String name, String namespace, String label) {
    /** The same as {@link #name()}, for templates that speak of refs. */
    public String ref() {
      return name;
    }
  }

  static TracePage of(
      ClusterState state,
      String datapath,
      String from,
      String to,
      String port,
      String protocol,
      String snapshot,
      TraceAnswer answer,
      String error,
      SnapshotBanner banner) {
    Trace trace = answer == null ? null : answer.trace();
    String fromPod = nz(from);
    String fromContainer = "";
    int colon = fromPod.indexOf(':');
    if (colon > 0) {
      fromContainer = fromPod.substring(colon + 1);
      fromPod = fromPod.substring(0, colon);
    }
    String toKind = "pod";
    String toValue = nz(to);
    String toContainer = "";
    for (String kind : List.of("service", "dns", "ip")) {
      if (toValue.startsWith(kind + ":")) {
        toKind = kind;
        toValue = toValue.substring(kind.length() + 1);
      }
    }
    if ("pod".equals(toKind) && toValue.indexOf(':') > 0) {
      toContainer = toValue.substring(toValue.indexOf(':') + 1);
      toValue = toValue.substring(0, toValue.indexOf(':'));
    }
    List<String> namespaces = state.namespaces().stream().map(Namespace::name).sorted().toList();
    List<PodOption> pods =
        state.pods().stream()
            .sorted(Comparator.comparing(Pod::ref))
            .map(
                p ->
                    new PodOption(
                        p.ref().toString(),
                        p.namespace(),
                        p.nodeName(),
                        String.join(
                            ",",
                            p.containers().stream()
                                .filter(c -> !c.init())
                                .map(Container::name)
                                .toList())))
            .toList();
    List<Service> sorted =
        state.services().stream().sorted(Comparator.comparing(Service::ref)).toList();
    List<TargetOption> services =
        sorted.stream()
            .map(s -> new TargetOption(s.ref().toString(), s.namespace(), serviceLabel(s)))
            .toList();
    List<TargetOption> dnsNames =
        sorted.stream()
            .map(
                s ->
                    new TargetOption(
                        s.name() + "." + s.namespace() + ".svc." + state.network().clusterDomain(),
                        s.namespace(),
                        "DNS name of Service " + s.ref()))
            .toList();
    String permalink = null;
    String apiUrl = null;
    if (trace != null || error != null) {
      UriComponentsBuilder page = UriComponentsBuilder.fromPath("/trace");
      UriComponentsBuilder api =
          UriComponentsBuilder.fromPath(
              snapshot == null || snapshot.isBlank()
                  ? "/api/v1/trace"
                  : "/api/v1/snapshots/" + snapshot + "/trace");
      for (UriComponentsBuilder b : List.of(page, api)) {
        b.queryParam("from", nz(from)).queryParam("to", nz(to));
        if (port != null && !port.isBlank()) {
          b.queryParam("port", port.trim());
        }
        if (protocol != null && !protocol.isBlank()) {
          b.queryParam("protocol", protocol.trim());
        }
      }
      if (snapshot != null && !snapshot.isBlank()) {
        page.queryParam("snapshot", snapshot);
      }
      permalink = page.encode().build().toUriString();
      apiUrl = api.encode().build().toUriString();
    }
    return new TracePage(
        nz(from),
        nz(to),
        nz(port),
        protocol == null || protocol.isBlank()
            ? "TCP"
            : protocol.trim().toUpperCase(java.util.Locale.ROOT),
        snapshot,
        fromPod,
        fromContainer,
        toKind,
        toValue,
        toContainer,
        namespaces,
        pods,
        services,
        dnsNames,
        datapath,
        trace,
        answer == null ? null : answer.mermaid(),
        answer == null ? null : answer.policyMermaid(),
        error,
        permalink,
        apiUrl,
        banner);
  }

  /** "Service · 10.96.0.20 · 80/TCP, 443/TCP": what a Service suggestion says about it. */
  private static String serviceLabel(Service service) {
    StringBuilder label = new StringBuilder("Service · ");
    label.append(
        service.clusterIps().isEmpty() ? "no cluster IP" : String.join(", ", service.clusterIps()));
    if (!service.ports().isEmpty()) {
      label
          .append(" · ")
          .append(
              String.join(
                  ", ", service.ports().stream().map(p -> p.port() + "/" + p.protocol()).toList()));
    }
    return label.toString();
  }

  /** The badge class of the verdict: good, bad or warn. */
  public String verdictClass() {
    if (trace == null) {
      return "";
    }
    return switch (trace.verdict()) {
      case ALLOWED -> "good";
      case DENIED -> "bad";
      case UNREACHABLE -> "warn";
    };
  }

  private static String nz(String text) {
    return text == null ? "" : text.trim();
  }
}
