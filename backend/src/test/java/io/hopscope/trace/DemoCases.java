package io.hopscope.trace;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.Service;
import io.hopscope.topology.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The trace cases of the golden tests, chosen on any demo cluster by role (labels, Service names)
 * rather than by generated pod names, so every scenario gets the same story: pods across nodes and
 * on one node, containers of one pod, each Service type, DNS names, an external address,
 * hostNetwork pods, policy drops, sidecars.
 */
final class DemoCases {

  /** One named request. */
  record Case(String name, String from, String to, String port, String protocol) {}

  private final ClusterState state;
  private final List<Pod> pods;

  private DemoCases(ClusterState state) {
    this.state = state;
    this.pods = state.pods().stream().sorted(Comparator.comparing(Pod::ref)).toList();
  }

  static List<Case> of(ClusterState state) {
    return new DemoCases(state).cases();
  }

  private List<Case> cases() {
    Pod web = pod("shop", "app", "web", p -> true);
    Pod cartElsewhere = pod("shop", "app", "cart", p -> !p.nodeName().equals(web.nodeName()));
    Pod sameNode =
        pods.stream()
            .filter(
                p ->
                    p.nodeName().equals(web.nodeName())
                        && !p.hostNetwork()
                        && !p.ref().equals(web.ref())
                        && p.namespace().equals("shop"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no second shop pod on " + web.nodeName()));
    Pod redis = pod("shop", "app", "redis", p -> true);
    Pod cart = pod("shop", "app", "cart", p -> true);
    Pod checkout = pod("shop", "app", "checkout", p -> true);
    Pod ledger = pod("payments", "app", "ledger", p -> true);
    Pod exporterElsewhere =
        pod(
            "monitoring",
            "app.kubernetes.io/name",
            "node-exporter",
            p -> !p.nodeName().equals(web.nodeName()));
    Pod exporter = pod("monitoring", "app.kubernetes.io/name", "node-exporter", p -> true);
    Node otherNode =
        state.nodes().stream()
            .filter(n -> !n.name().equals(web.nodeName()))
            .sorted(Comparator.comparing(Node::name))
            .findFirst()
            .orElseThrow();
    Service checkoutService = service("shop", "checkout");
    int nodePort =
        checkoutService.ports().stream()
            .mapToInt(ServicePort::nodePort)
            .filter(p -> p > 0)
            .findFirst()
            .orElseThrow();
    Service lb = service("shop", "web");

    List<Case> out = new ArrayList<>();
    out.add(new Case("pod-across-nodes", ref(web), ref(cartElsewhere), "8080", "TCP"));
    out.add(new Case("pod-same-node", ref(web), ref(sameNode), firstPort(sameNode), "TCP"));
    out.add(
        new Case("containers-one-pod", ref(web) + ":nginx", ref(web) + ":fluentd", "24224", "TCP"));
    out.add(new Case("service-clusterip", ref(web), "service:shop/cart", "8080", "TCP"));
    out.add(
        new Case(
            "service-nodeport",
            ref(web),
            "ip:" + otherNode.internalIp(),
            Integer.toString(nodePort),
            "TCP"));
    out.add(
        new Case(
            "service-loadbalancer",
            ref(web),
            "ip:" + lb.loadBalancerIngress().get(0),
            "80",
            "TCP"));
    out.add(new Case("service-headless", ref(cart), "service:shop/redis", "6379", "TCP"));
    out.add(new Case("service-externalname", ref(web), "service:shop/psp-gateway", "443", "TCP"));
    out.add(
        new Case(
            "service-no-ready-endpoints", ref(web), "service:shop/recommendations", "8080", "TCP"));
    out.add(new Case("dns-name", ref(web), "dns:cart", "8080", "TCP"));
    out.add(new Case("dns-name-namespace", ref(checkout), "dns:ledger.payments", "8080", "TCP"));
    out.add(
        new Case(
            "dns-fqdn",
            ref(web),
            "dns:catalog.shop.svc." + state.network().clusterDomain(),
            "80",
            "TCP"));
    out.add(new Case("dns-external", ref(web), "dns:api.psp.example.com", "443", "TCP"));
    out.add(new Case("external-ip", ref(web), "ip:203.0.113.10", "443", "TCP"));
    out.add(new Case("hostnetwork-source", ref(exporter), ref(cartElsewhere), "8080", "TCP"));
    out.add(new Case("hostnetwork-target", ref(web), ref(exporterElsewhere), "9100", "TCP"));
    out.add(new Case("policy-allowed-redis", ref(cart), ref(redis), "6379", "TCP"));
    out.add(new Case("policy-denied-ingress", ref(web), ref(redis), "6379", "TCP"));
    out.add(new Case("policy-denied-egress", ref(ledger), "service:shop/cart", "8080", "TCP"));
    out.add(new Case("sidecar", ref(web), ref(checkout), "8080", "TCP"));
    out.add(new Case("dns-udp", ref(web), "service:kube-system/kube-dns", "53", "UDP"));
    return out;
  }

  private Pod pod(String namespace, String key, String value, Predicate<Pod> extra) {
    return pods.stream()
        .filter(
            p ->
                p.namespace().equals(namespace)
                    && Objects.equals(p.labels().get(key), value)
                    && extra.test(p))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "demo cluster "
                        + state.source().name()
                        + " has no "
                        + namespace
                        + " pod "
                        + key
                        + "="
                        + value));
  }

  private Service service(String namespace, String name) {
    return state.services().stream()
        .filter(s -> s.ref().equals(new PodRef(namespace, name)))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "demo cluster "
                        + state.source().name()
                        + " has no Service "
                        + namespace
                        + "/"
                        + name));
  }

  private static String ref(Pod pod) {
    return pod.ref().toString();
  }

  private static String firstPort(Pod pod) {
    return pod.containers().stream()
        .filter(c -> !c.init())
        .flatMap(c -> c.ports().stream())
        .findFirst()
        .map(p -> Integer.toString(p.containerPort()))
        .orElse("80");
  }
}
