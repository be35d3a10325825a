package io.hopscope.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostVethNamesTest {

  /** SHA-1 of a literal, computed here with the JDK, not with the class under test. */
  private static String sha1(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("default/nginx is calic440f455693, as printf 'default.nginx' | sha1sum gives")
  void knownPair() {
    // printf 'default.nginx' | sha1sum -> c440f455693b69cdd48a37aa5ecd78038f50413d
    assertThat(HostVethNames.of(CniPlugin.CALICO, new PodRef("default", "nginx")))
        .isEqualTo("calic440f455693");
    // printf 'default/nginx' | sha1sum -> 1960ee39339c..., the old and wrong input
    assertThat(HostVethNames.of(CniPlugin.CALICO, new PodRef("default", "nginx")))
        .isNotEqualTo("cali1960ee39339");
  }

  @ParameterizedTest(name = "{0}/{1}")
  @CsvSource({
    "default, nginx",
    "kube-system, coredns-5d78c9869d-abcde",
    "shop, web-hk9zmwvwpf-8dpzr",
    "a.b, c",
    "ünïcode, pod"
  })
  @DisplayName("Calico: cali + the first 11 hex digits of SHA-1 of \"<namespace>.<pod>\"")
  void calicoHashesNamespaceDotPod(String namespace, String pod) throws Exception {
    String expected = "cali" + sha1(namespace + "." + pod).substring(0, 11);
    assertThat(HostVethNames.of(CniPlugin.CALICO, new PodRef(namespace, pod)))
        .isEqualTo(expected)
        .hasSize(15);
  }

  @Test
  @DisplayName("FELIX_INTERFACEPREFIX replaces cali; a blank prefix falls back to cali")
  void calicoPrefix() throws Exception {
    PodRef pod = new PodRef("kube-system", "coredns-1");
    String hex = sha1("kube-system.coredns-1").substring(0, 11);
    assertThat(hex).isEqualTo("5adc4ab58e2");
    assertThat(HostVethNames.of(CniPlugin.CALICO, "azv", pod)).isEqualTo("azv" + hex);
    assertThat(HostVethNames.of(CniPlugin.CALICO, " ", pod)).isEqualTo("cali" + hex);
    assertThat(HostVethNames.of(CniPlugin.CALICO, null, pod)).isEqualTo("cali" + hex);
  }

  @Test
  @DisplayName("the prefix only applies to Calico; the other plugins keep their own")
  void prefixIsCalicoOnly() throws Exception {
    PodRef pod = new PodRef("default", "nginx");
    String plain = sha1("default/nginx");
    assertThat(HostVethNames.of(CniPlugin.CILIUM, "azv", pod))
        .isEqualTo("lxc" + plain.substring(0, 12));
    assertThat(HostVethNames.of(CniPlugin.WEAVE, "azv", pod))
        .isEqualTo("vethwepl" + plain.substring(0, 7));
    assertThat(HostVethNames.of(CniPlugin.FLANNEL, "azv", pod))
        .isEqualTo("veth" + plain.substring(0, 8));
  }
}
