package io.hopscope.source.kubernetes;

import io.hopscope.source.ClusterSource;
import io.hopscope.source.LiveClusterSourceFactory;
import io.hopscope.source.translate.ClusterAssembler;
import io.hopscope.source.translate.TranslationMemo;
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
    // each rebuild translates only the objects that changed since the last one
    TranslationMemo memo = new TranslationMemo();
    KubernetesClusterSource source =
        KubernetesClusterSource.open(
            properties,
            (objects, info) -> ClusterAssembler.assemble(objects, info, memo),
            Clock.systemUTC());
    opened.add(source);
    return source;
  }

  @Override
  public void destroy() {
    opened.forEach(KubernetesClusterSource::close);
  }
}
