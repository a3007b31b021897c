package com.jifen.api;

import com.jifen.shared.Page;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorEncoder;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.graphql.data.pagination.EncodingCursorStrategy;

/**
 * Relay cursors: opaque keyset values, validated on decode. A cursor is the keyset as {@code name=value} text
 * (names lower-case letters, values percent-encoded strings), base64url, followed by a check value, so a
 * truncated, edited or invented cursor is refused as {@code INVALID_CURSOR} before any query runs. Values are
 * strings only: nothing names a class and nothing is deserialized polymorphically (the default strategy's JSON
 * carries Java types). The check value is a digest, not a secret: a forged cursor still only moves where a
 * township's own list starts, under row-level security.
 */
final class Cursors implements CursorStrategy<ScrollPosition> {
  static final int MAX_LENGTH = 1024;
  private static final String VERSION = "k1;";
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{4,1000}\\.[A-Za-z0-9_-]{8}");
  private static final Pattern NAME = Pattern.compile("[a-z]{1,16}");
  private static final int MAX_KEYS = 8;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  @Override
  public boolean supports(Class<?> targetType) {
    return ScrollPosition.class.isAssignableFrom(targetType);
  }

  @Override
  public String toCursor(ScrollPosition position) {
    if (!(position instanceof KeysetScrollPosition keyset)) {
      throw new IllegalArgumentException("only keyset positions become cursors: " + position);
    }
    String body = VERSION + keyset.getKeys().entrySet().stream()
        .map(e -> requireName(e.getKey()) + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return ENCODER.encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "." + check(body);
  }

  @Override
  public ScrollPosition fromCursor(String cursor) {
    if (cursor == null || cursor.length() > MAX_LENGTH || !SHAPE.matcher(cursor).matches()) {
      throw Page.invalidCursor();
    }
    int dot = cursor.indexOf('.');
    String body;
    try {
      body = new String(DECODER.decode(cursor.substring(0, dot)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw Page.invalidCursor();
    }
    if (!MessageDigest.isEqual(check(body).getBytes(StandardCharsets.US_ASCII),
        cursor.substring(dot + 1).getBytes(StandardCharsets.US_ASCII)) || !body.startsWith(VERSION)) {
      throw Page.invalidCursor();
    }
    String[] pairs = body.substring(VERSION.length()).split("&", -1);
    if (pairs.length > MAX_KEYS) {
      throw Page.invalidCursor();
    }
    Map<String, Object> keys = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq < 0 || !NAME.matcher(pair.substring(0, eq)).matches()) {
        throw Page.invalidCursor();
      }
      try {
        keys.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw Page.invalidCursor();
      }
    }
    return ScrollPosition.forward(keys);
  }

  private static String requireName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a cursor key is lower-case letters: " + name);
    }
    return name;
  }

  private static String check(String body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
      return ENCODER.encodeToString(Arrays.copyOf(digest, 6));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Configuration
  static class Config {
    /** Replaces Spring Boot's default (JSON with Java types, then base64) for every Relay connection. */
    @Bean
    EncodingCursorStrategy<ScrollPosition> cursorStrategy() {
      return CursorStrategy.withEncoder(new Cursors(), CursorEncoder.noOpEncoder());
    }
  }
}
