package io.hopscope.trace.internal;

import io.hopscope.policy.PolicyEndpoint;
import io.hopscope.policy.PolicyQuery;
import io.hopscope.policy.Verdict;
import io.hopscope.policy.Verdict.DirectionVerdict;
import io.hopscope.topology.Endpoint;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Protocol;
import io.hopscope.topology.Service;
import io.hopscope.topology.ServicePort;
import io.hopscope.topology.ServiceType;
import io.hopscope.trace.Action;
import io.hopscope.trace.Component;
import io.hopscope.trace.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The DNS leg: the pod's resolver, the search list, CoreDNS and its policy, then the answer's
 * target.
 */
final class NameResolution {

  private final WalkState w;
  private final ServiceLeg serviceLeg;
  private final ExternalEgress outside;

  NameResolution(WalkState w, ServiceLeg serviceLeg, ExternalEgress outside) {
    this.w = w;
    this.serviceLeg = serviceLeg;
    this.outside = outside;
  }

  void resolve(String name) {
    String domain = w.ctx.state().network().clusterDomain();
    boolean nodeResolver =
        "Default".equals(w.src.dnsPolicy())
            || (w.src.hostNetwork() && "ClusterFirst".equals(w.src.dnsPolicy()));
    String absolute = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    DnsSearch search = new DnsSearch(w.ctx.index(), w.src.namespace(), domain);
    if (nodeResolver) {
      w.h.add(
          Component.DNS,
          Action.FORWARDED,
          w.src.nodeName(),
          "",
          name,
          "dnsPolicy "
              + w.src.dnsPolicy()
              + (w.src.hostNetwork() ? " on a hostNetwork pod" : "")
              + ": the pod uses the node's /etc/resolv.conf, not the cluster DNS",
          "node resolver",
          WalkState.exec(w.src, w.srcContainer, "cat /etc/resolv.conf"));
      if (absolute.endsWith("." + domain)
          || absolute.equals(domain)
          || search.lookup(search.candidates(name)).isPresent()) {
        w.findings.add(
            Finding.warning(
                Finding.Kind.NAME_NOT_FOUND,
                name
                    + " is a cluster name, but "
                    + w.src.ref()
                    + " does not query the cluster DNS (dnsPolicy "
                    + w.src.dnsPolicy()
                    + ")"));
        w.h.add(
            Component.DNS,
            Action.DROPPED,
            w.src.nodeName(),
            "",
            name,
            "the node's resolver does not know cluster names: NXDOMAIN",
            "NXDOMAIN",
            WalkState.exec(w.src, w.srcContainer, "nslookup " + name));
        w.unreachable(name + " does not resolve with dnsPolicy " + w.src.dnsPolicy());
        return;
      }
      outside.outsideByName(name);
      return;
    }
    Optional<Service> dns = w.ctx.clusterDns();
    String nameserver =
        !w.ctx.state().network().clusterDnsIp().isEmpty()
            ? w.ctx.state().network().clusterDnsIp()
            : dns.filter(s -> !s.clusterIps().isEmpty()).map(s -> s.clusterIps().get(0)).orElse("");
    List<String> tries = search.candidates(name);
    String searchPath = String.join(" ", search.searchList());
    int dots = (int) absolute.chars().filter(c -> c == '.').count();
    String order =
        name.endsWith(".")
            ? name + " is absolute (trailing dot): no search list"
            : dots >= 5
                ? name + " has " + dots + " dots (>= ndots:5): tried as is first"
                : name
                    + " has "
                    + dots
                    + " dot"
                    + (dots == 1 ? "" : "s")
                    + " (< ndots:5): the search list is tried first";
    w.h.add(
        Component.DNS,
        Action.FORWARDED,
        w.src.nodeName(),
        "",
        nameserver.isEmpty() ? "" : nameserver + ":53",
        "resolv.conf: nameserver "
            + (nameserver.isEmpty() ? "(unknown)" : nameserver)
            + ", search "
            + searchPath
            + ", options ndots:5; "
            + order
            + " -> "
            + String.join(", ", tries),
        "DNS query",
        WalkState.exec(w.src, w.srcContainer, "cat /etc/resolv.conf"));
    if (dns.isEmpty() || nameserver.isEmpty()) {
      w.h.add(
          Component.DNS,
          Action.DROPPED,
          w.src.nodeName(),
          "",
          name,
          "no cluster DNS Service (kube-system/kube-dns) in this state",
          "no DNS",
          "kubectl -n kube-system get svc kube-dns");
      w.unreachable("no cluster DNS Service to resolve " + name);
      return;
    }
    Service dnsService = dns.get();
    ServicePort dnsPort =
        dnsService.ports().stream()
            .filter(p -> p.port() == 53 && p.protocol() == Protocol.UDP)
            .findFirst()
            .orElse(
                dnsService.ports().isEmpty()
                    ? new ServicePort("dns", 53, null, 0, Protocol.UDP, "")
                    : dnsService.ports().get(0));
    List<Endpoint> ready = w.ctx.readyEndpoints(dnsService);
    Optional<Pod> coredns =
        ready.stream().map(w.ctx::endpointPod).flatMap(Optional::stream).findFirst();
    if (coredns.isEmpty()) {
      w.findings.add(
          Finding.warning(
              Finding.Kind.NO_READY_ENDPOINTS,
              "cluster DNS Service " + dnsService.ref() + " has no ready CoreDNS pod"));
      w.ctx
          .proxy()
          .noEndpoints(
              w.h, w.src.nodeName(), dnsService, dnsPort, nameserver, 53, "no ready CoreDNS pod");
      w.unreachable("the cluster DNS has no ready endpoints");
      return;
    }
    Pod resolver = coredns.get();
    List<ServiceProxy.Backend> dnsBackends =
        ready.stream()
            .map(
                e ->
                    new ServiceProxy.Backend(
                        e.address(), 53, w.ctx.endpointPod(e).orElse(null), e.nodeName()))
            .toList();
    ServiceProxy.Backend chosenDns =
        dnsBackends.stream().filter(b -> b.pod() != null).findFirst().orElseThrow();
    w.ctx
        .proxy()
        .dnat(
            w.h,
            w.src.nodeName(),
            dnsService,
            dnsPort,
            nameserver,
            53,
            ServiceProxy.Entry.CLUSTER_IP,
            dnsBackends,
            chosenDns);
    Verdict dnsVerdict =
        w.ctx
            .policy()
            .evaluate(
                new PolicyQuery(
                    new PolicyEndpoint.PodPeer(w.src),
                    new PolicyEndpoint.PodPeer(resolver),
                    53,
                    Protocol.UDP,
                    w.request.ipBlockMatchesPods()));
    if (!dnsVerdict.allowed()) {
      w.policy = dnsVerdict;
      String side =
          dnsVerdict.egress() != null && !dnsVerdict.egress().allowed() ? "egress" : "ingress";
      w.findings.add(
          Finding.warning(
              Finding.Kind.DNS_BLOCKED,
              "DNS is blocked: "
                  + side
                  + " policy drops "
                  + w.src.ref()
                  + " -> "
                  + resolver.ref()
                  + " UDP 53"
                  + ("egress".equals(side) ? " (no egress rule allows the cluster DNS)" : "")
                  + "; name resolution fails"));
      DirectionVerdict dv = "egress".equals(side) ? dnsVerdict.egress() : dnsVerdict.ingress();
      w.h.add(
          Component.NETWORK_POLICY,
          Action.DROPPED,
          "egress".equals(side) ? w.src.nodeName() : resolver.nodeName(),
          "egress".equals(side)
              ? w.datapath.policyDevice(w.src)
              : w.datapath.policyDevice(resolver),
          w.src.primaryIp() + " -> " + resolver.primaryIp() + ":53/UDP",
          "DNS query: " + side + " " + PolicyText.direction(dv),
          "DROPPED by " + side + " policy",
          PolicyText.verify(dv, w.datapath.policyVerify("egress".equals(side) ? w.src : resolver)));
      w.denied(
          "the DNS query to "
              + resolver.ref()
              + " is dropped by "
              + side
              + " policy, so "
              + name
              + " never resolves");
      return;
    }
    String answer;
    Optional<DnsSearch.Match> match = search.lookup(tries);
    Service found = match.map(DnsSearch.Match::service).orElse(null);
    String hit = match.map(DnsSearch.Match::name).orElse(null);
    List<String> misses = new ArrayList<>();
    for (String t : tries) {
      if (t.equals(hit)) {
        break;
      }
      misses.add(t);
    }
    if (found == null) {
      boolean inDomain = absolute.endsWith("." + domain) || absolute.equals(domain);
      if (inDomain) {
        w.h.add(
            Component.DNS,
            Action.DROPPED,
            resolver.nodeName(),
            "",
            name,
            "CoreDNS "
                + resolver.ref()
                + " answers NXDOMAIN for every candidate ("
                + String.join(", ", tries)
                + ")",
            "NXDOMAIN",
            WalkState.exec(w.src, w.srcContainer, "nslookup " + name),
            "kubectl -n kube-system logs " + resolver.name());
        w.findings.add(
            Finding.warning(
                Finding.Kind.NAME_NOT_FOUND,
                name + " does not resolve: no Service matches in the cluster domain " + domain));
        w.unreachable(name + " does not resolve (NXDOMAIN)");
        return;
      }
      w.h.add(
          Component.DNS,
          Action.RESOLVED,
          resolver.nodeName(),
          "",
          absolute,
          "CoreDNS "
              + resolver.ref()
              + ": no cluster record ("
              + String.join(", ", misses)
              + " NXDOMAIN); "
              + absolute
              + " is forwarded to the upstream resolver (forward . /etc/resolv.conf)",
          "forwarded upstream",
          WalkState.exec(w.src, w.srcContainer, "nslookup " + name),
          "kubectl -n kube-system get configmap coredns -o yaml");
      outside.outsideByName(absolute);
      return;
    }
    answer =
        found.type() == ServiceType.EXTERNAL_NAME
            ? "CNAME " + found.externalName()
            : found.clusterIps().isEmpty()
                ? "A records of the ready endpoints"
                : "A " + found.clusterIps().get(0);
    w.h.add(
        Component.DNS,
        Action.RESOLVED,
        resolver.nodeName(),
        "",
        hit,
        "CoreDNS "
            + resolver.ref()
            + " answers "
            + hit
            + " "
            + answer
            + (misses.isEmpty() ? "" : " (first " + String.join(", ", misses) + ": NXDOMAIN)"),
        answer,
        WalkState.exec(w.src, w.srcContainer, "nslookup " + name),
        "kubectl -n kube-system logs " + resolver.name());
    serviceLeg.toService(found, true);
  }
}
