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

/**
 * The seed schemes shipped in tenant-config/schemes, their YAML by scheme code: what a new township (and the demo)
 * starts from. Offering them as templates in the editor is this feature's own (scheme.internal).
 */
public final class ShippedSchemes {
  private ShippedSchemes() {}

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
