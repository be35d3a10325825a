package io.hopscope.topology;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The host-side name each CNI gives a pod's veth: a prefix and hex digits of a SHA-1, so the same
 * pod gets the same name on every import. The source's device inference and the tracer's fallback
 * both name veths here, so they can never disagree.
 *
 * <p>Calico hashes {@code "<namespace>.<pod>"} and keeps 11 hex digits after its interface prefix
 * ({@code cali} unless Felix's {@code FELIX_INTERFACEPREFIX} says otherwise). The other plugins are
 * modelled with a stable hash of {@code "<namespace>/<pod>"}: their real names come from values a
 * manifest does not hold (container ids, endpoint ids).
 */
public final class HostVethNames {

  /** Calico's interface prefix when Felix is not told otherwise. */
  public static final String CALICO_DEFAULT_PREFIX = "cali";

  /** How many hex digits of the hash Calico keeps. */
  public static final int CALICO_HEX_DIGITS = 11;

  private static final MessageDigest SHA1 = newSha1();

  private HostVethNames() {}

  /** The host-side veth of a pod, with Calico's default prefix. */
  public static String of(CniPlugin plugin, PodRef pod) {
    return of(plugin, CALICO_DEFAULT_PREFIX, pod);
  }

  /**
   * The host-side veth of a pod.
   *
   * @param calicoPrefix Calico's interface prefix (ignored for the other plugins)
   */
  public static String of(CniPlugin plugin, String calicoPrefix, PodRef pod) {
    String plain = pod.namespace() + "/" + pod.name();
    return switch (plugin) {
      case CALICO, CANAL -> calico(calicoPrefix, pod);
      case CILIUM -> "lxc" + sha1Hex(plain, 12);
      case WEAVE -> "vethwepl" + sha1Hex(plain, 7);
      case FLANNEL, UNKNOWN -> "veth" + sha1Hex(plain, 8);
    };
  }

  /** Calico's name: prefix + the first 11 hex digits of SHA-1 of {@code "<namespace>.<pod>"}. */
  public static String calico(String prefix, PodRef pod) {
    String p = prefix == null || prefix.isBlank() ? CALICO_DEFAULT_PREFIX : prefix;
    return p + sha1Hex(pod.namespace() + "." + pod.name(), CALICO_HEX_DIGITS);
  }

  /** The first {@code length} lowercase hex digits of the SHA-1 of {@code text} (UTF-8). */
  public static String sha1Hex(String text, int length) {
    byte[] digest = sha1().digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, (length + 1) / 2).substring(0, length);
  }

  private static MessageDigest newSha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
    }
  }

  /** A fresh SHA-1 digest; cloning one is much cheaper than looking the algorithm up per pod. */
  private static MessageDigest sha1() {
    try {
      return (MessageDigest) SHA1.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the SHA-1 digest of this runtime cannot be cloned", e);
    }
  }
}
