package io.hopscope.trace.internal;

import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import java.util.List;

/**
 * Canal: Calico's CNI plugs each pod in with a routed {@code cali*} veth (no bridge, proxy ARP) and
 * Felix enforces policy there; Flannel carries traffic between nodes with its backend ({@code
 * flannel.1} VXLAN, host-gw routes or WireGuard) and masquerades traffic leaving the pod network.
 */
final class CanalDatapath extends Datapath {

  private final CalicoDatapath calico;
  private final FlannelDatapath flannel;

  CanalDatapath(Devices devices, AgentPods agents) {
    super(devices, agents);
    this.calico = new CalicoDatapath(devices, agents);
    this.flannel = new FlannelDatapath(devices, agents);
  }

  @Override
  public String describe() {
    return "Canal (" + flannel.describe() + " datapath, Calico policy)";
  }

  @Override
  public int overhead() {
    return flannel.overhead();
  }

  @Override
  public String overheadName() {
    return flannel.overheadName();
  }

  @Override
  protected String podRouteDetail(Pod pod) {
    return calico.podRouteDetail(pod);
  }

  @Override
  public void betweenLocalPods(HopRecorder h, Pod src, Pod dst) {
    calico.betweenLocalPods(h, src, dst);
  }

  @Override
  public void hostToLocalPod(HopRecorder h, String node, Pod dst) {
    calico.hostToLocalPod(h, node, dst);
  }

  @Override
  public void acrossNodes(HopRecorder h, Node from, Node to, Pod dst) {
    flannel.betweenNodes(h, from, to, dst);
    calico.hostToLocalPod(h, to.name(), dst);
  }

  @Override
  public String masqueradeDetail() {
    return flannel.masqueradeDetail();
  }

  @Override
  public String[] masqueradeVerify(String node) {
    return flannel.masqueradeVerify(node);
  }

  @Override
  public List<String> policyVerify(Pod pod) {
    return calico.policyVerify(pod);
  }
}
