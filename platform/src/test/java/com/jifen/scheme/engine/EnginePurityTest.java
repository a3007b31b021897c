package com.jifen.scheme.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The scoring engine stays a pure function of a scheme and a year of figures: golden cases and what-if runs call it
 * without a database, and the same inputs always give the same grades. Spring, R2DBC, Reactor or I/O inside it would
 * make a score depend on something the ledger does not record.
 */
@AnalyzeClasses(packages = "com.jifen.scheme.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class EnginePurityTest {

  @ArchTest
  static final ArchRule theEngineUsesNoFrameworkAndNoIo = noClasses()
      .that().resideInAPackage("com.jifen.scheme.engine..").and().doNotHaveSimpleName("package-info")
      .should().dependOnClassesThat().resideInAnyPackage(
          "org.springframework..", "io.r2dbc..", "reactor..", "org.reactivestreams..",
          "java.io..", "java.nio.file..", "java.net..", "java.sql..")
      .because("the scoring engine is plain Java: no Spring, no R2DBC, no Reactor, no I/O (docs/ARCHITECTURE.md)");

  @ArchTest
  static final ArchRule theEngineUsesOnlyItselfAndTheJdksValueTypes = classes()
      .that().resideInAPackage("com.jifen.scheme.engine..").and().doNotHaveSimpleName("package-info")
      .should().onlyDependOnClassesThat().resideInAnyPackage(
          "com.jifen.scheme.engine..", "java.lang..", "java.math..", "java.util..", "java.time..")
      .because("features call the engine, never the other way round, and it needs nothing but numbers and collections");
}
