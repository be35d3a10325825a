package io.hopscope.source.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.ClusterDirectories;
import io.hopscope.source.translate.ClusterAssembler;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.SourceInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The peer corpus np-guard/netpol-analyzer (95 case folders) read through the manifests code path.
 */
class CorpusParsingTest {

  private static final Pattern PEER = Pattern.compile("([^ ]+)\\[([A-Za-z]+)\\]");

  private static Path corpus;
  private static final List<String> failures = new ArrayList<>();
  private static final Map<String, ClusterState> states = new TreeMap<>();

  /**
   * Per test, so that a missing corpus reports each test as skipped (an abort in {@code @BeforeAll}
   * is reported as no tests at all); the corpus is parsed once.
   */
  @BeforeEach
  void parseEveryCase() throws IOException {
    Path found = ClusterDirectories.netpolAnalyzer();
    if (corpus != null) {
      return;
    }
    corpus = found;
    List<Path> folders;
    try (Stream<Path> list = Files.list(corpus.resolve("cases"))) {
      folders = list.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(folders).hasSize(95);
    ManifestParser parser = new ManifestParser();
    for (Path folder : folders) {
      String name = folder.getFileName().toString();
      try {
        ParsedManifests parsed = parser.parseTree(folder);
        states.put(
            name,
            ClusterAssembler.assemble(
                parsed.objects(),
                new SourceInfo(
                    "manifests",
                    name,
                    "",
                    Instant.EPOCH,
                    parsed.warnings(),
                    parsed.ignoredKinds())));
      } catch (RuntimeException e) {
        failures.add(name + ": " + e.getMessage());
      }
    }
  }

  @Test
  @DisplayName(
      "Every case folder of the netpol-analyzer corpus parses and assembles without an error")
  void everyCaseParses() {
    assertThat(failures).isEmpty();
    assertThat(states).hasSize(95);
  }

  @Test
  @DisplayName(
      "Every pod or workload the corpus' expected connlists name exists under the same ns/name[Kind]")
  void peersAreNamedAsTheCorpusExpects() throws IOException {
    List<String> missing = new ArrayList<>();
    for (var entry : states.entrySet()) {
      Path expected = corpus.resolve("expected/" + entry.getKey() + ".txt");
      if (!Files.exists(expected)) {
        continue;
      }
      Set<String> ours = new TreeSet<>();
      entry
          .getValue()
          .pods()
          .forEach(
              p -> ours.add(p.namespace() + "/" + p.owner().name() + "[" + p.owner().kind() + "]"));
      for (String line : Files.readAllLines(expected)) {
        Matcher m = PEER.matcher(line);
        while (m.find()) {
          if (!m.group(2).equals("External") && !ours.contains(m.group(0))) {
            missing.add(entry.getKey() + ": " + m.group(0));
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  @DisplayName(
      "Files of the corpus that are not manifests (connlist_output.json, .dot, .md) are skipped with a warning")
  void nonManifestsAreWarnedAbout() {
    ClusterState minimal = states.get("netpol-analysis-example-minimal");
    assertThat(minimal.source().warnings())
        .anyMatch(w -> w.contains("connlist_output.dot") && w.contains("skipped"));
  }
}
