package io.hopscope.trace;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hopscope.topology.Provenance;
import java.util.List;

/**
 * One step of a traced packet.
 *
 * @param index 1-based position on the path
 * @param node the node where it happens, or empty (outside the cluster)
 * @param device the interface name ({@code eth0}, {@code cni0}, {@code flannel.1}, the veth's
 *     host-side name, ...), or empty when no single device is involved
 * @param address the address(es) the hop is about, e.g. {@code 10.96.0.10:53 -> 10.244.1.4:53}
 * @param detail what happens and why, in one or two sentences
 * @param verify commands a user runs to check this hop on a real cluster
 * @param deviceProvenance whether {@code device} is one the state observed (reported by a node
 *     agent) or one inferred (from the CNI profile, or named by the CNI's convention because the
 *     state lacks it), or assumed (on a node the input does not have); absent when the hop names no
 *     device
 * @param nodeProvenance {@code ASSUMED} when {@code node} is not in the input but synthesized from
 *     its pods' placement or the stand-in node of pods without placement (docs/manifests.md), so
 *     where this hop happens is a guess; absent otherwise
 */
public record Hop(
    int index,
    Component component,
    Action action,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String node,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String device,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String address,
    String detail,
    List<String> verify,
    @JsonInclude(JsonInclude.Include.NON_NULL) Provenance deviceProvenance,
    @JsonInclude(JsonInclude.Include.NON_NULL) Provenance nodeProvenance) {

  public Hop {
    node = node == null ? "" : node;
    device = device == null ? "" : device;
    address = address == null ? "" : address;
    detail = detail == null ? "" : detail;
    verify = List.copyOf(verify);
    if (device.isEmpty()) {
      deviceProvenance = null;
    }
    if (nodeProvenance != Provenance.ASSUMED) {
      nodeProvenance = null;
    }
  }

  /** Whether the hop happens on a node the input does not have (see {@code nodeProvenance}). */
  public boolean onAssumedNode() {
    return nodeProvenance == Provenance.ASSUMED;
  }
}
