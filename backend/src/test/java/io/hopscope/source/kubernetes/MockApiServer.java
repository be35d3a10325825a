package io.hopscope.source.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A Fabric8 mock API server in CRUD mode (real HTTP, real watches) on a fixed random port, with a
 * kubeconfig file pointing at it, so the application connects exactly as it would to a cluster. It
 * can be stopped and started again on the same port (a fresh, empty API server), and it can answer
 * 403 to every request on one resource path, as an API server with narrower RBAC would.
 */
final class MockApiServer implements AutoCloseable {

  private final int port;
  private final String forbiddenPathPart;
  private final Path kubeconfig;
  private KubernetesMockServer server;

  private MockApiServer(int port, String forbiddenPathPart) {
    this.port = port;
    this.forbiddenPathPart = forbiddenPathPart;
    this.kubeconfig = writeKubeconfig(port);
  }

  /** A server on a free port, started. */
  static MockApiServer started() {
    MockApiServer api = new MockApiServer(freePort(), null);
    api.start();
    return api;
  }

  /** A server that answers 403 to requests whose path contains {@code pathPart}, started. */
  static MockApiServer startedForbidding(String pathPart) {
    MockApiServer api = new MockApiServer(freePort(), pathPart);
    api.start();
    return api;
  }

  /** Not started: there is nothing listening on its port until {@link #start()}. */
  static MockApiServer notStarted() {
    return new MockApiServer(freePort(), null);
  }

  synchronized void start() {
    // Expectations (/version, discovery) plus CRUD, as @EnableKubernetesMockClient(crud = true)
    // builds it.
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(expectations);
    Dispatcher dispatcher =
        forbiddenPathPart == null
            ? crud
            : new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                if (request.getPath().contains(forbiddenPathPart)) {
                  return new MockResponse()
                      .setResponseCode(403)
                      .setBody(forbiddenStatus(request.getPath()));
                }
                return crud.dispatch(request);
              }
            };
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), expectations, dispatcher, false);
    server.setVersionInfo(
        new VersionInfo.Builder().withMajor("1").withMinor("31").withGitVersion("v1.31.4").build());
    server.init(InetAddress.getLoopbackAddress(), port);
  }

  synchronized void stop() {
    if (server != null) {
      server.destroy();
      server = null;
    }
  }

  /** A client for the test itself, to create and change objects. */
  synchronized KubernetesClient client() {
    return server.createClient();
  }

  Path kubeconfig() {
    return kubeconfig;
  }

  /** Points the application under test at this server. */
  void connect(DynamicPropertyRegistry registry) {
    registry.add("hopscope.kubernetes.kubeconfig", kubeconfig::toString);
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (IllegalStateException e) {
      // Vert.x may time out closing lingering watch connections on a loaded machine; the test is
      // over.
      server = null;
    }
  }

  private static String forbiddenStatus(String path) {
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403,"
        + "\"message\":\"forbidden: User \\\"system:serviceaccount:hopscope:hopscope\\\" cannot list resource at "
        + path.replace("\"", "")
        + "\"}";
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path writeKubeconfig(int port) {
    try {
      Path dir = Files.createTempDirectory("hopscope-kubeconfig");
      Path file = dir.resolve("config");
      Files.writeString(
          file,
          """
          apiVersion: v1
          kind: Config
          clusters:
          - name: mock-cluster
            cluster:
              server: http://127.0.0.1:%d
          contexts:
          - name: mock-context
            context:
              cluster: mock-cluster
              user: tester
              namespace: default
          current-context: mock-context
          users:
          - name: tester
            user:
              token: not-a-secret
          """
              .formatted(port));
      file.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
