package io.hopscope.source.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Thousands of mutated real manifests through the import pipeline (parse, then translate): each
 * either becomes a state or fails with a {@link ManifestException} that names the input, never with
 * any other exception (an upload would answer 500) and never slowly.
 */
class ManifestFuzzTest {

  private static final long SEED = 20_260_912L;
  private static final int CASES = Integer.getInteger("fuzz.cases", 4_000);

  /** A hang, not a slow case: the build machine is shared and a 1 MiB string takes ~2 s. */
  private static final Duration SLOW_CASE = Duration.ofSeconds(15);

  @Test
  @DisplayName("Mutated manifests are read or refused with a located error, never crash or hang")
  void mutatedManifests() {
    long start = System.nanoTime();
    ManifestMutations corpus = ManifestMutations.corpus();
    System.out.printf(
        "fuzz corpus: %d documents in %d ms%n",
        corpus.size(), (System.nanoTime() - start) / 1_000_000);
    assertThat(corpus.size()).as("documents in the corpus").isGreaterThan(500);
    ManifestParser parser = new ManifestParser();
    ManifestsLoader loader = new ManifestsLoader();
    List<String> crashes = new ArrayList<>();
    List<String> slow = new ArrayList<>();
    int[] outcomes = new int[2];
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> {
          for (int i = 0; i < CASES; i++) {
            ManifestMutations.Case input = corpus.mutate(SEED, i);
            long started = System.nanoTime();
            try {
              loader.assemble(parser.parse("fuzz.yaml", input.text()), "import", "fuzz.yaml");
              outcomes[0]++;
            } catch (ManifestException e) {
              assertThat(e.origin()).isEqualTo("fuzz.yaml");
              assertThat(e.problem()).isNotBlank();
              outcomes[1]++;
            } catch (RuntimeException | StackOverflowError e) {
              crashes.add("case " + i + " (" + input.description() + "): " + e);
              if (crashes.size() == 1) {
                e.printStackTrace();
              }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (took.compareTo(SLOW_CASE) > 0) {
              slow.add("case " + i + " (" + input.description() + ") took " + took);
            }
          }
        });
    System.out.printf(
        "fuzz: %d read, %d refused, %d crashed in %d ms%n",
        outcomes[0], outcomes[1], crashes.size(), (System.nanoTime() - start) / 1_000_000);
    assertThat(slow).as("cases slower than " + SLOW_CASE).isEmpty();
    assertThat(crashes)
        .as("cases that failed with something else than a ManifestException")
        .isEmpty();
    // both outcomes occur: the mutations are neither all harmless nor all fatal
    assertThat(outcomes[0]).as("read").isGreaterThan(CASES / 10);
    assertThat(outcomes[1]).as("refused").isGreaterThan(CASES / 10);
  }
}
