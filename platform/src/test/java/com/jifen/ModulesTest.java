package com.jifen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The features stay apart: no cycles between them, no reaching into another feature's internals, and no dependency a
 * feature's {@code package-info.java} does not allow. The module documentation (component diagrams and module
 * canvases) is generated here and its committed copy in {@code docs/modules} must match what the code says.
 */
class ModulesTest {

  static final ApplicationModules MODULES = ApplicationModules.of(PointsPlatformApplication.class);

  /** Written by every run; the committed copy is compared with it. */
  static final Path GENERATED = Path.of("target", "spring-modulith-docs");

  static final Path COMMITTED = Path.of("..", "docs", "modules");

  /** {@code -Djifen.modules.refresh=true} copies the generated documentation over the committed one. */
  static final boolean REFRESH = Boolean.getBoolean("jifen.modules.refresh");

  @Test
  void featureBoundariesHold() {
    MODULES.verify();
  }

  @Test
  void theCommittedModuleDocumentationIsWhatTheCodeSays() throws IOException {
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(GENERATED.toString()))
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml()
        .writeModuleCanvases();
    Map<String, String> generated = read(GENERATED);
    assertThat(generated).as("Documenter wrote the component diagrams and canvases").containsKey("components.puml");
    if (REFRESH) {
      replace(COMMITTED, generated);
    }
    assertThat(read(COMMITTED))
        .as("docs/modules differs from the generated module documentation (target/spring-modulith-docs). Refresh it with "
            + "`mvn -pl platform test -Dtest=ModulesTest -Djifen.modules.refresh=true` and commit docs/modules")
        .isEqualTo(generated);
  }

  /** File name → content; the Documenter writes a flat folder. */
  static Map<String, String> read(Path folder) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return files;
    }
    try (Stream<Path> list = Files.list(folder)) {
      for (Path p : list.filter(Files::isRegularFile).toList()) {
        files.put(p.getFileName().toString(), stableOrder(Files.readString(p).replace("\r\n", "\n")));
      }
    }
    return files;
  }

  /**
   * The Documenter lists a diagram's components and relations in hash order, which changes from run to run; sorted, a
   * diagram reads the same whenever the modules do.
   */
  static String stableOrder(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int start = 0;
    while (start < lines.size()) {
      int end = start;
      while (end < lines.size() && isDiagramElement(lines.get(end))) {
        end++;
      }
      if (end > start) {
        lines.subList(start, end).sort(null);
        start = end;
      } else {
        start++;
      }
    }
    return String.join("\n", lines);
  }

  static boolean isDiagramElement(String line) {
    String element = line.strip();
    return element.startsWith("Rel(") || element.startsWith("Component(");
  }

  static void replace(Path folder, Map<String, String> files) throws IOException {
    Files.createDirectories(folder);
    List<Path> stale = new ArrayList<>();
    try (Stream<Path> list = Files.list(folder)) {
      list.filter(p -> !files.containsKey(p.getFileName().toString())).forEach(stale::add);
    }
    for (Path p : stale) {
      Files.delete(p);
    }
    files.forEach((name, text) -> {
      try {
        Files.writeString(folder.resolve(name), text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
