package com.jifen.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.testing.IntegrationTest;
import com.jifen.testing.Keycloak;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A township never sees another's rows: by id it gets NOT_FOUND, and lists never contain them. */
class IsolationIT extends IntegrationTest {

  private String anyMemberIdOf(String adminUser) {
    return asUser(adminUser).documentName("members").variable("first", 1).execute()
        .path("members.edges[0].node.id").entity(String.class).get();
  }

  private String anyOrganizationIdOf(String adminUser) {
    return asUser(adminUser).documentName("organizations").variable("first", 1).execute()
        .path("organizations.edges[0].node.id").entity(String.class).get();
  }

  private String token(String who) {
    return who.startsWith("app-") ? Keycloak.clientToken(who) : Keycloak.token(who);
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin.qs", "app-qs"})
  void otherTownshipsMemberByIdIsNotFound(String who) {
    String cgMember = anyMemberIdOf("admin.cg");
    as(token(who)).documentName("member").variable("id", cgMember).execute().errors().satisfy(errors ->
        assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("NOT_FOUND")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin.qs", "app-qs"})
  void otherTownshipsOrganizationByIdIsNotFound(String who) {
    String cgOrg = anyOrganizationIdOf("admin.cg");
    as(token(who)).documentName("organization").variable("id", cgOrg).execute().errors().satisfy(errors ->
        assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("NOT_FOUND")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin.qs", "app-qs"})
  void listsNeverShowAnotherTownship(String who) {
    var tester = as(token(who));
    List<String> codes = new java.util.ArrayList<>();
    String after = null;
    do {
      var page = tester.documentName("members").variable("first", 500).variable("after", after).execute();
      codes.addAll(page.path("members.edges[*].node.code").entityList(String.class).get());
      after = page.path("members.pageInfo.hasNextPage").entity(Boolean.class).get()
          ? page.path("members.pageInfo.endCursor").entity(String.class).get() : null;
    } while (after != null);
    assertThat(codes).isNotEmpty().allMatch(c -> c.startsWith("QS-"));
    assertThat(tester.documentName("organizations").variable("first", 500).execute()
        .path("organizations.edges[*].node.code").entityList(String.class).get()).allMatch(c -> c.startsWith("QS"));
  }

  @Test
  void anotherTownshipsBranchCannotBeUsedAsATarget() {
    String cgBranch = asUser("admin.cg").documentName("organizations").variable("kind", "BRANCH").variable("first", 1)
        .execute().path("organizations.edges[0].node.id").entity(String.class).get();
    asUser("admin.qs").documentName("createMember").variable("input", Map.of("code", "X-1", "name", "越界", "gender", "MALE",
        "category", "VILLAGE", "branchId", cgBranch)).execute().errors().satisfy(errors ->
        assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("NOT_FOUND")));
  }
}
