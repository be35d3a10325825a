package io.hopscope.trace.internal;

import io.hopscope.topology.ClusterIndex;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Name resolution as a pod's {@code resolv.conf} does it with the cluster DNS: the search path
 * {@code NS.svc.DOMAIN svc.DOMAIN DOMAIN}, {@code ndots:5}, and which candidate names a Service.
 */
final class DnsSearch {

  /** A candidate name that CoreDNS answers, and the Service it names. */
  record Match(String name, Service service) {}

  private final ClusterIndex index;
  private final String namespace;
  private final String domain;

  DnsSearch(ClusterIndex index, String namespace, String domain) {
    this.index = index;
    this.namespace = namespace;
    this.domain = domain;
  }

  List<String> searchList() {
    return List.of(namespace + ".svc." + domain, "svc." + domain, domain);
  }

  /**
   * The names the resolver tries, in order: fewer than 5 dots tries the search list first; a
   * trailing dot is absolute.
   */
  List<String> candidates(String name) {
    if (name.endsWith(".")) {
      return List.of(name.substring(0, name.length() - 1));
    }
    List<String> searched = searchList().stream().map(s -> name + "." + s).toList();
    List<String> out = new ArrayList<>();
    long dots = name.chars().filter(c -> c == '.').count();
    if (dots >= 5) {
      out.add(name);
      out.addAll(searched);
    } else {
      out.addAll(searched);
      out.add(name);
    }
    return out;
  }

  /** The first candidate of the form {@code NAME.NS.svc.DOMAIN} that names a Service. */
  Optional<Match> lookup(List<String> candidates) {
    String suffix = ".svc." + domain;
    for (String candidate : candidates) {
      if (!candidate.endsWith(suffix)) {
        continue;
      }
      String head = candidate.substring(0, candidate.length() - suffix.length());
      int dot = head.indexOf('.');
      if (dot <= 0 || head.indexOf('.', dot + 1) >= 0) {
        continue;
      }
      Optional<Service> service =
          index.service(new PodRef(head.substring(dot + 1), head.substring(0, dot)));
      if (service.isPresent()) {
        return Optional.of(new Match(candidate, service.get()));
      }
    }
    return Optional.empty();
  }
}
