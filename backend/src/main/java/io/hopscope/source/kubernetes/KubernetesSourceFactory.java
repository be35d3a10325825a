package io.hopscope.source.kubernetes;

import io.hopscope.source.ClusterSource;
import io.hopscope.source.LiveClusterSourceFactory;
import io.hopscope.source.translate.ClusterAssembler;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Opens the live source when source selection picks it ({@code hopscope.source=kubernetes}, or
 * {@code auto} with a kubeconfig or in-cluster service account). Closes what it opened on shutdown.
 */
@Component
class KubernetesSourceFactory implements LiveClusterSourceFactory, DisposableBean {

  private final KubernetesProperties properties;
  private final List<KubernetesClusterSource> opened = new CopyOnWriteArrayList<>();

  KubernetesSourceFactory(KubernetesProperties properties) {
    this.properties = properties;
  }

  @Override
  public ClusterSource create() {
    KubernetesClusterSource source = KubernetesClusterSource.open(properties, ClusterAssembler::assemble, Clock.systemUTC());
    opened.add(source);
    return source;
  }

  @Override
  public void destroy() {
    opened.forEach(KubernetesClusterSource::close);
  }
}
