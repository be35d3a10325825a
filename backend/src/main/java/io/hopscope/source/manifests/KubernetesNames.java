package io.hopscope.source.manifests;

import java.util.regex.Pattern;

/** Kubernetes object name rules (DNS-1123 label and subdomain). */
final class KubernetesNames {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private static final Pattern LENIENT = Pattern.compile("[a-z0-9]([-a-z0-9._]*[a-z0-9])?");

  private KubernetesNames() {}

  /**
   * What tools such as netpol-analyzer accept for objects that are never addressed as endpoints
   * (NetworkPolicies): a subdomain that may also contain '_'.
   */
  static boolean isLenientName(String name) {
    return name.length() <= 253 && LENIENT.matcher(name).matches();
  }

  /** Namespaces and Services: at most 63 characters, lowercase letters, digits and '-'. */
  static boolean isLabel(String name) {
    return name.length() <= 63 && LABEL.matcher(name).matches();
  }

  /** Most other objects: at most 253 characters, DNS labels joined by '.'. */
  static boolean isSubdomain(String name) {
    return name.length() <= 253 && SUBDOMAIN.matcher(name).matches();
  }
}
