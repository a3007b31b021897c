package com.jifen.shared;

import java.util.UUID;

/** Parsing of ids arriving from clients: a malformed id is a NOT_FOUND, never a server error. */
public final class Ids {
  private Ids() {}

  public static UUID parse(String what, String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw DomainException.notFound(what, id);
    }
  }

  /** Time-ordered (version 7) ids keep inserts local in the primary-key index. */
  public static UUID newId() {
    long millis = System.currentTimeMillis();
    var random = java.util.concurrent.ThreadLocalRandom.current();
    long msb = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
