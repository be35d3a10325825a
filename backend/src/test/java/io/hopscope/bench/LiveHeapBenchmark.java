package io.hopscope.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.hopscope.source.kubernetes.StrippingItemStore;
import io.hopscope.source.translate.ClusterAssembler;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.SourceInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Retained heap of the live source per pod: pods as the API server sends them (managedFields,
 * probes, env, volumes, container statuses) go through the informer cache, stripped or not, and the
 * heap is measured after GC with the cache (and the ClusterState built from it) still alive.
 *
 * <pre>
 * mvn -q -pl backend -am test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.hopscope.bench.LiveHeapBenchmark [-Dexec.args="10000 100000"]
 * </pre>
 */
public final class LiveHeapBenchmark {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final int PODS_PER_NODE = 110;

  private LiveHeapBenchmark() {}

  public static void main(String[] args) {
    List<Integer> sizes =
        args.length == 0
            ? List.of(10_000, 100_000)
            : List.of(args).stream().map(Integer::parseInt).toList();
    System.out.printf(
        "%-9s %-10s %14s %14s %16s %12s%n",
        "pods", "cache", "cache B/pod", "+state B/pod", "full pod JSON B", "rebuild ms");
    for (int pods : sizes) {
      if (pods <= 20_000) {
        measure(pods, false);
      }
      measure(pods, true);
    }
  }

  private static void measure(int pods, boolean stripped) {
    long before = usedAfterGc();
    ItemStore<Pod> podStore =
        stripped ? new StrippingItemStore<>() : new BasicItemStore<>(Cache::metaNamespaceKeyFunc);
    ItemStore<Node> nodeStore =
        stripped ? new StrippingItemStore<>() : new BasicItemStore<>(Cache::metaNamespaceKeyFunc);
    int nodes = Math.max(1, pods / PODS_PER_NODE);
    for (int n = 0; n < nodes; n++) {
      Node node = JSON.unmarshal(nodeJson(n), Node.class);
      nodeStore.put(nodeStore.getKey(node), node);
    }
    int jsonBytes = 0;
    for (int i = 0; i < pods; i++) {
      String json = podJson(i, i / PODS_PER_NODE);
      jsonBytes = json.length();
      Pod pod = JSON.unmarshal(json, Pod.class);
      podStore.put(podStore.getKey(pod), pod);
    }
    long cache = usedAfterGc() - before;

    List<HasMetadata> objects = new ArrayList<>(pods + nodes);
    objects.addAll(nodeStore.values().toList());
    objects.addAll(podStore.values().toList());
    long started = System.nanoTime();
    ClusterState state =
        ClusterAssembler.assemble(
            objects, new SourceInfo("kubernetes", "bench", "", Instant.now(), List.of(), Map.of()));
    long rebuildMillis = (System.nanoTime() - started) / 1_000_000;
    objects = null;
    long withState = usedAfterGc() - before;

    System.out.printf(
        "%-9d %-10s %14d %14d %16d %12d%n",
        pods,
        stripped ? "stripped" : "full",
        cache / pods,
        withState / pods,
        jsonBytes,
        rebuildMillis);
    // Keep everything reachable until measured.
    if (state.pods().size() != pods || podStore.size() != pods || nodeStore.size() != nodes) {
      throw new IllegalStateException("lost objects");
    }
  }

