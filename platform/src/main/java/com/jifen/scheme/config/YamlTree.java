package com.jifen.scheme.config;

import java.io.StringReader;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** The YAML node tree kept beside the parsed values so that any path can be traced back to a line and column. */
public final class YamlTree {
  private final String file;
  private final Node root;

  private YamlTree(String file, Node root) {
    this.file = file;
    this.root = root;
  }

  static YamlTree compose(String file, String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setCodePointLimit(1_000_000);
    return new YamlTree(file, new Yaml(options).compose(new StringReader(text)));
  }

  Node root() {
    return root;
  }

  public ConfigError error(List<Object> path, String message) {
    Mark mark = locate(path);
    return new ConfigError(
        file, mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1, format(path), message);
  }

  /** The mark of the deepest node along the path that exists (a missing key points at its parent). */
  private Mark locate(List<Object> path) {
    Node node = root;
    Mark mark = root == null ? null : root.getStartMark();
    for (Object segment : path) {
      Node next = null;
      if (node instanceof MappingNode map && segment instanceof String key) {
        for (NodeTuple t : map.getValue()) {
          if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
            next = t.getValueNode();
            mark = t.getKeyNode().getStartMark();
          }
        }
      } else if (node instanceof SequenceNode seq && segment instanceof Integer i && i < seq.getValue().size()) {
        next = seq.getValue().get(i);
        mark = next.getStartMark();
      }
      if (next == null) {
        break;
      }
      node = next;
    }
    return mark;
  }

  static String format(List<Object> path) {
    StringBuilder sb = new StringBuilder();
    for (Object segment : path) {
      if (segment instanceof Integer i) {
        sb.append('[').append(i).append(']');
      } else {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(segment);
      }
    }
    return sb.toString();
  }
}
