package com.jifen.scheme.config;

import com.jifen.scheme.engine.Scheme;
import com.networknt.schema.JsonSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a scheme from YAML: syntax, then the JSON Schema in {@code tenant-config/scheme.schema.json},
 * then {@link SchemeRules}. Any error rejects the whole file; all errors are reported with file, line,
 * column and path. Pure: takes text, returns a {@link Scheme} or throws {@link SchemeConfigException}.
 */
public final class SchemeLoader {
  private static final JsonSchema SCHEMA = ConfigDocument.schema("/tenant-config/scheme.schema.json");

  private SchemeLoader() {}

  public static Scheme load(String file, String yaml) {
    ConfigDocument doc = ConfigDocument.parse(file, yaml, SCHEMA);
    List<ConfigError> errors = new ArrayList<>(new SchemeRules(doc.tree(), doc.data()).check());
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
      throw new SchemeConfigException(errors);
    }
    return SchemeBuilder.build(doc.data());
  }
}
