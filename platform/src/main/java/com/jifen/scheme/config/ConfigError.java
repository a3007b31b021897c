package com.jifen.scheme.config;

/** One problem in a configuration file, located by file, line, column (1-based) and path. */
public record ConfigError(String file, int line, int column, String path, String message) {
  @Override
  public String toString() {
    return "%s:%d:%d %s: %s".formatted(file, line, column, path.isEmpty() ? "(document)" : path, message);
  }
}
