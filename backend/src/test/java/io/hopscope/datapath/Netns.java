package io.hopscope.datapath;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ip}, {@code bridge} and friends for a datapath test and remembers the network
 * namespaces it made, so that {@link #close()} removes them (and every device inside them).
 */
final class Netns implements AutoCloseable {

  private final String prefix;
  private final List<String> namespaces = new ArrayList<>();

  Netns(String prefix) {
    this.prefix = prefix;
  }

  /** Creates a namespace named {@code prefix-name} with its loopback up; returns the full name. */
  String add(String name) {
    String full = prefix + "-" + name;
    run("ip", "netns", "add", full);
    namespaces.add(full);
    run("ip", "-n", full, "link", "set", "lo", "up");
    return full;
  }

  /** Runs a command inside a namespace. */
  String in(String namespace, String... command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(List.of(command));
    return run(full.toArray(String[]::new));
  }

  /** Runs a command and returns its standard output; fails on a non-zero exit. */
  String run(String... command) {
    Result result = tryRun(command);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " exited " + result.exitCode() + ": " + result.output());
    }
    return result.output();
  }

  Result tryRun(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, "timed out");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  record Result(int exitCode, String output) {}

  @Override
  public void close() {
    for (String namespace : namespaces) {
      tryRun("ip", "netns", "del", namespace);
    }
  }
}
