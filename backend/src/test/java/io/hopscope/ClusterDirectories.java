package io.hopscope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The manifests directories tests run over: every bundled demo cluster and every kube-system CNI
 * fixture.
 */
public final class ClusterDirectories {

  private ClusterDirectories() {}

  /** The directories, sorted; a test's {@code @MethodSource} can return this as it is. */
  public static Stream<Path> demosAndCniFixtures() {
    return Stream.concat(
            subdirectories("src/main/resources/demo"),
            subdirectories("src/test/resources/fixtures/kube-system"))
        .sorted();
  }

  private static Stream<Path> subdirectories(String parent) {
    try (Stream<Path> entries = Files.list(Path.of(parent))) {
      return entries.filter(Files::isDirectory).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
