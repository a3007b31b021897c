package com.jifen.shared;

import graphql.ErrorClassification;

/** The classifications every API error carries (extensions.classification). */
public enum ErrorKind implements ErrorClassification {
  BAD_REQUEST,
  UNAUTHORIZED,
  FORBIDDEN,
  NOT_FOUND,
  CONFLICT,
  UNAVAILABLE,
  /** Too many attempts from one client or at one target (ballot-code guessing); try again later. */
  TOO_MANY_REQUESTS
}
