package com.jifen.shared;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * A Relay connection page built from a keyset query that fetched {@code first + 1} rows: the extra row only
 * tells whether there is a next page. Cursors are opaque (base64 of the sort key).
 */
public record Page<T>(List<Edge<T>> edges, PageInfo pageInfo) {
  public static final int MAX_PAGE = 500;

  public record Edge<T>(String cursor, T node) {}

  public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {}

  public static <T> Page<T> of(List<T> rowsPlusOne, int first, boolean hasPrevious, Function<T, String> key) {
    boolean hasNext = rowsPlusOne.size() > first;
    List<T> rows = hasNext ? rowsPlusOne.subList(0, first) : rowsPlusOne;
    List<Edge<T>> edges = rows.stream().map(r -> new Edge<>(encode(key.apply(r)), r)).toList();
    return new Page<>(
        edges,
        new PageInfo(
            hasNext,
            hasPrevious,
            edges.isEmpty() ? null : edges.getFirst().cursor(),
            edges.isEmpty() ? null : edges.getLast().cursor()));
  }

  public static int limit(Integer first) {
    int n = first == null ? 50 : first;
    if (n < 0 || n > MAX_PAGE) {
      throw DomainException.badRequest("INVALID_PAGE_SIZE", "每页条数须在 0 到 %d 之间".formatted(MAX_PAGE));
    }
    return n;
  }

  public static String encode(String key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  /** The sort key inside a cursor; a cursor not made by us is a BAD_REQUEST. */
  public static String decode(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw DomainException.badRequest("INVALID_CURSOR", "分页游标无效，请从第一页重新查询");
    }
  }
}
