package io.hopscope.source.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Link;
import io.hopscope.topology.NetInterface;
import io.hopscope.topology.NetInterface.Bridge;
import io.hopscope.topology.NetInterface.PodInterface;
import io.hopscope.topology.NetInterface.Tunnel;
import io.hopscope.topology.NetInterface.TunnelKind;
import io.hopscope.topology.NetInterface.Uplink;
import io.hopscope.topology.NetInterface.VethEnd;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.Provenance;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InterfaceInferenceTest {

  private static final PodRef WEB = new PodRef("shop", "web");

  private static ClusterState twoNodes(String cniConfig) {
    return Clusters.assemble(
        cniConfig,
        Clusters.node("node-1", "192.168.1.11", "10.244.1.0/24"),
        Clusters.node("node-2", "192.168.1.12", "10.244.2.0/24"),
        Clusters.pod("shop", "web", "node-1", "{app: web}"),
        Clusters.pod("shop", "db", "node-2", "{app: db}"));
  }

  private static Map<String, NetInterface> byId(ClusterState state) {
    return state.interfaces().stream()
        .collect(Collectors.toMap(NetInterface::id, Function.identity()));
  }

  private static String calico(String ipip) {
    return """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: calico-node, namespace: kube-system}
        spec:
          template:
            spec:
              containers:
              - name: calico-node
                env: [{name: CALICO_IPV4POOL_IPIP, value: %s}]
        """
        .formatted(ipip);
  }

  @Test
  @DisplayName(
      "Host veth names: Calico is cali + 11 hex of SHA-1(namespace.pod); veth+8, lxc+12, vethwepl+7 of SHA-1(namespace/pod)")
  void vethNaming() {
    String hex = DeviceNames.hex(WEB, 12);
    assertThat(hex).matches("[0-9a-f]{12}");
    assertThat(DeviceNames.hostVeth(io.hopscope.topology.CniPlugin.FLANNEL, WEB))
        .isEqualTo("veth" + hex.substring(0, 8));
    // printf 'shop.web' | sha1sum -> 551b05c3e5468d7944bdd697413d6093083bbb70
    assertThat(DeviceNames.hostVeth(io.hopscope.topology.CniPlugin.CALICO, WEB))
        .isEqualTo("cali" + "551b05c3e54");
    assertThat(DeviceNames.hostVeth(io.hopscope.topology.CniPlugin.CILIUM, WEB))
        .isEqualTo("lxc" + hex);
    assertThat(DeviceNames.hostVeth(io.hopscope.topology.CniPlugin.WEAVE, WEB))
        .isEqualTo("vethwepl" + hex.substring(0, 7));
  }

  @Test
  @DisplayName(
      "FELIX_INTERFACEPREFIX on calico-node renames every Calico veth with its first prefix")
  void calicoInterfacePrefix() {
    String config =
        calico("Always")
            .replace(
                "env: [{name: CALICO_IPV4POOL_IPIP, value: Always}]",
                "env: [{name: CALICO_IPV4POOL_IPIP, value: Always},"
                    + " {name: FELIX_INTERFACEPREFIX, value: 'azv,tap'}]");
    ClusterState state = twoNodes(config);
    assertThat(byId(state)).containsKey("node:node-1/azv" + "551b05c3e54");
    assertThat(state.interfaces())
        .filteredOn(i -> i instanceof VethEnd)
        .allMatch(i -> i.name().startsWith("azv"));
    assertThat(state.network().detectedFrom())
        .anyMatch(f -> f.contains("FELIX_INTERFACEPREFIX=azv,tap"));
  }

  @Test
  @DisplayName(
      "Flannel VXLAN: per node eth0, lo, cni0 and flannel.1; per pod eth0 + veth pair plugged into cni0; all inferred")
  void flannelVxlan() {
    ClusterState state = twoNodes(Clusters.flannel("vxlan"));
    Map<String, NetInterface> ifaces = byId(state);
    assertThat(ifaces.get("node:node-1/eth0")).isInstanceOf(Uplink.class);
    assertThat(ifaces.get("node:node-1/eth0").addresses()).containsExactly("192.168.1.11");
    assertThat(ifaces.get("node:node-1/lo")).isInstanceOf(NetInterface.Loopback.class);
    assertThat(ifaces.get("node:node-1/cni0")).isInstanceOf(Bridge.class);
    assertThat(ifaces.get("node:node-1/cni0").addresses()).containsExactly("10.244.1.1");
    Tunnel vxlan = (Tunnel) ifaces.get("node:node-1/flannel.1");
    assertThat(vxlan.tunnelKind()).isEqualTo(TunnelKind.VXLAN);
    assertThat(vxlan.vni()).isEqualTo(1);
    assertThat(vxlan.udpPort()).isEqualTo(8472);
    assertThat(vxlan.localAddress()).isEqualTo("192.168.1.11");
    assertThat(vxlan.mtu()).isEqualTo(1450);

    String veth = "node:node-1/veth" + DeviceNames.hex(WEB, 8);
    PodInterface eth0 = (PodInterface) ifaces.get("pod:shop/web/eth0");
    assertThat(eth0.pod()).isEqualTo(WEB);
    assertThat(eth0.addresses()).containsExactly("10.244.1.2");
    assertThat(((VethEnd) ifaces.get(veth)).pod()).isEqualTo(WEB);
    assertThat(state.links())
        .contains(
            new Link.VethPair("pod:shop/web/eth0", veth),
            new Link.BridgePort(veth, "node:node-1/cni0"),
            new Link.TunnelPeer("node:node-1/flannel.1", "node:node-2/flannel.1", "192.168.1.12"),
            new Link.Route(
                "node:node-1/flannel.1", "node:node-2/flannel.1", "10.244.2.0/24", "10.244.2.0"));
    assertThat(state.interfaces()).allMatch(i -> i.provenance() == Provenance.INFERRED);
  }

  @Test
  @DisplayName("Flannel host-gw: no tunnel, routes to each peer pod CIDR via the peer node's IP")
  void flannelHostGw() {
    ClusterState state = twoNodes(Clusters.flannel("host-gw"));
    assertThat(state.interfaces()).noneMatch(i -> i instanceof Tunnel);
    assertThat(state.links())
        .contains(
            new Link.Route(
                "node:node-1/eth0", "node:node-2/eth0", "10.244.2.0/24", "192.168.1.12"));
  }

  @Test
  @DisplayName(
      "Calico IPIP: cali veths without a bridge, tunl0 between nodes, routes via the peer node's IP")
  void calicoIpip() {
    ClusterState state = twoNodes(calico("Always"));
    Map<String, NetInterface> ifaces = byId(state);
    assertThat(state.interfaces()).noneMatch(i -> i instanceof Bridge);
    assertThat(state.links()).noneMatch(l -> l instanceof Link.BridgePort);
    assertThat(ifaces).containsKey("node:node-1/cali" + "551b05c3e54");
    assertThat(((Tunnel) ifaces.get("node:node-1/tunl0")).tunnelKind()).isEqualTo(TunnelKind.IPIP);
    assertThat(state.links())
        .contains(
            new Link.Route(
                "node:node-1/tunl0", "node:node-2/tunl0", "10.244.2.0/24", "192.168.1.12"));
  }

  @Test
  @DisplayName("Calico BGP: no tunnel devices, plain routes")
  void calicoBgp() {
    ClusterState state = twoNodes(calico("Never"));
    assertThat(state.interfaces()).noneMatch(i -> i instanceof Tunnel);
  }

  @Test
  @DisplayName(
      "Cilium VXLAN: lxc veths, cilium_host/cilium_net pair, cilium_vxlan; WireGuard adds cilium_wg0")
  void cilium() {
    ClusterState state =
        twoNodes(
            """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cilium-config, namespace: kube-system}
        data: {routing-mode: tunnel, tunnel-protocol: vxlan, enable-wireguard: "true"}
        """);
    Map<String, NetInterface> ifaces = byId(state);
    assertThat(ifaces)
        .containsKeys(
            "node:node-1/lxc" + DeviceNames.hex(WEB, 12),
            "node:node-1/cilium_host",
            "node:node-1/cilium_net",
            "node:node-1/cilium_vxlan",
            "node:node-1/cilium_wg0");
    assertThat(state.links())
        .contains(
            new Link.VethPair("node:node-1/cilium_host", "node:node-1/cilium_net"),
            new Link.TunnelPeer(
                "node:node-1/cilium_vxlan", "node:node-2/cilium_vxlan", "192.168.1.12"));
  }

  @Test
  @DisplayName("Weave fast datapath: weave bridge, vethwepl veths, vxlan-6784 on UDP 6784")
  void weave() {
    ClusterState state =
        twoNodes(
            """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: weave-net, namespace: kube-system}
        spec: {template: {spec: {containers: [{name: weave, env: [{name: IPALLOC_RANGE, value: 10.244.0.0/16}]}]}}}
        """);
    Map<String, NetInterface> ifaces = byId(state);
    assertThat(ifaces.get("node:node-1/weave")).isInstanceOf(Bridge.class);
    assertThat(((Tunnel) ifaces.get("node:node-1/vxlan-6784")).udpPort()).isEqualTo(6784);
    String veth = "node:node-1/vethwepl" + DeviceNames.hex(WEB, 7);
    assertThat(state.links()).contains(new Link.BridgePort(veth, "node:node-1/weave"));
  }

  @Test
  @DisplayName("hostNetwork pods get no veth: they use the node's own devices")
  void hostNetworkPodsHaveNoVeth() {
    ClusterState state =
        Clusters.assemble(
            Clusters.flannel("vxlan"),
            Clusters.node("node-1", "192.168.1.11", "10.244.1.0/24"),
            """
        apiVersion: v1
        kind: Pod
        metadata: {name: kube-proxy-a, namespace: kube-system}
        spec: {nodeName: node-1, hostNetwork: true}
        """);
    assertThat(state.interfaces()).noneMatch(i -> i.id().startsWith("pod:"));
    assertThat(state.interfaces())
        .extracting(NetInterface::id)
        .containsExactly(
            "node:node-1/eth0", "node:node-1/lo", "node:node-1/cni0", "node:node-1/flannel.1");
    assertThat(List.copyOf(state.links())).isEmpty();
  }
}
