package io.hopscope;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The one place tests find their cluster data: the bundled demo clusters and kube-system CNI
 * fixtures of this repository, and the corpora kept beside the checkout in {@code ../shared}
 * (overridable with {@code -Dhopscope.shared-dir=DIR}). A missing corpus skips the test with a
 * message saying where it was looked for; with {@code CI=true} the test fails instead.
 */
public final class ClusterDirectories {

  /**
   * System property naming the directory that holds {@code conformance/} and {@code real-world/}.
   */
  public static final String SHARED_DIR_PROPERTY = "hopscope.shared-dir";

  private ClusterDirectories() {}

  /** The directories, sorted; a test's {@code @MethodSource} can return this as it is. */
  public static Stream<Path> demosAndCniFixtures() {
    // relative to backend/, where the build runs tests: the paths name the test cases
    return Stream.concat(
            subdirectories(Path.of("src/main/resources/demo")),
            subdirectories(Path.of("src/test/resources/fixtures/kube-system")))
        .sorted();
  }

  /**
   * The np-guard/netpol-analyzer corpus ({@code conformance/netpol-analyzer}: {@code index.tsv},
   * {@code cases/}, {@code expected/}); skips the calling test when it is missing, fails it under
   * {@code CI=true}.
   */
  public static Path netpolAnalyzer() {
    return netpolAnalyzerIfPresent()
        .orElseGet(() -> required("the netpol-analyzer corpus", shared().resolve(NETPOL_ANALYZER)));
  }

  /** The netpol-analyzer corpus, if it is beside the checkout. */
  public static Optional<Path> netpolAnalyzerIfPresent() {
    Path corpus = shared().resolve(NETPOL_ANALYZER).normalize();
    return Files.isRegularFile(corpus.resolve("index.tsv"))
            && Files.isDirectory(corpus.resolve("cases"))
        ? Optional.of(corpus)
        : Optional.empty();
  }

  /**
   * The real-world corpus ({@code real-world}: upstream CNI installs, an app with its policies,
   * policy recipes); skips the calling test when it is missing, fails it under {@code CI=true}.
   */
  public static Path realWorld() {
    Path corpus = shared().resolve("real-world").normalize();
    return Files.isDirectory(corpus) ? corpus : required("the real-world corpus", corpus);
  }

  /** The shared test data directory: {@code -Dhopscope.shared-dir}, else {@code ../shared}. */
  public static Path shared() {
    String configured = System.getProperty(SHARED_DIR_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    return repositoryRoot().resolve("../shared").normalize();
  }

  /**
   * The checkout: the first directory upwards from the working directory with backend/ and pom.xml.
   */
  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("backend")) && Files.isRegularFile(d.resolve("pom.xml"))) {
        return d;
      }
    }
    throw new IllegalStateException("no checkout (backend/ and pom.xml) above " + dir);
  }

  private static final Path NETPOL_ANALYZER = Path.of("conformance", "netpol-analyzer");

  /** Fails under CI=true, else aborts (JUnit reports the test as skipped with the message). */
  private static Path required(String what, Path where) {
    String message = what + " is not at " + where.normalize();
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " (required when CI=true)");
    }
    Assumptions.abort(message + ": skipped (set -D" + SHARED_DIR_PROPERTY + " to point at it)");
    return where;
  }

  private static Stream<Path> subdirectories(Path parent) {
    try (Stream<Path> entries = Files.list(parent)) {
      return entries.filter(Files::isDirectory).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
