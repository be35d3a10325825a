package io.hopscope.trace.internal;

import io.hopscope.topology.Protocol;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The names kube-proxy (iptables mode) gives its per-Service chains: base32 of the SHA-256 of the
 * service port name ({@code ns/name} plus {@code :portName} when the port is named) and the
 * lower-case protocol, cut to 16 characters, so users can list the very chain.
 */
public final class KubeProxyChains {

  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private KubeProxyChains() {}

  /** {@code KUBE-SVC-...} of a Service port. */
  public static String serviceChain(
      String namespace, String name, String portName, Protocol protocol) {
    return "KUBE-SVC-" + hash(servicePortName(namespace, name, portName) + proto(protocol));
  }

  /** {@code KUBE-SEP-...} of one endpoint ({@code ip:port}) of a Service port. */
  public static String endpointChain(
      String namespace, String name, String portName, Protocol protocol, String endpoint) {
    return "KUBE-SEP-"
        + hash(servicePortName(namespace, name, portName) + proto(protocol) + endpoint);
  }

  /** {@code KUBE-EXT-...}: the chain NodePort and LoadBalancer traffic enters. */
  public static String externalChain(
      String namespace, String name, String portName, Protocol protocol) {
    return "KUBE-EXT-" + hash(servicePortName(namespace, name, portName) + proto(protocol));
  }

  static String servicePortName(String namespace, String name, String portName) {
    return namespace + "/" + name + (portName.isEmpty() ? "" : ":" + portName);
  }

  private static String proto(Protocol protocol) {
    return protocol.name().toLowerCase(Locale.ROOT);
  }

  static String hash(String text) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
    // 16 base32 characters = 80 bits = the first 10 bytes, so no padding is involved.
    StringBuilder out = new StringBuilder(16);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < 10; i++) {
      buffer = (buffer << 8) | (digest[i] & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    return out.toString();
  }
}
