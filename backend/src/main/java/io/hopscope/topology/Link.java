package io.hopscope.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A connection between two interfaces (by {@link NetInterface#id()}): a closed set of kinds. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Link.VethPair.class, name = "veth-pair"),
  @JsonSubTypes.Type(value = Link.BridgePort.class, name = "bridge-port"),
  @JsonSubTypes.Type(value = Link.TunnelPeer.class, name = "tunnel-peer"),
  @JsonSubTypes.Type(value = Link.Route.class, name = "route")
})
public sealed interface Link {

  String from();

  String to();

  /** Pod {@code eth0} to its host-side veth end. */
  record VethPair(String from, String to) implements Link {}

  /** A veth end enslaved to a bridge. */
  record BridgePort(String from, String to) implements Link {}

  /** A tunnel device and its peer on another node, reached at {@code remoteAddress}. */
  record TunnelPeer(String from, String to, String remoteAddress) implements Link {}

  /**
   * A host route: traffic for {@code destination} leaves {@code from} towards {@code to}, via
   * {@code gateway} (or empty).
   */
  record Route(
      String from,
      String to,
      String destination,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) String gateway)
      implements Link {
    public Route {
      gateway = gateway == null ? "" : gateway;
    }
  }
}
