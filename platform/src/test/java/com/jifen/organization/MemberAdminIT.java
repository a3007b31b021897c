package com.jifen.organization;

import static com.jifen.testing.AuditTrail.assertAudited;
import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.testing.IntegrationTest;
import com.jifen.testing.Keycloak;
import com.jifen.testing.TestTownship;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The roster through GraphQL in a fresh township: each change, each refusal, per role. */
class MemberAdminIT extends IntegrationTest {

  @Test
  void adminBuildsTheTreeAndManagesMembers() {
    TestTownship t = freshTownship();
    List<String> tree = t.standardTree();
    String id = t.createMember(tree.get(2), "M001", "张三");

    t.admin().documentName("organization").variable("id", tree.get(1)).execute()
        .path("organization.children[*].code").entityList(String.class)
        .containsExactly(t.tenant().value() + "-Z1-01", t.tenant().value() + "-Z1-02");

    var updated = t.admin().document("""
        mutation { updateMember(input: {id: "%s", version: 0, name: "张三丰", phone: "0371-12345678"}) { member { name phone version } } }
        """.formatted(id)).execute();
    updated.path("updateMember.member.name").entity(String.class).isEqualTo("张三丰");
    updated.path("updateMember.member.version").entity(Integer.class).isEqualTo(1);

    t.admin().document("""
        mutation { transferMember(input: {id: "%s", version: 1, branchId: "%s", reason: "工作调动"}) { member { branch { id } version } } }
        """.formatted(id, tree.get(3))).execute()
        .path("transferMember.member.branch.id").entity(String.class).isEqualTo(tree.get(3));

    t.admin().document("""
        mutation { setMemberExempt(input: {id: "%s", version: 2, exempt: true, reason: "年老体弱"}) { member { exempt exemptReason } } }
        """.formatted(id)).execute()
        .path("setMemberExempt.member.exemptReason").entity(String.class).isEqualTo("年老体弱");

    t.admin().document("""
        mutation { markMemberLeft(input: {id: "%s", version: 3, leftOn: "2026-01-31", reason: "去世"}) { member { status leftOn } } }
        """.formatted(id)).execute()
        .path("markMemberLeft.member.status").entity(String.class).isEqualTo("LEFT");
    // each change is on the township's audit trail, by its admin, about the member
    String admin = t.adminUsername();
    assertAudited("createOrganization", t.tenant(), admin, tree.get(2));
    assertAudited("createMember", t.tenant(), admin, id);
    assertAudited("updateMember", t.tenant(), admin, id);
    assertAudited("transferMember", t.tenant(), admin, id);
    assertAudited("setMemberExempt", t.tenant(), admin, id);
    assertAudited("markMemberLeft", t.tenant(), admin, id);
  }

