package com.jifen.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.testing.IntegrationTest;
import com.jifen.testing.Keycloak;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code me} for every role, with real tokens from Keycloak. */
class IdentityIT extends IntegrationTest {

  @Test
  void townshipAdmin() {
    var me = asUser("admin.qs").documentName("me").execute();
    me.path("me.username").entity(String.class).isEqualTo("admin.qs");
    me.path("me.roles").entityList(String.class).contains("TENANT_ADMIN", "MEMBER");
    me.path("me.township.id").entity(String.class).isEqualTo("QS");
    me.path("me.township.name").entity(String.class).isEqualTo("青山镇");
    me.path("me.managedBranch").valueIsNull();
  }

  @Test
  void branchSecretarySeesTheBranchTheyManageAndTheirOwnRecord() {
    var me = asUser("sec.cg").documentName("me").execute();
    me.path("me.roles").entityList(String.class).contains("BRANCH_SECRETARY");
    me.path("me.township.id").entity(String.class).isEqualTo("CG");
    me.path("me.managedBranch.code").entity(String.class).isEqualTo("CG-Z1-01");
    me.path("me.member.code").entity(String.class).isEqualTo("CG-00001");
    me.path("me.member.branch.code").entity(String.class).isEqualTo("CG-Z1-01");
  }

  @Test
  void member() {
    var me = asUser("mem.qs").documentName("me").execute();
    me.path("me.roles").entityList(String.class).containsExactly("MEMBER");
    me.path("me.member.code").entity(String.class).isEqualTo("QS-00002");
  }

  @Test
  void countyReviewerAndOperatorHaveNoTownship() {
    var reviewer = asUser("reviewer.demo").documentName("me").execute();
    reviewer.path("me.roles").entityList(String.class).containsExactly("COUNTY_REVIEWER");
    reviewer.path("me.county").entity(String.class).isEqualTo("DEMO");
    reviewer.path("me.township").valueIsNull();
    asUser("operator").documentName("me").execute().path("me.roles").entityList(String.class).containsExactly("PLATFORM_ADMIN");
  }

  @Test
  void countyReviewerCannotReadTownshipRosters() {
    asUser("reviewer.demo").documentName("members").execute().errors().satisfy(errors -> {
      assertThat(errors).singleElement().satisfies(e -> {
        assertThat(classification(e)).isEqualTo("FORBIDDEN");
        assertThat(e.getMessage()).contains("未关联乡镇");
      });
    });
  }

  @Test
  void integrationClientByClientCredentials() {
    var me = as(Keycloak.clientToken("app-cg")).documentName("me").execute();
    me.path("me.username").entity(String.class).isEqualTo("service-account-app-cg");
    me.path("me.roles").entityList(String.class).containsExactly("INTEGRATION");
    me.path("me.township.id").entity(String.class).isEqualTo("CG");
  }

  @Test
  void withoutATokenTheAnswerIsUnauthorized() {
    anonymous().documentName("me").execute().errors().satisfy(errors -> assertThat(errors)
        .singleElement().satisfies(e -> {
          assertThat(classification(e)).isEqualTo("UNAUTHORIZED");
          assertThat(code(e)).isEqualTo("UNAUTHORIZED");
        }));
  }

  @Test
  void aForgedTokenIsRefusedAtTheDoor() {
    String genuine = Keycloak.token("mem.qs");
    // the genuine token is verified (and kept as verified) first: a forgery of it must still be refused
    as(genuine).documentName("me").execute().path("me.username").entity(String.class).isEqualTo("mem.qs");
    String forged = genuine.replaceAll(".{8}$", "AAAAAAAA");
    http().post().uri("/graphql").header("Authorization", "Bearer " + forged)
        .header("Content-Type", "application/json").bodyValue("{\"query\":\"{ me { username } }\"}")
        .exchange().expectStatus().isUnauthorized();
  }

  @Test
  void realmRolesBecomeAuthorities() {
    assertThat(List.of(Role.values())).extracting(Role::authority).contains("ROLE_tenant-admin", "ROLE_branch-secretary");
  }
}
