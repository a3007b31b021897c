package com.jifen.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.query.ScrollSubrange;

/**
 * Keyset pagination for Relay connections. Spring Data R2DBC has no scroll support, so services write the
 * keyset query themselves, fetch {@code first + 1} rows (the extra row only says whether there is a next page)
 * and return a {@link Window}; Spring GraphQL turns it into edges, cursors and pageInfo.
 */
public final class Page {
  public static final int DEFAULT = 50;
  public static final int MAX = 500;

  private Page() {}

  /** Where to start and how many: forward paging only (first/after). */
  public record Request(Map<String, Object> after, int limit) {
    public boolean hasAfter() {
      return after != null;
    }

    public String key(String name) {
      Object value = after.get(name);
      if (value == null) {
        throw invalidCursor();
      }
      return value.toString();
    }

    public java.util.UUID uuid(String name) {
      try {
        return java.util.UUID.fromString(key(name));
      } catch (IllegalArgumentException e) {
        throw invalidCursor();
      }
    }

    public java.time.Instant instant(String name) {
      try {
        return java.time.Instant.parse(key(name));
      } catch (java.time.DateTimeException e) {
        throw invalidCursor();
      }
    }
  }

  /** A cursor this service did not issue, or one for another list. */
  public static DomainException invalidCursor() {
    return DomainException.badRequest("INVALID_CURSOR", "分页游标无效，请从第一页重新查询 (invalid cursor)");
  }

  public static Request request(ScrollSubrange subrange) {
    if (subrange == null) {
      return new Request(null, DEFAULT);
    }
    if (!subrange.forward()) {
      throw DomainException.badRequest("BACKWARD_PAGING", "只支持向后翻页 (first/after)");
    }
    int limit = subrange.count().orElse(DEFAULT);
    if (limit < 0 || limit > MAX) {
      throw DomainException.badRequest("INVALID_PAGE_SIZE", "每页条数须在 0 到 %d 之间".formatted(MAX));
    }
    Map<String, Object> after = null;
    if (subrange.position().isPresent()) {
      ScrollPosition position = subrange.position().get();
      if (!(position instanceof KeysetScrollPosition keyset) || keyset.getKeys().isEmpty()) {
        throw invalidCursor();
      }
      after = keyset.getKeys();
    }
    return new Request(after, limit);
  }

  /** rowsPlusOne came from "… order by key limit limit + 1". */
  public static <T> Window<T> window(List<T> rowsPlusOne, int limit, Function<T, Map<String, Object>> keys) {
    boolean hasNext = rowsPlusOne.size() > limit;
    List<T> rows = hasNext ? rowsPlusOne.subList(0, limit) : rowsPlusOne;
    return Window.from(rows, i -> ScrollPosition.forward(new LinkedHashMap<>(keys.apply(rows.get(i)))), hasNext);
  }
}
