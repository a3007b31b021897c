package com.jifen.shared;

import java.util.regex.Pattern;

/**
 * Many small rows read as one text: a query aggregates them per subject as
 * {@code string_agg(a || ' ' || b || ' ' || c, ';')} and this splits them back. Only for fields that cannot contain
 * a space or a semicolon: codes (schemes allow letters, digits, '_' and '-'), kinds, numbers; a nullable field is
 * written as {@code coalesce(x, '')} and comes back as an empty string.
 *
 * <p>Why: r2dbc-postgresql pays per row (a signal, with thread locals restored) and parses text-format arrays byte
 * by byte, and PostgreSQL's own grouping and JSON building cost more than the reading: a county's year-end read is
 * two million ledger entries and ballot ratings. One plain text per member is the cheapest form for both sides.
 */
public final class Tuples {
  private static final Pattern TUPLES = Pattern.compile(";");
  private static final Pattern FIELDS = Pattern.compile(" ");

  private Tuples() {}

  /** The tuples of one aggregated text; null (no rows were aggregated) is none. */
  public static String[][] parse(String text) {
    if (text == null || text.isEmpty()) {
      return new String[0][];
    }
    String[] tuples = TUPLES.split(text);
    String[][] result = new String[tuples.length][];
    for (int i = 0; i < tuples.length; i++) {
      result[i] = FIELDS.split(tuples[i], -1);
    }
    return result;
  }
}
