package com.jifen.testing;

import com.jifen.shared.TenantId;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** A township made for one test, its admin's token, and helpers to build its organization tree. */
public record TestTownship(TenantId tenant, String adminToken, IntegrationTest test) {

  /** The admin's user name: the actor of the admin's audit rows. */
  public String adminUsername() {
    return ("admin." + tenant.value()).toLowerCase();
  }

  public HttpGraphQlTester admin() {
    return test.as(adminToken);
  }

  /** Creates an organization and returns its id. */
  public String createOrganization(String parentId, String code, String name, String kind, String category) {
    return admin().documentName("createOrganization")
        .variable("input", input(parentId, code, name, kind, category))
        .execute()
        .path("createOrganization.organization.id").entity(String.class).get();
  }

  private static Map<String, Object> input(String parentId, String code, String name, String kind, String category) {
    var map = new java.util.HashMap<String, Object>(Map.of("code", code, "name", name, "kind", kind));
    if (parentId != null) {
      map.put("parentId", parentId);
    }
    if (category != null) {
      map.put("category", category);
    }
    return map;
  }

  /** Committee → general branch → two village branches; returns [committee, general, branch1, branch2]. */
  public List<String> standardTree() {
    String committee = createOrganization(null, tenant.value(), "测试镇党委", "COMMITTEE", null);
    String general = createOrganization(committee, tenant.value() + "-Z1", "农村党总支", "GENERAL_BRANCH", "VILLAGE");
    String b1 = createOrganization(general, tenant.value() + "-Z1-01", "东村党支部", "BRANCH", "VILLAGE");
    String b2 = createOrganization(general, tenant.value() + "-Z1-02", "西村党支部", "BRANCH", "VILLAGE");
    return List.of(committee, general, b1, b2);
  }

  /** Creates a member of a category (a village or community member without post) and returns its id. */
  public String createMember(String branchId, String code, String name, String category) {
    Map<String, Object> input = new java.util.HashMap<>(Map.of("code", code, "name", name, "gender", "FEMALE", "category", category,
        "branchId", branchId, "joinDate", "2001-07-01"));
    if (category.equals("VILLAGE") || category.equals("COMMUNITY")) {
      input.put("villageType", "WITHOUT_POST");
    }
    return admin().documentName("createMember")
        .variable("input", input)
        .execute()
        .path("createMember.member.id").entity(String.class).get();
  }

  /** Publishes a scheme from YAML and pins it for a year and category; returns the version. */
  public int publishAndPin(String yaml, int year, String... categories) {
    var published = admin().document("mutation($input: PublishSchemeInput!) { publishScheme(input: $input) { version { schemeCode version } } }")
        .variable("input", Map.of("yaml", yaml)).execute();
    String code = published.path("publishScheme.version.schemeCode").entity(String.class).get();
    int version = published.path("publishScheme.version.version").entity(Integer.class).get();
    for (String category : categories) {
      admin().document("mutation($input: PinSchemeInput!) { pinScheme(input: $input) { pinned { version } } }")
          .variable("input", Map.of("year", year, "category", category, "schemeCode", code, "version", version))
          .executeAndVerify();
    }
    return version;
  }

  /** Creates a member and returns its id. */
  public String createMember(String branchId, String code, String name) {
    return admin().documentName("createMember")
        .variable("input", Map.of("code", code, "name", name, "gender", "MALE", "category", "VILLAGE",
            "villageType", "WITHOUT_POST", "branchId", branchId, "joinDate", "2001-07-01", "phone", "13800000000"))
        .execute()
        .path("createMember.member.id").entity(String.class).get();
  }
}
