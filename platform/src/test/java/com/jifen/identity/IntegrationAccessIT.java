package com.jifen.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.testing.IntegrationTest;
import com.jifen.testing.Keycloak;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Integrating apps read by default; writing and members' phone numbers are granted per client (the demo: app-qs
 * has integration-write and member-personal, app-cg has neither).
 */
class IntegrationAccessIT extends IntegrationTest {
  private static final String PHONES = "{ members(first: 20) { edges { node { code phone } } } }";
  private static final String RENAME = "mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } } }";
  private static final Map<String, Object> UNKNOWN = Map.of("id", "00000000-0000-7000-8000-000000000000", "version", 0, "name", "x");

  @Test
  void aReadOnlyClientReadsButEveryWriteIsForbidden() {
    var app = as(Keycloak.clientToken("app-cg"));
    app.document("{ members(first: 3) { edges { node { code } } } }").execute()
        .path("members.edges").entityList(Object.class).hasSize(3);
    app.document(RENAME).variable("input", UNKNOWN).execute().errors().satisfy(errors ->
        assertThat(errors).singleElement().satisfies(e -> {
          assertThat(classification(e)).isEqualTo("FORBIDDEN");
          assertThat(e.getMessage()).contains("integration-write");
        }));
    app.document("mutation { setCalendarDays(input: {days: [{day: \"2026-10-01\", kind: HOLIDAY, name: \"国庆节\"}]}) { saved } }")
        .execute().errors().satisfy(errors ->
            assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("FORBIDDEN")));
  }

  @Test
  void aClientGrantedWritesGetsPastTheGuard() {
    // an unknown id: the mutation itself answers, so the write permission was granted
    as(Keycloak.clientToken("app-qs")).document(RENAME).variable("input", UNKNOWN).execute().errors().satisfy(errors ->
        assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("NOT_FOUND")));
  }

  @Test
  void phoneNumbersGoToPeopleAndToClientsGrantedMemberPersonalOnly() {
    as(Keycloak.clientToken("app-cg")).document(PHONES).execute()
        .path("members.edges[*].node").entityList(Map.class).hasSize(20)
        .satisfies(nodes -> assertThat(nodes).allSatisfy(n -> assertThat(n.get("phone")).isNull()));
    asUser("admin.cg").document(PHONES).execute()
        .path("members.edges[*].node").entityList(Map.class).hasSize(20)
        .satisfies(nodes -> assertThat(nodes).allSatisfy(n -> assertThat(n.get("phone")).isNotNull()));
    as(Keycloak.clientToken("app-qs")).document(PHONES).execute()
        .path("members.edges[*].node").entityList(Map.class).hasSize(20)
        .satisfies(nodes -> assertThat(nodes).allSatisfy(n -> assertThat(n.get("phone")).isNotNull()));
  }
}
