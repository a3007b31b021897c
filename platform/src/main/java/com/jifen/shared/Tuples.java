package com.jifen.shared;

import java.util.ArrayList;
import java.util.List;

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
  private Tuples() {}

  /** The tuples of one aggregated text; null (no rows were aggregated) is none. */
  public static String[][] parse(String text) {
    if (text == null || text.isEmpty()) {
      return new String[0][];
    }
    List<String[]> tuples = new ArrayList<>();
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf(';', start);
      if (end < 0) {
        end = text.length();
      }
      tuples.add(fields(text, start, end));
      start = end + 1;
    }
    return tuples.toArray(String[][]::new);
  }

  private static String[] fields(String text, int from, int to) {
    int count = 1;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == ' ') {
        count++;
      }
    }
    String[] fields = new String[count];
    int start = from;
    for (int f = 0; f < count; f++) {
      int end = f == count - 1 ? to : text.indexOf(' ', start);
      fields[f] = text.substring(start, end);
      start = end + 1;
    }
    return fields;
  }
}
