package com.jifen.demo;

import com.jifen.scheme.config.ConfigDocument;
import com.networknt.schema.JsonSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A township as configured in tenant-config/tenants: identity, county, which scheme scores each member
 * category, ranking visibility, and the size of its demo data.
 */
public record TownshipConfig(
    String code,
    String name,
    String countyCode,
    String countyName,
    Shape shape,
    String rankingVisibility,
    Map<String, String> schemes,
    int generalBranches,
    int branchesPerGeneralBranch,
    int members) {

  /** What kind of township, which decides its organizations and member categories. */
  public enum Shape { VILLAGE, ORGAN_HOSPITAL, ENTERPRISE }

  private static final JsonSchema SCHEMA = ConfigDocument.schema("/tenant-config/tenant.schema.json");

  @SuppressWarnings("unchecked")
  public static TownshipConfig parse(String file, String yaml) {
    Map<String, Object> d = ConfigDocument.parse(file, yaml, SCHEMA).data();
    Map<String, Object> county = (Map<String, Object>) d.get("county");
    Map<String, Object> demo = (Map<String, Object>) d.getOrDefault("demo", Map.of());
    Map<String, String> schemes = new LinkedHashMap<>();
    ((Map<String, Object>) d.get("schemes")).forEach((k, v) -> schemes.put(k, String.valueOf(v)));
    return new TownshipConfig(
        (String) d.get("code"), (String) d.get("name"), (String) county.get("code"), (String) county.get("name"),
        Shape.valueOf((String) d.get("shape")), (String) d.getOrDefault("rankingVisibility", "BRANCH"),
        Map.copyOf(schemes), intOr(demo, "generalBranches", 2), intOr(demo, "branchesPerGeneralBranch", 5),
        intOr(demo, "members", 500));
  }

  private static int intOr(Map<String, Object> m, String key, int fallback) {
    return m.get(key) == null ? fallback : ((BigDecimal) m.get(key)).intValue();
  }

  /** The demo townships shipped in tenant-config/tenants, in code order. */
  public static List<TownshipConfig> shipped() {
    try {
      Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:/tenant-config/tenants/*.yaml");
      List<TownshipConfig> result = new ArrayList<>();
      for (Resource r : files) {
        try (InputStream in = r.getInputStream()) {
          result.add(parse("tenants/" + r.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      }
      result.sort(java.util.Comparator.comparing(TownshipConfig::code));
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
