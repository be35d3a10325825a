package io.hopscope.trace.internal;

import io.hopscope.topology.Protocol;

/** Test access to the chain names (TCP). */
public final class KubeProxyChainsAccess {

  private KubeProxyChainsAccess() {}

  public static String serviceChain(String namespace, String name, String portName) {
    return KubeProxyChains.serviceChain(namespace, name, portName, Protocol.TCP);
  }
}