  @Test
  void aStaleVersionIsAConflictCarryingTheCurrentVersion() {
    TestTownship t = freshTownship();
    String branch = t.standardTree().get(2);
    String id = t.createMember(branch, "M001", "李四");
    t.admin().document("mutation { updateMember(input: {id: \"%s\", version: 0, name: \"李四一\"}) { member { version } } }".formatted(id))
        .executeAndVerify();
    t.admin().document("mutation { updateMember(input: {id: \"%s\", version: 0, name: \"李四二\"}) { member { version } } }".formatted(id))
        .execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(classification(e)).isEqualTo("CONFLICT");
          assertThat(e.getExtensions()).containsEntry("currentVersion", 1);
        }));
    t.admin().documentName("member").variable("id", id).execute().path("member.name").entity(String.class).isEqualTo("李四一");
  }

  @Test
  void badInputIsRefusedWithEveryReasonAndNothingIsStored() {
    TestTownship t = freshTownship();
    List<String> tree = t.standardTree();
    t.admin().documentName("createMember").variable("input", Map.of("code", "坏 编号", "name", "", "gender", "MALE",
            "category", "ORGAN", "villageType", "MOBILE", "branchId", tree.get(1), "phone", "12345"))
        .execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(classification(e)).isEqualTo("BAD_REQUEST");
          assertThat(e.getMessage()).contains("党员编号").contains("姓名不能为空").contains("只有农村、社区党员")
              .contains("党员只能编入党支部").contains("联系电话");
        }));
    t.admin().documentName("members").execute().path("members.edges").entityList(Object.class).hasSize(0);

    t.admin().documentName("createOrganization").variable("input", Map.of("code", "B9", "name", "悬空支部", "kind", "GENERAL_BRANCH"))
        .execute().errors().satisfy(errors -> assertThat(errors).singleElement()
            .satisfies(e -> assertThat(code(e)).isEqualTo("INVALID_PARENT")));
    t.admin().document("mutation { updateOrganization(input: {id: \"%s\", version: 0, parentId: \"%s\"}) { organization { id } } }"
            .formatted(tree.get(1), tree.get(2)))
        .execute().errors().satisfy(errors -> assertThat(errors).singleElement()
            .satisfies(e -> assertThat(code(e)).isIn("CYCLE", "INVALID_PARENT")));
    t.createMember(tree.get(2), "M1", "王五");
    t.admin().documentName("createMember").variable("input", Map.of("code", "M1", "name", "重号", "gender", "FEMALE",
            "category", "VILLAGE", "villageType", "WITH_POST", "branchId", tree.get(2)))
        .execute().errors().satisfy(errors -> assertThat(errors).singleElement()
            .satisfies(e -> assertThat(classification(e)).isEqualTo("CONFLICT")));
  }

  @Test
  void rolesSeeWhatTheyMay() {
    TestTownship t = freshTownship();
    List<String> tree = t.standardTree();
    String secretaryMember = t.createMember(tree.get(2), "S1", "书记");
    String neighbour = t.createMember(tree.get(2), "N1", "同支部");
    String other = t.createMember(tree.get(3), "O1", "外支部");
    String code = t.tenant().value();
    String secretary = Keycloak.createUser(("sec." + code).toLowerCase(), code, List.of("branch-secretary", "member"), code + "-Z1-01", "S1");
    String member = Keycloak.createUser(("mem." + code).toLowerCase(), code, List.of("member"), null, "N1");

    as(secretary).documentName("members").execute().path("members.edges[*].node.code").entityList(String.class)
        .containsExactly("N1", "S1");
    as(secretary).documentName("member").variable("id", other).execute().errors().satisfy(errors ->
        assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("FORBIDDEN")));
    as(secretary).documentName("createMember").variable("input", Map.of("code", "X1", "name", "越权", "gender", "MALE",
            "category", "VILLAGE", "branchId", tree.get(2)))
        .execute().errors().satisfy(errors ->
            assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("FORBIDDEN")));

    as(member).documentName("members").execute().path("members.edges[*].node.code").entityList(String.class).containsExactly("N1");
    as(member).documentName("member").variable("id", neighbour).execute().path("member.code").entity(String.class).isEqualTo("N1");
    as(member).documentName("member").variable("id", secretaryMember).execute().errors().satisfy(errors ->
        assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("FORBIDDEN")));
  }

  @Test
  void keysetPagesCoverTheRosterOnceInOrder() {
    List<String> codes = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      var page = asUser("admin.cg").documentName("members").variable("first", 37).variable("after", after).execute();
      codes.addAll(page.path("members.edges[*].node.code").entityList(String.class).get());
      after = page.path("members.pageInfo.hasNextPage").entity(Boolean.class).get()
          ? page.path("members.pageInfo.endCursor").entity(String.class).get() : null;
      pages++;
    } while (after != null);
    assertThat(pages).isGreaterThan(5);
    assertThat(new HashSet<>(codes)).hasSameSizeAs(codes);
    assertThat(codes).isSorted();
    asUser("admin.cg").documentName("members").variable("first", 501).execute().errors().satisfy(errors ->
        assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("INVALID_PAGE_SIZE")));
  }

  @Test
  void nestedFieldsResolveForALargePage() {
    // nested fields are @BatchMapping: one query per field and response, whatever the page size
    asUser("admin.qs").document("{ members(first: 200) { edges { node { branch { code parent { code } memberCount } } } } }")
        .execute().path("members.edges[*].node.branch.parent.code").entityList(String.class).hasSize(200);
  }
}
