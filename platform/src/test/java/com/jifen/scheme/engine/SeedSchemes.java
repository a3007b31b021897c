package com.jifen.scheme.engine;

import com.jifen.scheme.config.SchemeLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The seed schemes as shipped in tenant-config/schemes (the files users get, not test copies). */
public final class SeedSchemes {
  public static final String S1 = "s1-ten-item-star-rating.yaml";
  public static final String S2 = "s2-village-base-bonus.yaml";
  public static final String S3 = "s3-three-cards.yaml";
  public static final String S4 = "s4-branch-promotion.yaml";

  private SeedSchemes() {}

  public static String text(String file) {
    try (InputStream in = SeedSchemes.class.getResourceAsStream("/tenant-config/schemes/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Scheme load(String file) {
    return SchemeLoader.load("schemes/" + file, text(file));
  }

  public static ScoringEngine engine(String file) {
    return new ScoringEngine(load(file));
  }
}
