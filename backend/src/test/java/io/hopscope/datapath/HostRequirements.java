package io.hopscope.datapath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Preconditions on the host: skipped with a message on a laptop, failed under {@code CI=true}. */
final class HostRequirements {

  private HostRequirements() {}

  static void require(boolean met, String message) {
    if (met) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(message + " (required when CI=true)");
    }
    Assumptions.abort(message);
  }

  static boolean isRoot() {
    try {
      Process id = new ProcessBuilder("id", "-u").start();
      return new String(id.getInputStream().readAllBytes()).trim().equals("0");
    } catch (IOException e) {
      return false;
    }
  }

  static boolean hasCommand(String name) {
    for (String dir :
        System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", name))
        || Files.isExecutable(Path.of("/sbin", name));
  }
}