  private static long usedAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 6; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }

  private static String nodeJson(int n) {
    return """
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-%1$d","uid":"6f1c2a4e-0000-4000-8000-%2$012d",
        "resourceVersion":"%1$d","labels":{"kubernetes.io/hostname":"node-%1$d","kubernetes.io/os":"linux",
        "topology.kubernetes.io/zone":"zone-%3$d","node.kubernetes.io/instance-type":"m5.xlarge"},
        "annotations":{"node.alpha.kubernetes.io/ttl":"0","volumes.kubernetes.io/controller-managed-attach-detach":"true",
        "flannel.alpha.coreos.com/public-ip":"10.0.%4$d.%5$d"},
        "managedFields":[{"manager":"kubelet","operation":"Update","apiVersion":"v1","time":"2026-11-20T09:14:06Z",
        "fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:conditions":{".":{},"k:{\\"type\\":\\"Ready\\"}":{}}}}}]},
        "spec":{"podCIDR":"10.%4$d.%5$d.0/24","podCIDRs":["10.%4$d.%5$d.0/24"]},
        "status":{"addresses":[{"type":"InternalIP","address":"10.0.%4$d.%5$d"},{"type":"Hostname","address":"node-%1$d"}],
        "conditions":[{"type":"MemoryPressure","status":"False","reason":"KubeletHasSufficientMemory","message":"kubelet has sufficient memory available"},
        {"type":"Ready","status":"True","reason":"KubeletReady","message":"kubelet is posting ready status"}],
        "capacity":{"cpu":"4","memory":"16Gi","pods":"110"},"allocatable":{"cpu":"3920m","memory":"15Gi","pods":"110"},
        "nodeInfo":{"kernelVersion":"6.1.0-27-amd64","osImage":"Debian GNU/Linux 12","containerRuntimeVersion":"containerd://1.7.24",
        "kubeletVersion":"v1.31.4","kubeProxyVersion":"v1.31.4","operatingSystem":"linux","architecture":"amd64",
        "machineID":"a","systemUUID":"b","bootID":"c"},
        "images":[{"names":["registry.k8s.io/kube-proxy@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","registry.k8s.io/kube-proxy:v1.31.4"],"sizeBytes":30000000},
        {"names":["docker.io/library/nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","docker.io/library/nginx:1.27"],"sizeBytes":70000000}]}}
        """
        .formatted(n, n, n % 3, n / 250, n % 250);
  }

  /** A Deployment-managed pod as {@code kubectl get pod -o json} shows it on a recent cluster. */
  private static String podJson(int i, int node) {
    int ns = i / 100;
    int app = i / 5;
    return """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"app-%3$d-7d9f8b6c5d-%1$05d","generateName":"app-%3$d-7d9f8b6c5d-",
        "namespace":"ns-%2$d","uid":"0b6e7c2a-1111-4a5b-9c3d-%1$012d","resourceVersion":"%1$d","creationTimestamp":"2026-11-20T09:14:06Z",
        "labels":{"app.kubernetes.io/name":"app-%3$d","app.kubernetes.io/part-of":"shop","pod-template-hash":"7d9f8b6c5d","tier":"backend"},
        "annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-20T09:00:00Z","prometheus.io/scrape":"true","prometheus.io/port":"9090"},
        "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"app-%3$d-7d9f8b6c5d","uid":"1c2d3e4f-2222-4a5b-9c3d-%3$012d","controller":true,"blockOwnerDeletion":true}],
        "managedFields":[{"manager":"kube-controller-manager","operation":"Update","apiVersion":"v1","time":"2026-11-20T09:14:06Z","fieldsType":"FieldsV1",
        "fieldsV1":{"f:metadata":{"f:generateName":{},"f:labels":{".":{},"f:app.kubernetes.io/name":{},"f:pod-template-hash":{}},"f:ownerReferences":{".":{},"k:{\\"uid\\":\\"x\\"}":{}}},
        "f:spec":{"f:containers":{"k:{\\"name\\":\\"app\\"}":{".":{},"f:env":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:ports":{},"f:readinessProbe":{},"f:resources":{}}},
        "f:dnsPolicy":{},"f:enableServiceLinks":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}},
        {"manager":"kubelet","operation":"Update","apiVersion":"v1","time":"2026-11-20T09:14:20Z","fieldsType":"FieldsV1","subresource":"status",
        "fieldsV1":{"f:status":{"f:conditions":{"k:{\\"type\\":\\"Ready\\"}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}}},
        "f:containerStatuses":{},"f:hostIP":{},"f:phase":{},"f:podIP":{},"f:podIPs":{".":{},"k:{\\"ip\\":\\"x\\"}":{".":{},"f:ip":{}}},"f:startTime":{}}}}]},
        "spec":{"volumes":[{"name":"kube-api-access-x7k2p","projected":{"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},
        {"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},
        {"downwardAPI":{"items":[{"path":"namespace","fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}]}}],"defaultMode":420}}],
        "containers":[{"name":"app","image":"registry.example.com/shop/app-%3$d:1.4.2","ports":[{"name":"http","containerPort":8080,"protocol":"TCP"},{"name":"metrics","containerPort":9090,"protocol":"TCP"}],
        "env":[{"name":"SPRING_PROFILES_ACTIVE","value":"prod"},{"name":"JAVA_TOOL_OPTIONS","value":"-XX:MaxRAMPercentage=75"},
        {"name":"POD_NAME","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.name"}}},{"name":"DB_PASSWORD","valueFrom":{"secretKeyRef":{"name":"db","key":"password"}}}],
        "resources":{"limits":{"memory":"512Mi"},"requests":{"cpu":"100m","memory":"256Mi"}},
        "volumeMounts":[{"name":"kube-api-access-x7k2p","readOnly":true,"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}],
        "readinessProbe":{"httpGet":{"path":"/actuator/health/readiness","port":"http","scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},
        "livenessProbe":{"httpGet":{"path":"/actuator/health/liveness","port":"http","scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},
        "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent",
        "securityContext":{"allowPrivilegeEscalation":false,"readOnlyRootFilesystem":true,"runAsNonRoot":true,"capabilities":{"drop":["ALL"]}}}],
        "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","serviceAccountName":"default","serviceAccount":"default",
        "nodeName":"node-%4$d","securityContext":{"seccompProfile":{"type":"RuntimeDefault"}},"schedulerName":"default-scheduler",
        "tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},
        {"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],
        "priority":0,"enableServiceLinks":true,"preemptionPolicy":"PreemptLowerPriority"},
        "status":{"phase":"Running","conditions":[{"type":"PodReadyToStartContainers","status":"True","lastTransitionTime":"2026-11-20T09:14:10Z"},
        {"type":"Initialized","status":"True","lastTransitionTime":"2026-11-20T09:14:06Z"},{"type":"Ready","status":"True","lastTransitionTime":"2026-11-20T09:14:20Z"},
        {"type":"ContainersReady","status":"True","lastTransitionTime":"2026-11-20T09:14:20Z"},{"type":"PodScheduled","status":"True","lastTransitionTime":"2026-11-20T09:14:06Z"}],
        "hostIP":"10.0.%5$d.%6$d","hostIPs":[{"ip":"10.0.%5$d.%6$d"}],"podIP":"10.%5$d.%6$d.%7$d","podIPs":[{"ip":"10.%5$d.%6$d.%7$d"}],"startTime":"2026-11-20T09:14:06Z",
        "containerStatuses":[{"name":"app","state":{"running":{"startedAt":"2026-11-20T09:14:12Z"}},"lastState":{},"ready":true,"restartCount":0,
        "image":"registry.example.com/shop/app-%3$d:1.4.2","imageID":"registry.example.com/shop/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "containerID":"containerd://0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","started":true}],"qosClass":"Burstable"}}
        """
        .formatted(i, ns, app, node, node / 250, node % 250, 2 + i % PODS_PER_NODE);
  }
}
