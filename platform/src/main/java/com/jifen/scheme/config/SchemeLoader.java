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
    ConfigDocument.Checked checked = ConfigDocument.check(file, yaml, SCHEMA);
    ConfigDocument doc = checked.document();
    List<ConfigError> errors = new ArrayList<>(checked.schemaErrors());
    // the semantic rules run even when the JSON Schema found errors, so a clerk gets every error in one answer; on
    // a document too malformed for them (a list where an object belongs …) the schema errors already say why
    try {
      errors.addAll(new SchemeRules(doc.tree(), doc.data()).check());
    } catch (RuntimeException e) {
      if (errors.isEmpty()) {
        throw e;
      }
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
      throw new SchemeConfigException(errors);
    }
    return SchemeBuilder.build(doc.data());
  }
}
