package com.jifen.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Keycloak started for the run (infra/test): tokens by password grant for users and by client
 * credentials for integrating apps, and the admin API to make users for a test's own fresh township.
 */
public final class Keycloak {
  public static final String PASSWORD = "Demo#2026";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Map<String, Cached> TOKENS = new ConcurrentHashMap<>();

  private record Cached(String token, Instant until) {}

  private Keycloak() {}

  public static String url() {
    return System.getenv().getOrDefault("JIFEN_KEYCLOAK_URL", "http://127.0.0.1:8180");
  }

  /** Password grant for a user of the jifen realm. */
  public static String token(String username) {
    return cached("user:" + username, () -> tokenRequest("jifen", Map.of(
        "grant_type", "password", "client_id", "points-web", "username", username, "password", PASSWORD)));
  }

  /** A new password-grant token, never from the cache: for a token issued now but first used later. */
  public static String freshToken(String username) {
    return tokenRequest("jifen", Map.of(
        "grant_type", "password", "client_id", "points-web", "username", username, "password", PASSWORD));
  }

  /** Client credentials for an integrating app's confidential client. */
  public static String clientToken(String clientId) {
    return cached("client:" + clientId, () -> tokenRequest("jifen", Map.of(
        "grant_type", "client_credentials", "client_id", clientId, "client_secret", clientId + "-secret")));
  }

  /** A password-grant token from any client of a realm, uncached: for tests of which tokens the service refuses. */
  public static String passwordToken(String realm, String clientId, String username, String password) {
    return tokenRequest(realm, Map.of("grant_type", "password", "client_id", clientId, "username", username, "password", password));
  }

  /** The jifen realm's settings as the running Keycloak holds them (placeholders resolved at import). */
  public static JsonNode realmSettings() {
    return JSON.readTree(send(adminToken(), "GET", "/admin/realms/jifen", null, 200));
  }

  /** A password grant through points-web: true when Keycloak issued a token. */
  public static boolean logsIn(String username, String password) {
    try {
      passwordToken("jifen", "points-web", username, password);
      return true;
    } catch (IllegalStateException refused) {
      return false;
    }
  }

  private static String adminToken() {
    return tokenRequest("master", Map.of(
        "grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
  }

  /**
   * Creates (once) a user in the realm with a township, roles and optional branch and member claims, so a
   * test can work in its own fresh tenant with a real token.
   */
  public static String createUser(String username, String tenant, List<String> roles, String org, String member) {
    return createUser(username, tenant, "TEST", roles, org, member);
  }

  /** A county reviewer of a test's own county: no township, only the county claim. */
  public static String createCountyReviewer(String username, String county) {
    return createUser(username, "", county, List.of("county-reviewer"), null, null);
  }

  private static String createUser(String username, String tenant, String county, List<String> roles, String org, String member) {
    Map<String, String> attributes = new java.util.LinkedHashMap<>();
    if (tenant != null) { // a county account carries no township
      attributes.put("tenant", tenant);
    }
    attributes.put("county", county);
    if (org != null) {
      attributes.put("org", org);
    }
    if (member != null) {
      attributes.put("member", member);
    }
    return createUser(username, attributes, roles);
  }

  /** Creates (once) a user with these attributes (tenant, county, org, member) and realm roles; returns a token. */
  public static String createUser(String username, Map<String, String> attributes, List<String> roles) {
    String admin = adminToken();
    String claims = attributes.entrySet().stream().map(e -> "\"" + e.getKey() + "\":[\"" + e.getValue() + "\"]")
        .collect(Collectors.joining(","));
    String body = """
        {"username":"%s","enabled":true,"email":"%s@test.jifen.local","emailVerified":true,"firstName":"测试","lastName":"%s",
         "attributes":{%s},"credentials":[{"type":"password","value":"%s","temporary":false}]}"""
        .formatted(username, username, username, claims, PASSWORD);
    send(admin, "POST", "/admin/realms/jifen/users", body, 201, 409);
    JsonNode users = JSON.readTree(send(admin, "GET", "/admin/realms/jifen/users?exact=true&username=" + username, null, 200));
    String id = users.get(0).get("id").asString();
    StringBuilder mappings = new StringBuilder("[");
    for (String role : roles) {
      JsonNode r = JSON.readTree(send(admin, "GET", "/admin/realms/jifen/roles/" + role, null, 200));
      mappings.append(mappings.length() > 1 ? "," : "").append("{\"id\":\"").append(r.get("id").asString())
          .append("\",\"name\":\"").append(role).append("\"}");
    }
    send(admin, "POST", "/admin/realms/jifen/users/" + id + "/role-mappings/realm", mappings.append("]").toString(), 204);
    return token(username);
  }

  /** The admin REST API of the jifen realm (as the master admin), for tests that arrange or inspect Keycloak directly. */
  public static String adminApi(String method, String path, String body, int... ok) {
    String admin = tokenRequest("master", Map.of(
        "grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
    return send(admin, method, "/admin/realms/jifen" + path, body, ok);
  }

  /** A password grant's HTTP status and body, for accounts that may not log in yet (a required action pending). */
  public static String tryPasswordGrant(String username, String password) {
    String body = "grant_type=password&client_id=points-web&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    try {
      var response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/realms/jifen/protocol/openid-connect/token"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() + " " + response.body();
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Client credentials with a given secret (an onboarded township's client). */
  public static String clientToken(String clientId, String secret) {
    return tokenRequest("jifen", Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
  }

  private static String cached(String key, java.util.function.Supplier<String> fetch) {
    Cached c = TOKENS.get(key);
    if (c != null && c.until().isAfter(Instant.now())) {
      return c.token();
    }
    String token = fetch.get();
    TOKENS.put(key, new Cached(token, Instant.now().plusSeconds(600)));
    return token;
  }

  private static String tokenRequest(String realm, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    try {
      var response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/realms/" + realm + "/protocol/openid-connect/token"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("Keycloak refused a token for " + form.get("username") + form.get("client_id")
            + ": " + response.statusCode() + " " + response.body());
      }
      return JSON.readTree(response.body()).get("access_token").asString();
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException("Keycloak is not reachable at " + url() + " (start it with infra/test)", e);
    }
  }

  private static String send(String token, String method, String path, String body, int... ok) {
    try {
      var builder = HttpRequest.newBuilder(URI.create(url() + path)).header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      var response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      for (int code : ok) {
        if (response.statusCode() == code) {
          return response.body();
        }
      }
      throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
