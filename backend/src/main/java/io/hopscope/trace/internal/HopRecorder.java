package io.hopscope.trace.internal;

import io.hopscope.topology.Pod;
import io.hopscope.topology.Provenance;
import io.hopscope.trace.Action;
import io.hopscope.trace.Component;
import io.hopscope.trace.Hop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the hops of one trace in order, each with the short label the path diagram puts on the
 * edge that leads to it.
 */
public final class HopRecorder {

  /** A hop and its edge label. */
  public record Step(Hop hop, String edge) {}

  private final List<Step> steps = new ArrayList<>();
  private final boolean assumed;
  private final Devices devices;

  /**
   * @param assumed whether every hop comes from a generic model (prefixes details with "assumed:")
   * @param devices the state's devices, which tell whether a hop's device is observed or inferred
   */
  public HopRecorder(boolean assumed, Devices devices) {
    this.assumed = assumed;
    this.devices = devices;
  }

  /** A hop on a host device (or on none). */
  public HopRecorder add(
      Component component,
      Action action,
      String node,
      String device,
      String address,
      String detail,
      String edge,
      String... verify) {
    return record(
        component,
        action,
        node,
        device,
        devices.provenance(node, device),
        address,
        detail,
        edge,
        verify);
  }

  /** A hop on a device inside {@code pod}'s network namespace (its eth0 or lo). */
  public HopRecorder addInPod(
      Pod pod,
      Component component,
      Action action,
      String device,
      String address,
      String detail,
      String edge,
      String... verify) {
    return record(
        component,
        action,
        pod.nodeName(),
        device,
        devices.provenance(pod, device),
        address,
        detail,
        edge,
        verify);
  }

  private HopRecorder record(
      Component component,
      Action action,
      String node,
      String device,
      Provenance provenance,
      String address,
      String detail,
      String edge,
      String... verify) {
    String text = assumed && !detail.startsWith("assumed") ? "assumed: " + detail : detail;
    steps.add(
        new Step(
            new Hop(
                steps.size() + 1,
                component,
                action,
                node,
                device,
                address,
                text,
                Arrays.asList(verify),
                provenance,
                devices.nodeProvenance(node)),
            edge));
    return this;
  }

  public List<Step> steps() {
    return List.copyOf(steps);
  }

  public List<Hop> hops() {
    return steps.stream().map(Step::hop).toList();
  }

  /** Whether the last hop dropped the packet. */
  public boolean dropped() {
    return !steps.isEmpty() && steps.get(steps.size() - 1).hop().action() == Action.DROPPED;
  }
}
