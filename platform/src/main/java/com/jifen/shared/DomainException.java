package com.jifen.shared;

import java.util.Map;

/**
 * A refusal a user can act on: a classification, an English code for programs, a Chinese message for the
 * township clerk, and optional details (e.g. the current value on a conflict).
 */
public class DomainException extends RuntimeException {
  private final ErrorKind kind;
  private final String code;
  private final Map<String, Object> details;

  public DomainException(ErrorKind kind, String code, String message) {
    this(kind, code, message, Map.of());
  }

  public DomainException(ErrorKind kind, String code, String message, Map<String, Object> details) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
    this.details = Map.copyOf(details);
  }

  public ErrorKind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public Map<String, Object> details() {
    return details;
  }

  public static DomainException badRequest(String code, String message) {
    return new DomainException(ErrorKind.BAD_REQUEST, code, message);
  }

  public static DomainException notFound(String what, Object id) {
    return new DomainException(ErrorKind.NOT_FOUND, "NOT_FOUND", "%s不存在或无权查看: %s".formatted(what, id));
  }

  public static DomainException forbidden(String message) {
    return new DomainException(ErrorKind.FORBIDDEN, "FORBIDDEN", message);
  }

  public static DomainException conflict(String code, String message, Map<String, Object> details) {
    return new DomainException(ErrorKind.CONFLICT, code, message, details);
  }
}
