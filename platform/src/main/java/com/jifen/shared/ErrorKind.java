package com.jifen.shared;

import graphql.ErrorClassification;

/** The classifications every API error carries (extensions.classification). */
public enum ErrorKind implements ErrorClassification {
  BAD_REQUEST,
  UNAUTHORIZED,
  FORBIDDEN,
  NOT_FOUND,
  CONFLICT,
  UNAVAILABLE
}
