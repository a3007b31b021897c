package com.jifen.scheme.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration file is rejected whole; every error found is listed, not just the first. */
public final class SchemeConfigException extends RuntimeException {
  private final List<ConfigError> errors;

  public SchemeConfigException(List<ConfigError> errors) {
    super("方案配置有 %d 处错误 (invalid scheme configuration):%n%s"
        .formatted(errors.size(), errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n"))));
    this.errors = List.copyOf(errors);
  }

  public List<ConfigError> errors() {
    return errors;
  }
}
