package com.jifen.scheme;

import com.jifen.scheme.config.SchemeLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The scheme templates of tenant-config/schemes, by scheme code: what a new township starts from. */
public final class ShippedSchemes {
  private ShippedSchemes() {}

  /**
   * A template as offered to every township: the seed scheme's own description (the file's opening comment), what it
   * scores, and its YAML to adopt as is or edit before publishing.
   */
  public record Template(String code, String name, String description, String subject, java.util.List<String> categories,
      String yaml) {}

  public static java.util.List<Template> templates() {
    return yamlByCode().values().stream().map(yaml -> {
      var scheme = SchemeLoader.load("template.yaml", yaml);
      String description = yaml.lines().takeWhile(l -> l.startsWith("#")).map(l -> l.substring(1).trim())
          .collect(java.util.stream.Collectors.joining(" "));
      return new Template(scheme.code(), scheme.name(), description, scheme.subject().name(), scheme.categories(), yaml);
    }).toList();
  }

  public static Map<String, String> yamlByCode() {
    try {
      Map<String, String> result = new TreeMap<>();
      for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath:/tenant-config/schemes/*.yaml")) {
        try (InputStream in = r.getInputStream()) {
          String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          result.put(SchemeLoader.load("schemes/" + r.getFilename(), yaml).code(), yaml);
        }
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
