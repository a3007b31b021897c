package com.jifen.scheme.internal;

import com.jifen.scheme.ShippedSchemes;
import com.jifen.scheme.config.SchemeLoader;
import java.util.List;
import java.util.stream.Collectors;

/** The shipped schemes as templates in the editor: any signed-in township user may read them. */
final class SchemeTemplates {
  private SchemeTemplates() {}

  /**
   * A template as offered to every township: the seed scheme's own description (the file's opening comment), what it
   * scores, and its YAML to adopt as is or edit before publishing.
   */
  record Template(String code, String name, String description, String subject, List<String> categories,
      String yaml) {}

  static List<Template> templates() {
    return ShippedSchemes.yamlByCode().values().stream().map(yaml -> {
      var scheme = SchemeLoader.load("template.yaml", yaml);
      String description = yaml.lines().takeWhile(l -> l.startsWith("#")).map(l -> l.substring(1).trim())
          .collect(Collectors.joining(" "));
      return new Template(scheme.code(), scheme.name(), description, scheme.subject().name(), scheme.categories(), yaml);
    }).toList();
  }
}
