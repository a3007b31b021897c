package com.jifen.bench;

import com.jifen.demo.DemoCounty;
import com.jifen.demo.DemoLoader;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.ShippedSchemes;
import com.jifen.shared.TenantId;
import com.jifen.testing.Keycloak;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;

/**
 * The seed-002-sized county, loaded, with every category scored by S1 (so every branch has a 10-item monthly
 * grid and an item ballot), and a township-admin token per township. Shared by the ledger and settlement benchmarks.
 */
final class BenchCounty {
  private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
  private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
      .connectTimeout(java.time.Duration.ofSeconds(5)).build();

  static final String SCHEME = "BENCH-S1";
  static final String[] ITEMS = {"STUDY", "ORG_LIFE", "DUES", "DISCIPLINE", "DUTY", "PLEDGE", "MASSES", "VANGUARD", "INTEGRITY", "MORALITY"};
  static final List<String> CATEGORIES = List.of("VILLAGE", "COMMUNITY", "ORGAN", "ENTERPRISE", "HOSPITAL", "SOCIAL_ORGANIZATION");

  final List<DemoCounty.Township> townships;
  /** Township code → admin token. */
  final Map<String, String> tokens = new LinkedHashMap<>();
  int schemeVersion;

  BenchCounty(ApplicationContext context, int year) {
    townships = DemoCounty.fullCounty(2026);
    context.getBean(DemoLoader.class).load(townships).block();
    SchemeService schemes = context.getBean(SchemeService.class);
    String s1 = ShippedSchemes.yamlByCode().get("S1-ten-item-star-rating")
        .replace("categories: [ORGAN, ENTERPRISE, HOSPITAL]", "categories: [" + String.join(", ", CATEGORIES) + "]")
        .replace("code: S1-ten-item-star-rating", "code: " + SCHEME);
    for (var t : townships) {
      TenantId tenant = new TenantId(t.config().code());
      var version = schemes.publish(tenant, "bench", s1, "bench").block();
      schemeVersion = version.version();
      for (String category : CATEGORIES) {
        schemes.pin(tenant, "bench", year, category, version.schemeCode(), version.version()).block();
      }
      tokens.put(tenant.value(), Keycloak.createUser("bench.admin." + tenant.value().toLowerCase(), tenant.value(),
          List.of("tenant-admin"), null, null));
    }
  }

  /** One GraphQL request over HTTP with a bearer token, as an integrating app would send it. */
  static tools.jackson.databind.JsonNode call(String url, String token, String query, Map<String, Object> variables) {
    try {
      String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
      var response = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
