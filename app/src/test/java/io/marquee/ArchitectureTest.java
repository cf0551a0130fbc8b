package io.marquee;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.marquee.capability.Capability;
import io.marquee.core.EventRecord;
import org.junit.jupiter.api.Test;

/**
 * The package layering of the main classes, pinned (docs/architecture.md, "Seams"): no cycles
 * between {@code io.marquee.*} packages; {@code core} depends on nothing of ours; the log record
 * codec depends on {@code java.*} only; {@code capability} (the registration contract) depends on
 * {@code core} alone of ours, and each {@link Capability} lives in its capability's package;
 * nothing imports {@code server} but the entry points.
 *
 * <p>The entry points are {@code cli} (the {@code marquee} command line) and {@code bench}, whose
 * {@code bench recommend} starts a node and its HTTP server in-process to load-test a synthetic model:
 * a runnable tier, like {@code cli}, that no capability depends on.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.marquee");

  @Test
  void packages_formNoCycles() {
    slices().matching("io.marquee.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void core_dependsOnNothingOfOurs() {
    noClasses().that().resideInAPackage("io.marquee.core..")
        .should().dependOnClassesThat(resideInAPackage("io.marquee..").and(not(resideInAPackage("io.marquee.core.."))))
        .check(MAIN);
  }

  @Test
  void core_usesNoLibraryButJacksonsTreeModel() {
    classes().that().resideInAPackage("io.marquee.core..")
        .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "io.marquee.core..",
            "com.fasterxml.jackson.databind", "com.fasterxml.jackson.databind.node"))
        .check(MAIN);
  }

  @Test
  void eventRecordCodec_dependsOnJavaOnly() {
    // Kafka consumers and the Spark module decode the log with their own JSON library (and version)
    classes().that().belongToAnyOf(EventRecord.class)
        .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "io.marquee.core.."))
        .check(MAIN);
  }

  @Test
  void registrationContract_dependsOnCoreAndTheProjectionSeamAloneOfOurs() {
    classes().that().resideInAPackage("io.marquee.capability..")
        .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "io.marquee.core..",
            "io.marquee.capability..", "io.javalin.config..", "io.marquee.store..",
            "com.fasterxml.jackson.databind"))
        .check(MAIN);
  }

  @Test
  void capabilities_liveInTheirOwnPackages_notInTheServerOrTheCommandLine() {
    classes().that().implement(Capability.class)
        .should().resideOutsideOfPackages("io.marquee.server..", "io.marquee.cli..", "io.marquee.capability..")
        .check(MAIN);
  }

  @Test
  void server_isImportedOnlyByTheEntryPoints() {
    noClasses().that().resideOutsideOfPackages("io.marquee.server..", "io.marquee.cli..", "io.marquee.bench..")
        .should().dependOnClassesThat().resideInAPackage("io.marquee.server..")
        .check(MAIN);
  }
}
