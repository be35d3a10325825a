package io.hopscope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Module boundaries of DESIGN §1: the engines are pure Java, sources and web are the edges. */
class ArchitectureTest {

  private static final String[] CORE = {
    "io.hopscope.topology..",
    "io.hopscope.policy..",
    "io.hopscope.connectivity..",
    "io.hopscope.trace..",
    "io.hopscope.diagram.."
  };

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.hopscope");
  }

  @Test
  @DisplayName("core packages use neither Spring, Reactor, nor Fabric8 types")
  void coreIsPure() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "reactor..", "io.fabric8..", "io.r2dbc..", "java.sql..")
        .check(classes);
  }

  @Test
  @DisplayName("core packages do not depend on sources, snapshots or web")
  void coreDoesNotReachEdges() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.hopscope.source..", "io.hopscope.snapshot..", "io.hopscope.web..")
        .check(classes);
  }

  @Test
  @DisplayName("only sources touch Fabric8 model types")
  void fabric8StaysInSources() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.hopscope.source..", "io.hopscope.snapshot..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.fabric8..")
        .check(classes);
  }
}
