package io.hopscope.trace.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.topology.Protocol;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KubeProxyChainsTest {

  @Test
  @DisplayName("chain names match the ones kube-proxy writes on real clusters")
  void knownChains() {
    assertThat(KubeProxyChains.serviceChain("default", "kubernetes", "https", Protocol.TCP))
        .isEqualTo("KUBE-SVC-NPX46M4PTMTKRN6Y");
    assertThat(KubeProxyChains.serviceChain("kube-system", "kube-dns", "dns", Protocol.UDP))
        .isEqualTo("KUBE-SVC-TCOU7JCQXEZGVUNU");
    assertThat(KubeProxyChains.serviceChain("kube-system", "kube-dns", "dns-tcp", Protocol.TCP))
        .isEqualTo("KUBE-SVC-ERIFXISQEP7F7OF4");
    assertThat(KubeProxyChains.serviceChain("default", "nginx", "", Protocol.TCP))
        .isEqualTo("KUBE-SVC-2CMXP7HKUVJN7L6M");
  }

  @Test
  @DisplayName("endpoint chains hash the endpoint too, so they differ per endpoint")
  void endpointChains() {
    String a =
        KubeProxyChains.endpointChain("shop", "api", "http", Protocol.TCP, "10.244.1.6:8080");
    String b =
        KubeProxyChains.endpointChain("shop", "api", "http", Protocol.TCP, "10.244.2.7:8080");
    assertThat(a).startsWith("KUBE-SEP-").hasSize(25).isNotEqualTo(b);
  }
}
