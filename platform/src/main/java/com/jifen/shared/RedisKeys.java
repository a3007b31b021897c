package com.jifen.shared;

/**
 * Every Redis key the service builds. A key that belongs to a township carries the township's code as a Redis
 * Cluster hash tag ({@code {QS}}): only the part between the first braces is hashed, so all of one township's keys
 * live in one slot and a command over several of them (the DEL of a write's invalidation, the SCAN of a township's
 * boards) stays legal on a cluster. Keys without a township are only ever used one at a time.
 */
public final class RedisKeys {
  private RedisKeys() {}

  /** The township's hash tag. Township codes ({@link TenantId}) cannot contain braces, so the tag is exactly the code. */
  public static String tag(TenantId township) {
    return "{" + township.value() + "}";
  }

  /**
   * A ranking board: a sorted set of member ids by score.
   *
   * @param period {@code M01}…{@code M12}, {@code Q1}…{@code Q4} or {@code YP} (year, provisional)
   * @param scope {@code branch:<id>}, {@code org:<id>} or {@code town}
   */
  public static String ranking(TenantId township, int year, String period, String scope) {
    return rankingsOf(township) + year + ":" + period + ":" + scope;
  }

  /** A SCAN pattern matching every ranking board of one township and nothing of another. */
  public static String rankingPattern(TenantId township) {
    return rankingsOf(township) + "*";
  }

  private static String rankingsOf(TenantId township) {
    return "rank:" + tag(township) + ":";
  }

  /**
   * The token bucket of wrong ballot codes naming one township. The code's prefix is what a caller typed, so it is
   * tagged as given (already reduced to {@code [A-Z0-9]{1,16}} or {@code ?}), not parsed as a {@link TenantId}.
   */
  public static String ballotGuessesOfTownship(String codePrefix) {
    if (!codePrefix.matches("[A-Z0-9]{1,16}|\\?")) {
      throw new IllegalArgumentException("not a ballot code prefix: " + codePrefix);
    }
    return "ballot-guess:township:{" + codePrefix + "}";
  }

  /** The token bucket of wrong ballot codes from one client address: no township, used alone. */
  public static String ballotGuessesOfAddress(String address) {
    return "ballot-guess:addr:" + address;
  }
}
