package io.hopscope.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A network device on a node or in a pod's network namespace: a closed set of kinds. {@code id} is
 * unique in a state: {@code node:NODE/DEVICE} for host devices, {@code pod:NS/POD/DEVICE} for
 * devices inside a pod.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = NetInterface.PodInterface.class, name = "pod-interface"),
  @JsonSubTypes.Type(value = NetInterface.VethEnd.class, name = "veth"),
  @JsonSubTypes.Type(value = NetInterface.Bridge.class, name = "bridge"),
  @JsonSubTypes.Type(value = NetInterface.Tunnel.class, name = "tunnel"),
  @JsonSubTypes.Type(value = NetInterface.Uplink.class, name = "uplink"),
  @JsonSubTypes.Type(value = NetInterface.Loopback.class, name = "loopback")
})
public sealed interface NetInterface {

  String id();

  /** The node the device lives on. */
  String node();

  /** The device name, e.g. {@code eth0}, {@code cni0}, {@code flannel.1}. */
  String name();

  int mtu();

  List<String> addresses();

  Provenance provenance();

  static String hostId(String node, String device) {
    return "node:" + node + "/" + device;
  }

  static String podId(PodRef pod, String device) {
    return "pod:" + pod + "/" + device;
  }

  /** {@code eth0} inside a pod's network namespace. */
  record PodInterface(
      String id,
      String node,
      String name,
      int mtu,
      List<String> addresses,
      Provenance provenance,
      @JsonInclude(JsonInclude.Include.NON_NULL) PodRef pod)
      implements NetInterface {
    public PodInterface {
      addresses = List.copyOf(addresses);
    }
  }

  /**
   * The host-side end of a pod's veth pair ({@code vethXXXX}, {@code caliXXXX}, {@code lxcXXXX}).
   */
  record VethEnd(
      String id,
      String node,
      String name,
      int mtu,
      List<String> addresses,
      Provenance provenance,
      @JsonInclude(JsonInclude.Include.NON_NULL) PodRef pod)
      implements NetInterface {
    public VethEnd {
      addresses = List.copyOf(addresses);
    }
  }

  /** A Linux bridge, e.g. {@code cni0} or {@code weave}. */
  record Bridge(
      String id, String node, String name, int mtu, List<String> addresses, Provenance provenance)
      implements NetInterface {
    public Bridge {
      addresses = List.copyOf(addresses);
    }
  }

  /**
   * A tunnel device.
   *
   * @param vni the VXLAN/Geneve network identifier, or 0 (left out of the JSON)
   * @param udpPort the UDP port, or 0 (IPIP; left out of the JSON)
   * @param localAddress the underlay address it sends from
   */
  record Tunnel(
      String id,
      String node,
      String name,
      int mtu,
      List<String> addresses,
      Provenance provenance,
      TunnelKind tunnelKind,
      @OptionalNumber int vni,
      @OptionalNumber int udpPort,
      String localAddress)
      implements NetInterface {
    public Tunnel {
      addresses = List.copyOf(addresses);
    }
  }

  /** The node's NIC towards the underlay network. */
  record Uplink(
      String id, String node, String name, int mtu, List<String> addresses, Provenance provenance)
      implements NetInterface {
    public Uplink {
      addresses = List.copyOf(addresses);
    }
  }

  /** {@code lo}; {@code pod} is null for the host's loopback. */
  record Loopback(
      String id,
      String node,
      String name,
      int mtu,
      List<String> addresses,
      Provenance provenance,
      @JsonInclude(JsonInclude.Include.NON_NULL) PodRef pod)
      implements NetInterface {
    public Loopback {
      addresses = List.copyOf(addresses);
    }
  }

  /** Tunnel encapsulations. */
  enum TunnelKind {
    VXLAN,
    IPIP,
    GENEVE,
    WIREGUARD
  }
}
