package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import java.util.Map;
import java.util.Optional;

/** Weave Net: the env of the {@code weave} container of the {@code weave-net} DaemonSet. */
final class WeaveDetection {

  private WeaveDetection() {}

  static boolean detect(InputObjects input, ProfileFacts facts) {
    Optional<DaemonSet> ds = input.workload(DaemonSet.class, "weave-net");
    if (ds.isEmpty()) {
      return false;
    }
    facts.plugin = CniPlugin.WEAVE;
    String where = "DaemonSet " + CniDetection.ref(ds.get());
    Map<String, String> env = CniDetection.env(ds.get(), "weave");
    if (env.containsKey("WEAVE_NO_FASTDP")) {
      facts.mode = CniMode.SLEEVE;
      facts.fact(where + ": WEAVE_NO_FASTDP set: sleeve mode");
    } else {
      facts.mode = CniMode.FASTDP;
      facts.fact(where + ": WEAVE_NO_FASTDP not set: fast datapath");
    }
    if (!CniDetection.cidr(env, "IPALLOC_RANGE", where, facts)) {
      facts.podCidrs.add("10.32.0.0/12");
      facts.fact(where + ": no IPALLOC_RANGE: 10.32.0.0/12 (Weave's default)");
    }
    CniDetection.mtu(env.get("WEAVE_MTU"), where + ": WEAVE_MTU", facts);
    if (env.containsKey("WEAVE_PASSWORD")) {
      facts.fact(where + ": WEAVE_PASSWORD set: traffic between nodes is encrypted");
    }
    return true;
  }
}
