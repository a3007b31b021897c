package com.jifen.scheme.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML configuration file that passed its syntax and its JSON Schema, with the node tree kept for locating
 * later errors. Every configuration file of tenant-config goes through here.
 */
public record ConfigDocument(YamlTree tree, Map<String, Object> data) {

  public static ConfigDocument parse(String file, String yaml, JsonSchema schema) {
    Checked checked = check(file, yaml, schema);
    if (!checked.schemaErrors().isEmpty()) {
      throw new SchemeConfigException(checked.schemaErrors());
    }
    return checked.document();
  }

  /** A document that passed its syntax, and what its JSON Schema found (sorted by line and column). */
  public record Checked(ConfigDocument document, List<ConfigError> schemaErrors) {}

  /**
   * Syntax errors are thrown (nothing else can be read); JSON Schema errors are returned with the document, so a
   * caller can report them together with its semantic errors in one answer.
   */
  public static Checked check(String file, String yaml, JsonSchema schema) {
    YamlTree tree;
    Object data;
    try {
      tree = YamlTree.compose(file, yaml);
      data = toValue(tree.root());
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark();
      throw new SchemeConfigException(List.of(new ConfigError(
          file, mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1, "",
          "YAML 语法错误: " + e.getProblem())));
    }
    if (!(data instanceof Map<?, ?>)) {
      throw new SchemeConfigException(List.of(new ConfigError(file, 1, 1, "", "文件内容必须是一个对象 (a mapping)")));
    }
    List<ConfigError> errors = new ArrayList<>();
    for (ValidationMessage m : schema.validate(toJson(data))) {
      List<Object> path = new ArrayList<>();
      var location = m.getInstanceLocation();
      for (int i = 0; i < location.getNameCount(); i++) {
        path.add(location.getElement(i));
      }
      // a missing key points at its parent; a misspelt (unknown) key at the key itself, not at its object
      if (m.getProperty() != null && ("required".equals(m.getType()) || "additionalProperties".equals(m.getType()))) {
        path.add(m.getProperty());
      }
      errors.add(tree.error(path, stripLocation(m)));
    }
    errors.sort(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) data;
    return new Checked(new ConfigDocument(tree, map), List.copyOf(errors));
  }

  public static JsonSchema schema(String resource) {
    try (InputStream in = ConfigDocument.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      var config = SchemaValidatorsConfig.builder().locale(Locale.SIMPLIFIED_CHINESE).build();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(text, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String stripLocation(ValidationMessage m) {
    String message = m.getMessage();
    String prefix = m.getInstanceLocation().toString() + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  /** YAML nodes to plain values; numbers stay exact as BigDecimal (never through double). */
  static Object toValue(Node node) {
    if (node == null) {
      return null;
    }
    return switch (node) {
      case MappingNode map -> {
        Map<String, Object> result = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
          result.put(((ScalarNode) t.getKeyNode()).getValue(), toValue(t.getValueNode()));
        }
        yield result;
      }
      case SequenceNode seq -> seq.getValue().stream().map(ConfigDocument::toValue).toList();
      case ScalarNode s when s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT) -> {
        try {
          yield new BigDecimal(s.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
          yield s.getValue();
        }
      }
      case ScalarNode s when s.getTag().equals(Tag.BOOL) -> Boolean.parseBoolean(s.getValue());
      case ScalarNode s when s.getTag().equals(Tag.NULL) -> null;
      case ScalarNode s -> s.getValue();
      default -> null;
    };
  }

  private static JsonNode toJson(Object value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (value) {
      case null -> f.nullNode();
      case Map<?, ?> map -> {
        ObjectNode o = f.objectNode();
        map.forEach((k, v) -> o.set(String.valueOf(k), toJson(v)));
        yield o;
      }
      case List<?> list -> {
        ArrayNode a = f.arrayNode();
        list.forEach(v -> a.add(toJson(v)));
        yield a;
      }
      case BigDecimal d when d.scale() <= 0 -> f.numberNode(d.toBigInteger());
      case BigDecimal d -> f.numberNode(d);
      case Boolean b -> f.booleanNode(b);
      default -> f.textNode(value.toString());
    };
  }
}
