package io.hopscope.snapshot;

import io.hopscope.FixtureSource;
import io.hopscope.HopscopeApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The whole application on a random port over a given data dir, started and closed by the test. */
final class RunningApp implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  final Api api;

  private RunningApp(ConfigurableApplicationContext context) {
    this.context = context;
    this.api = new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }

  static RunningApp start(Path dataDir, String... properties) {
    // command-line arguments: they win over application.yml (builder properties would not)
    List<String> args =
        new ArrayList<>(List.of("--server.port=0", "--hopscope.data-dir=" + dataDir));
    for (String property : properties) {
      args.add("--" + property);
    }
    return new RunningApp(
        new SpringApplicationBuilder(
                HopscopeApplication.class, FixtureSource.EveryKindOfObject.class)
            .run(args.toArray(String[]::new)));
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}
