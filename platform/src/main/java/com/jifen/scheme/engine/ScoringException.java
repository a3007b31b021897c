package com.jifen.scheme.engine;

/**
 * A rule of the scheme stops the computation (e.g. the ballot is below quorum). Carries an English code
 * for programs and a Chinese message a township clerk can act on.
 */
public final class ScoringException extends RuntimeException {
  private final String code;

  public ScoringException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
