package io.hopscope.trace.internal;

import io.hopscope.topology.KubeProxyMode;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Protocol;
import io.hopscope.topology.Service;
import io.hopscope.topology.ServicePort;
import io.hopscope.trace.Action;
import io.hopscope.trace.Component;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How Service traffic is load-balanced in the state's proxy mode: kube-proxy iptables ({@code
 * KUBE-SERVICES -> KUBE-SVC-* -> KUBE-SEP-*} DNAT with per-endpoint probability), IPVS (virtual
 * server on {@code kube-ipvs0}), nftables, or eBPF (Cilium: socket LB at connect(), no DNAT on the
 * wire; without socket LB, a per-packet DNAT by {@code bpf_lxc} on the source pod's veth).
 */
public final class ServiceProxy {

  /** One backend of a Service port: its address, resolved target port and pod (or null). */
  public record Backend(String address, int port, Pod pod, String nodeName) {
    public String target() {
      return address + ":" + port;
    }
  }

  /** How the packet reached the Service. */
  public enum Entry {
    CLUSTER_IP("ClusterIP"),
    NODE_PORT("NodePort"),
    LOAD_BALANCER("LoadBalancer IP");

    private final String text;

    Entry(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  private final KubeProxyMode mode;
  private final boolean perPacket;
  private final AgentPods agents;

  /**
   * @param perPacket with eBPF: socket LB is off, Service addresses are translated per packet
   * @param agents the CNI agent pods, for commands run on a hop's node (Cilium's service map)
   */
  public ServiceProxy(KubeProxyMode mode, boolean perPacket, AgentPods agents) {
    this.mode = mode;
    this.perPacket = perPacket && mode == KubeProxyMode.EBPF;
    this.agents = agents;
  }

  /**
   * Whether balancing happens at connect() in the source pod (eBPF socket-LB) rather than on the
   * host.
   */
  public boolean socketLevel(Entry entry) {
    return mode == KubeProxyMode.EBPF && !perPacket && entry != Entry.NODE_PORT;
  }

  public String describe() {
    return switch (mode) {
      case IPTABLES -> "kube-proxy iptables";
      case IPVS -> "kube-proxy IPVS";
      case NFTABLES -> "kube-proxy nftables";
      case EBPF ->
          perPacket
              ? "eBPF kube-proxy replacement (per packet, no socket LB)"
              : "eBPF kube-proxy replacement";
      case UNKNOWN -> "Service proxy unknown (kube-proxy iptables assumed)";
    };
  }

  /**
   * The DNAT hop: every backend with its share, the one this trace follows, the rule that does it.
   */
  public void dnat(
      HopRecorder h,
      String node,
      Service service,
      ServicePort port,
      String vip,
      int vipPort,
      Entry entry,
      List<Backend> backends,
      Backend chosen) {
    String share = share(backends.size());
    List<String> listed = new ArrayList<>();
    for (Backend b : backends) {
      listed.add(b.target() + (b.pod() == null ? "" : " (" + b.pod().ref() + ")") + " " + share);
    }
    String svcPortName = port.name();
    String chosenText =
        "this trace follows "
            + chosen.target()
            + ", the first ready endpoint by address; "
            + (backends.size() > 1 ? pickedHow() : "it is the only one");
    String front =
        service.ref() + " " + entry.text() + " " + vip + ":" + vipPort + "/" + port.protocol();
    String device;
    String detail;
    List<String> verify = new ArrayList<>();
    switch (effectiveMode()) {
      case IPVS -> {
        device = "kube-ipvs0";
        detail =
            front
                + " is an IPVS virtual server (address bound to kube-ipvs0, scheduler rr): real servers "
                + String.join(", ", listed)
                + "; "
                + chosenText;
        verify.add(
            "ipvsadm -Ln "
                + (port.protocol() == Protocol.UDP ? "-u " : "-t ")
                + vip
                + ":"
                + vipPort);
        verify.add("ip addr show kube-ipvs0");
      }
      case NFTABLES -> {
        device = "";
        detail =
            front
                + " matches the kube-proxy nftables service-ips map; its chain picks an endpoint with numgen random mod "
                + backends.size()
                + ": "
                + String.join(", ", listed)
                + "; "
                + chosenText;
        verify.add("nft list map ip kube-proxy service-ips");
        verify.add(
            "nft list table ip kube-proxy | grep " + service.namespace() + "/" + service.name());
      }
      case EBPF -> {
        device = entry == Entry.NODE_PORT || perPacket ? "" : "socket";
        detail =
            (entry == Entry.NODE_PORT
                    ? front + " is translated by bpf_host (eBPF NodePort) on arrival: "
                    : perPacket
                        ? front
                            + " is translated per packet by bpf_lxc on the source pod's veth (tc; socket LB off), a DNAT on the wire: "
                        : front
                            + " is translated at connect() by the socket-LB (cgroup BPF), so no DNAT happens on the wire: ")
                + "backends "
                + String.join(", ", listed)
                + "; "
                + chosenText;
        verify.add(agents.exec(AgentPods.Agent.CILIUM, node, "cilium-dbg bpf lb list"));
        verify.add(agents.exec(AgentPods.Agent.CILIUM, node, "cilium-dbg service list"));
      }
      default -> {
        device = "";
        String svc =
            KubeProxyChains.serviceChain(
                service.namespace(), service.name(), svcPortName, port.protocol());
        String sep =
            KubeProxyChains.endpointChain(
                service.namespace(), service.name(), svcPortName, port.protocol(), chosen.target());
        String path =
            entry == Entry.NODE_PORT
                ? "KUBE-NODEPORTS -> "
                    + KubeProxyChains.externalChain(
                        service.namespace(), service.name(), svcPortName, port.protocol())
                    + " -> "
                    + svc
                : "KUBE-SERVICES -> " + svc;
        detail =
            front
                + ": iptables "
                + path
                + " picks an endpoint with the statistic module: "
                + String.join(", ", listed)
                + "; "
                + sep
                + " DNATs to "
                + chosen.target()
                + "; "
                + chosenText;
        if (entry == Entry.NODE_PORT) {
          verify.add("iptables -t nat -L KUBE-NODEPORTS -n");
        }
        verify.add("iptables -t nat -L " + svc + " -n");
        verify.add("iptables -t nat -L " + sep + " -n");
        verify.add("conntrack -L -d " + vip);
      }
    }
    h.add(
        Component.SERVICE_LB,
        Action.DNAT,
        node,
        device,
        vip + ":" + vipPort + " -> " + chosen.target(),
        detail,
        "DNAT " + vip + ":" + vipPort + " -> " + chosen.target(),
        verify.toArray(String[]::new));
  }

  /** The hop that drops Service traffic without a usable endpoint. */
  public void noEndpoints(
      HopRecorder h,
      String node,
      Service service,
      ServicePort port,
      String vip,
      int vipPort,
      String why) {
    String rule =
        switch (effectiveMode()) {
          case IPVS -> "the IPVS virtual server has no real servers, so the packet is dropped";
          case NFTABLES -> "kube-proxy's no-endpoint-services map rejects it";
          case EBPF -> "the BPF service has no backends, so the packet is dropped";
          default -> "kube-proxy's KUBE-SERVICES filter rule REJECTs it (icmp port-unreachable)";
        };
    h.add(
        Component.SERVICE_LB,
        Action.DROPPED,
        node,
        mode == KubeProxyMode.IPVS ? "kube-ipvs0" : "",
        vip + ":" + vipPort,
        service.ref()
            + " "
            + vip
            + ":"
            + vipPort
            + "/"
            + port.protocol()
            + ": "
            + why
            + "; "
            + rule,
        "no endpoints",
        "kubectl get endpointslices -n "
            + service.namespace()
            + " -l kubernetes.io/service-name="
            + service.name());
  }

  private KubeProxyMode effectiveMode() {
    return mode == KubeProxyMode.UNKNOWN ? KubeProxyMode.IPTABLES : mode;
  }

  private String pickedHow() {
    return switch (effectiveMode()) {
      case IPVS -> "IPVS really rotates round-robin per connection";
      case EBPF -> "Cilium really picks per connection (random or Maglev)";
      default -> "each new connection really picks at random";
    };
  }

  static String share(int count) {
    if (count <= 1) {
      return "100%";
    }
    double percent = 100.0 / count;
    return "1/" + count + " (" + String.format(Locale.ROOT, "%.1f", percent) + "%)";
  }
}
