package io.hopscope.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.ClusterDirectories;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.policy.Semantics;
import io.hopscope.source.manifests.ManifestParser;
import io.hopscope.source.manifests.ParsedManifests;
import io.hopscope.source.translate.ClusterAssembler;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.SourceInfo;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of the {@code networkpolicy} group of the np-guard/netpol-analyzer corpus through
 * the manifests source and the connectivity analyzer with that corpus's assumptions
 * (ipBlockMatchesPods=false; hostNetwork pods treated like other pods) and compares with the
 * expected connlists: workload lines exactly, IP lines as a function from address to connections
 * (the split of ranges may differ).
 */
class NetpolAnalyzerConformanceTest {

  static final String GROUP = "networkpolicy";
  static final int EXPECTED_CASES = 41;

  @TestFactory
  @DisplayName("every networkpolicy case of netpol-analyzer yields its expected connlist")
  Stream<DynamicTest> everyCaseMatches() throws IOException {
    Optional<Path> found = ClusterDirectories.netpolAnalyzerIfPresent();
    if (found.isEmpty()) {
      // one test that is skipped (or fails under CI=true) with the reason, rather than none
      return Stream.of(
          DynamicTest.dynamicTest("netpol-analyzer corpus", ClusterDirectories::netpolAnalyzer));
    }
    Path corpus = found.get();
    List<String> cases = new ArrayList<>();
    for (String line : Files.readAllLines(corpus.resolve("index.tsv"))) {
      String[] cols = line.split("\t");
      if (cols.length >= 2 && cols[1].equals(GROUP)) {
        cases.add(cols[0]);
      }
    }
    assertThat(cases).as("cases of group %s", GROUP).hasSize(EXPECTED_CASES);
    return cases.stream().map(name -> DynamicTest.dynamicTest(name, () -> checkCase(corpus, name)));
  }

  private static void checkCase(Path corpus, String name) throws IOException {
    ParsedManifests parsed = new ManifestParser().parseTree(corpus.resolve("cases").resolve(name));
    ClusterState state =
        ClusterAssembler.assemble(
            parsed.objects(),
            new SourceInfo(
                "manifests", name, "", Instant.EPOCH, parsed.warnings(), parsed.ignoredKinds()));
    Connectivity connectivity =
        ConnectivityAnalyzer.analyze(PolicyEvaluator.of(state), Semantics.NETPOL_ANALYZER);
    List<String> actual = new TxtConnlist().write(connectivity).lines().toList();
    List<String> expected =
        Files.readAllLines(corpus.resolve("expected").resolve(name + ".txt")).stream()
            .filter(l -> !l.isBlank())
            .toList();

    assertThat(workloadLines(actual))
        .as("workload lines of %s", name)
        .containsExactlyElementsOf(workloadLines(expected));
    assertThat(ipFunction(actual))
        .as("IP lines of %s, as address -> connections", name)
        .isEqualTo(ipFunction(expected));
    assertThat(actual)
        .as("lines of %s are sorted", name)
        .isSortedAccordingTo(ConnlistLines::compare);
  }

  static List<String> workloadLines(List<String> lines) {
    return lines.stream().filter(l -> !l.contains("[External]")).sorted().toList();
  }

  /**
   * For each (direction, workload): the elementary address intervals with their connections, after
   * splitting at every boundary of both sides; adjacent equal intervals merged.
   */
  static Map<String, List<String>> ipFunction(List<String> lines) {
    Map<String, TreeMap<BigInteger, String[]>> byKey = new TreeMap<>();
    for (String line : lines) {
      if (!line.contains("[External]")) {
        continue;
      }
      String[] parts = line.split(" => | : ", 3);
      boolean fromIp = parts[0].endsWith("[External]");
      String range = fromIp ? parts[0] : parts[1];
      String key = (fromIp ? "from-ip => " : "to-ip <= ") + (fromIp ? parts[1] : parts[0]);
      String[] bounds =
          range.substring(0, range.length() - "[External]".length()).split("-(?=[0-9a-fA-F:.]+$)");
      byKey
          .computeIfAbsent(key, k -> new TreeMap<>())
          .put(number(bounds[0]), new String[] {number(bounds[1]).toString(), parts[2]});
    }
    Map<String, List<String>> out = new TreeMap<>();
    byKey.forEach(
        (key, ranges) -> {
          List<String> merged = new ArrayList<>();
          BigInteger start = null;
          BigInteger end = null;
          String conns = null;
          for (var e : ranges.entrySet()) {
            BigInteger first = e.getKey();
            BigInteger last = new BigInteger(e.getValue()[0]);
            String c = e.getValue()[1];
            if (conns != null
                && Objects.equals(c, conns)
                && end.add(BigInteger.ONE).equals(first)) {
              end = last;
              continue;
            }
            if (conns != null) {
              merged.add(start + "-" + end + " " + conns);
            }
            start = first;
            end = last;
            conns = c;
          }
          if (conns != null) {
            merged.add(start + "-" + end + " " + conns);
          }
          out.put(key, merged);
        });
    return out;
  }

  private static BigInteger number(String address) {
    return io.hopscope.topology.IpAddresses.toNumber(address);
  }

  /** Line order of connlists: by source label, then destination label. */
  static final class ConnlistLines {
    static int compare(String a, String b) {
      String[] x = a.split(" => | : ", 3);
      String[] y = b.split(" => | : ", 3);
      int bySource = x[0].compareTo(y[0]);
      return bySource != 0 ? bySource : x[1].compareTo(y[1]);
    }
  }
}
