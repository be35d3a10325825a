package io.hopscope.source.translate;

import io.hopscope.source.manifests.ManifestParser;
import io.hopscope.source.manifests.ParsedManifests;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Pod;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.Service;
import io.hopscope.topology.SourceInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Test fixtures: YAML documents in, assembled cluster out. */
final class Clusters {

  private Clusters() {}

  static ClusterState assemble(String... documents) {
    ParsedManifests parsed =
        new ManifestParser().parse("fixture.yaml", String.join("\n---\n", documents));
    return ClusterAssembler.assemble(
        parsed.objects(),
        new SourceInfo("manifests", "fixture", "", Instant.EPOCH, parsed.warnings(), Map.of()));
  }

  static Pod pod(ClusterState state, String namespace, String name) {
    return state.pods().stream()
        .filter(p -> p.ref().equals(new PodRef(namespace, name)))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError("no pod " + namespace + "/" + name + " in " + podNames(state)));
  }

  static Service service(ClusterState state, String namespace, String name) {
    return state.services().stream()
        .filter(s -> s.ref().equals(new PodRef(namespace, name)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no service " + namespace + "/" + name));
  }

  static List<String> podNames(ClusterState state) {
    return state.pods().stream().map(p -> p.ref().toString()).toList();
  }

  static String node(String name, String ip, String podCidr) {
    return """
        apiVersion: v1
        kind: Node
        metadata:
          name: %s
          labels: {topology.kubernetes.io/zone: zone-a}
        spec: {podCIDR: %s}
        status:
          addresses: [{type: InternalIP, address: %s}, {type: Hostname, address: %s}]
          conditions: [{type: Ready, status: "True"}]
        """
        .formatted(name, podCidr, ip, name);
  }

  static String pod(String namespace, String name, String node, String labels) {
    return """
        apiVersion: v1
        kind: Pod
        metadata: {name: %s, namespace: %s, labels: %s}
        spec:
          nodeName: %s
          containers:
          - name: app
            image: example/app:1
            ports: [{name: http, containerPort: 8080}]
        """
        .formatted(name, namespace, labels, node);
  }

  static String flannel(String backendType) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: kube-flannel-cfg, namespace: kube-flannel}
        data:
          net-conf.json: |
            {"Network": "10.244.0.0/16", "Backend": {"Type": "%s"}}
        """
        .formatted(backendType);
  }
}
