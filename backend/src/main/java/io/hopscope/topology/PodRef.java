package io.hopscope.topology;

/** Names a pod (or any namespaced object) as {@code namespace/name}. */
public record PodRef(String namespace, String name) implements Comparable<PodRef> {

  @Override
  public String toString() {
    return namespace + "/" + name;
  }

  @Override
  public int compareTo(PodRef other) {
    int byNamespace = namespace.compareTo(other.namespace);
    return byNamespace != 0 ? byNamespace : name.compareTo(other.name);
  }
}
