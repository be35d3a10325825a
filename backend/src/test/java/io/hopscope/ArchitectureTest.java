package io.hopscope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md, checked: features are packages {@code io.hopscope.FEATURE}
 * without cycles between them, the engines are pure Java and render nothing, and a feature's {@code
 * internal} package is its own.
 */
class ArchitectureTest {

  private static final String ROOT = "io.hopscope";

  /** The engines: pure functions of a ClusterState, no I/O, no framework. */
  private static final String[] ENGINES = {
    "io.hopscope.topology..",
    "io.hopscope.policy..",
    "io.hopscope.connectivity..",
    "io.hopscope.trace..",
    "io.hopscope.diagram.."
  };

  /**
   * The only uses of another feature's {@code internal} package, each with its reason: feature that
   * uses it -> feature whose internal package it uses.
   */
  private static final Map<String, Map<String, String>> INTERNAL_EXCEPTIONS =
      Map.of(
          "connectivity",
          Map.of(
              "policy",
              "the connectivity analysis is the policy evaluator run over all pairs: it groups pods"
                  + " by the compiled selectors and port matchers of policy.internal instead of"
                  + " compiling every policy a second time"));

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  @DisplayName("no cycles between features (io.hopscope.FEATURE..)")
  void noCyclesBetweenFeatures() {
    slices().matching("io.hopscope.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  @DisplayName("engines use neither Spring (web or otherwise), Reactor, Netty, Fabric8 nor JDBC")
  void enginesArePure() {
    noClasses()
        .that()
        .resideInAnyPackage(ENGINES)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "reactor..",
            "io.netty..",
            "io.fabric8..",
            "io.r2dbc..",
            "java.sql..",
            "javax.sql..",
            "org.h2..")
        .check(classes);
  }

  @Test
  @DisplayName("engines do not depend on sources, snapshots or web")
  void enginesDoNotReachEdges() {
    noClasses()
        .that()
        .resideInAnyPackage(ENGINES)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.hopscope.source..", "io.hopscope.snapshot..", "io.hopscope.web..")
        .check(classes);
  }

  @Test
  @DisplayName("only the diagram feature renders diagrams: no other engine depends on it")
  void enginesRenderNoDiagrams() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.hopscope.topology..",
            "io.hopscope.policy..",
            "io.hopscope.connectivity..",
            "io.hopscope.trace..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.hopscope.diagram..")
        .check(classes);
  }

  @Test
  @DisplayName("only sources and snapshots touch Fabric8 model types")
  void fabric8StaysInSources() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.hopscope.source..", "io.hopscope.snapshot..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.fabric8..")
        .check(classes);
  }

  @Test
  @DisplayName("a feature's internal package is used by that feature only (documented exceptions)")
  void internalStaysInItsFeature() {
    classes().should(useOnlyTheirOwnInternals()).check(classes);
  }

  @Test
  @DisplayName("every package has a package-info.java saying what it is for")
  void everyPackageIsDocumented() {
    Set<String> undocumented = new TreeSet<>();
    for (JavaClass javaClass : classes) {
      if (javaClass.getPackage().tryGetPackageInfo().isEmpty()) {
        undocumented.add(javaClass.getPackageName());
      }
    }
    assertThat(classes).as("classes imported").isNotEmpty();
    assertThat(undocumented).as("packages without package-info.java").isEmpty();
  }

  /** The feature a class belongs to ({@code io.hopscope.FEATURE...}), if any. */
  private static Optional<String> feature(JavaClass javaClass) {
    String name = javaClass.getPackageName();
    if (!name.startsWith(ROOT + ".")) {
      return Optional.empty();
    }
    String rest = name.substring(ROOT.length() + 1);
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }

  private static boolean isInternal(JavaClass javaClass) {
    String name = javaClass.getPackageName();
    return name.endsWith(".internal") || name.contains(".internal.");
  }

  private static ArchCondition<JavaClass> useOnlyTheirOwnInternals() {
    return new ArchCondition<>("use only their own feature's internal packages") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<String> from = feature(origin);
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass();
          Optional<String> to = feature(target);
          if (!isInternal(target) || to.isEmpty() || to.equals(from)) {
            continue;
          }
          boolean documented =
              from.map(f -> INTERNAL_EXCEPTIONS.getOrDefault(f, Map.of()).containsKey(to.get()))
                  .orElse(false);
          if (!documented) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }
}
