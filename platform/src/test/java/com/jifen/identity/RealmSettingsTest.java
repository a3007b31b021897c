package com.jifen.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The realm export (infra/keycloak/jifen-realm.json) keeps the protections the service relies on. */
class RealmSettingsTest {
  private static final JsonNode REALM = read();

  private static JsonNode read() {
    try {
      return JsonMapper.builder().build().readTree(Files.readString(Path.of("../infra/keycloak/jifen-realm.json")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Pattern ourClients() throws IOException {
    // the default of jifen.security.clients in application.yaml
    String yaml = Files.readString(Path.of("src/main/resources/application.yaml"));
    var m = Pattern.compile("clients: \\$\\{JIFEN_SECURITY_CLIENTS:([^}]+)}").matcher(yaml);
    assertThat(m.find()).as("jifen.security.clients in application.yaml").isTrue();
    return Pattern.compile(m.group(1));
  }

  @Test
  void anAccountLocksAfterFiveFailedLogins() {
    assertThat(REALM.get("bruteForceProtected").asBoolean()).isTrue();
    assertThat(REALM.get("failureFactor").asInt()).isBetween(1, 5);
    assertThat(REALM.get("maxFailureWaitSeconds").asInt()).isGreaterThanOrEqualTo(REALM.get("waitIncrementSeconds").asInt()).isPositive();
  }

  @Test
  void tlsIsRequiredUnlessTheEnvironmentSaysOtherwise() {
    // Keycloak resolves ${ENV:default} when it imports the realm: production sets external or all, a laptop none
    String ssl = REALM.get("sslRequired").asString();
    var m = Pattern.compile("\\$\\{JIFEN_KC_SSL_REQUIRED:(external|all)}").matcher(ssl);
    assertThat(m.matches()).as("sslRequired = %s", ssl).isTrue();
  }

  private static final String KEYCLOAK_ADMIN_CLIENT = "jifen-admin";

  @Test
  void everyClientIsOneOfOursAndPutsTheServiceInTheAudience() throws IOException {
    Pattern ours = ourClients();
    List<String> ids = new ArrayList<>();
    for (JsonNode client : REALM.get("clients")) {
      String id = client.get("clientId").asString();
      ids.add(id);
      boolean audience = false;
      for (JsonNode mapper : client.path("protocolMappers")) {
        audience |= mapper.get("protocolMapper").asString().equals("oidc-audience-mapper")
            && mapper.get("config").get("included.custom.audience").asString().equals("jifen-platform")
            && mapper.get("config").get("access.token.claim").asString().equals("true");
      }
      if (id.equals(KEYCLOAK_ADMIN_CLIENT)) {
        // the service's own client for Keycloak's admin API: its tokens must never be accepted by the service itself
        assertThat(ours.matcher(id).matches()).as("%s is refused by jifen.security.clients", id).isFalse();
        assertThat(audience).as("%s has no audience for jifen-platform", id).isFalse();
        continue;
      }
      assertThat(ours.matcher(id).matches()).as("%s matches jifen.security.clients", id).isTrue();
      assertThat(audience).as("%s has an audience mapper for jifen-platform", id).isTrue();
    }
    assertThat(ids).contains("points-web", "app-qs");
  }

  @Test
  void integrationClientsReadOnlyUnlessGrantedWritesAndPersonalDetailsOneByOne() {
    List<String> roles = new ArrayList<>();
    REALM.get("roles").get("realm").forEach(r -> {
      roles.add(r.get("name").asString());
      assertThat(r.path("composite").asBoolean(false)).as("%s is not composite", r.get("name")).isFalse();
    });
    assertThat(roles).contains("integration", "integration-write", "member-personal");
    assertThat(REALM.path("defaultRoles")).isEmpty();
    int readOnly = 0;
    for (JsonNode user : REALM.get("users")) {
      if (!user.has("serviceAccountClientId")) {
        continue;
      }
      String client = user.get("serviceAccountClientId").asString();
      if (client.equals(KEYCLOAK_ADMIN_CLIENT)) {
        continue;
      }
      List<String> granted = new ArrayList<>();
      user.path("realmRoles").forEach(r -> granted.add(r.asString()));
      if (client.startsWith("app-county-")) {
        // a county's app reads its county's aggregates, as a county reviewer does, and nothing else
        assertThat(granted).as(client).containsExactly("county-reviewer");
        continue;
      }
      assertThat(granted).as(user.get("username").asString()).contains("integration")
          .doesNotContain("tenant-admin", "platform-admin", "county-reviewer", "branch-secretary");
      readOnly += granted.contains("integration-write") ? 0 : 1;
    }
    assertThat(readOnly).as("demo integration clients that only read").isPositive();
  }
}
