package io.hopscope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with a golden file under {@code src/test/resources/golden/}; rewrites the file
 * instead when the build runs with {@code -Dgolden.update=true} (deliberately, then review the
 * diff).
 */
public final class GoldenFiles {

  public static final Path ROOT = Path.of("src/test/resources/golden");

  private GoldenFiles() {}

  /**
   * @param file the golden file, e.g. {@code GoldenFiles.ROOT.resolve("diagram/x.mmd")}
   */
  public static void assertMatches(Path file, String actual) throws IOException {
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(file).as("golden file %s (create it with -Dgolden.update=true)", file).exists();
    assertThat(actual)
        .as("golden file %s", file)
        .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
