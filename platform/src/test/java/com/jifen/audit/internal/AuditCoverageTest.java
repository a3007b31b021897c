package com.jifen.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Mutation field of schema.graphqls has a test asserting its audit row: some test source calls
 * {@code assertAudited("<field>", …)} (com.jifen.testing.AuditTrail). A new mutation without one fails here.
 * The one exception is castVote ({@link AuditedMutations#UNAUDITED}): ballot secrecy forbids a row per vote.
 */
class AuditCoverageTest {

  @Test
  void everyMutationFieldHasATestAssertingItsAuditRow() throws IOException {
    Set<String> fields = mutationFields();
    String tests = testSources();
    List<String> uncovered = fields.stream()
        .filter(f -> !AuditedMutations.UNAUDITED.contains(f))
        .filter(f -> !tests.contains("assertAudited(\"" + f + "\""))
        .toList();
    assertThat(uncovered).as("Mutation fields without an assertAudited(\"<field>\", …) in src/test/java").isEmpty();
  }

  @Test
  void theUnauditedExceptionsAreMutationsThatExist() throws IOException {
    assertThat(mutationFields()).containsAll(AuditedMutations.UNAUDITED);
    assertThat(AuditedMutations.UNAUDITED).containsExactly("castVote");
  }

  static Set<String> mutationFields() throws IOException {
    try (InputStream in = AuditCoverageTest.class.getResourceAsStream("/graphql/schema.graphqls")) {
      assertThat(in).as("schema.graphqls on the classpath").isNotNull();
      TypeDefinitionRegistry registry = new SchemaParser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      Set<String> fields = new LinkedHashSet<>();
      registry.getType("Mutation", ObjectTypeDefinition.class)
          .ifPresent(t -> t.getFieldDefinitions().forEach(f -> fields.add(f.getName())));
      registry.objectTypeExtensions().getOrDefault("Mutation", List.of())
          .forEach(t -> t.getFieldDefinitions().stream().map(FieldDefinition::getName).forEach(fields::add));
      assertThat(fields).as("Mutation fields").contains("createMember", "castVote");
      return fields;
    }
  }

  private static String testSources() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        all.append(Files.readString(file)).append('\n');
      }
    }
    return all.toString();
  }
}
