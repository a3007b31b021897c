package com.jifen.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.shared.TenantId;
import com.jifen.testing.IntegrationTest;
import com.jifen.testing.Keycloak;
import com.jifen.testing.TestTownship;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * The platform operator's path: onboarding (all or nothing, idempotent, a retry completes), counties and the scope of
 * their reviewers, suspension and resumption, the overview. Real Keycloak: accounts are made through its admin API.
 */
class TownshipOperationsIT extends IntegrationTest {
  private static final String ONBOARD = """
      mutation($in: OnboardTownshipInput!) { onboardTownship(input: $in) {
        township { code name county status categories }
        onboarding { adminUsername initialPassword clientId clientSecret replayed } } }""";

  @Value("${spring.liquibase.url}") String jdbcUrl;

  private static String unique(String prefix) {
    return prefix + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36), 36).toUpperCase();
  }

  private GraphQlTester operator() {
    return asUser("operator");
  }

  private String county() {
    String code = unique("C");
    operator().document("mutation($in: CreateCountyInput!) { createCounty(input: $in) { county { code } } }")
        .variable("in", Map.of("code", code, "name", "测试县" + code)).execute().path("createCounty.county.code").entity(String.class).isEqualTo(code);
    assertAudited("createCounty", "operator", code);
    return code;
  }

  private static Map<String, Object> onboarding(String key, String code, String county, String username) {
    return new HashMap<>(Map.of("idempotencyKey", key, "code", code, "name", "新开镇" + code, "countyCode", county,
        "categories", List.of("VILLAGE", "COMMUNITY"),
        "admin", Map.of("username", username, "name", "组织委员", "email", username + "@test.jifen.local")));
  }

  private Connection asPlatform() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, "jifen_platform", "jifen_platform");
  }

  private long count(String sql, String arg) throws SQLException {
    try (Connection c = asPlatform(); var s = c.prepareStatement(sql)) {
      s.setString(1, arg);
      var rs = s.executeQuery();
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The township's audit trail has the action, by the actor, about the subject (until the shared AuditTrail lands). */
  private void assertAudited(String action, String tenant, String actor, String subject) throws SQLException {
    try (Connection c = asPlatform(); var s = c.prepareStatement(
        "select count(*) from audit_event where tenant_id = ? and action = ? and actor = ? and subject = ?")) {
      s.setString(1, tenant);
      s.setString(2, action);
      s.setString(3, actor);
      s.setString(4, subject);
      var rs = s.executeQuery();
      rs.next();
      assertThat(rs.getLong(1)).as("audit %s of %s", action, tenant).isEqualTo(1);
    }
  }

  /** A platform write without a township: one row in the platform's trail. */
  private void assertAudited(String action, String actor, String subject) {
    try (Connection c = asPlatform(); var s = c.prepareStatement(
        "select count(*) from platform_audit_event where action = ? and actor = ? and subject = ?")) {
      s.setString(1, action);
      s.setString(2, actor);
      s.setString(3, subject);
      var rs = s.executeQuery();
      rs.next();
      assertThat(rs.getLong(1)).as("platform audit %s of %s", action, subject).isEqualTo(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean keycloakHasClient(String clientId) {
    return !Keycloak.adminApi("GET", "/clients?clientId=" + clientId, null, 200).equals("[]");
  }

  private boolean keycloakHasUser(String username) {
    return !Keycloak.adminApi("GET", "/users?exact=true&username=" + username, null, 200).equals("[]");
  }

  @Test
  void anOnboardedTownshipHasItsAdministratorWhoMustChangeThePasswordAndAClientThatWorks() throws SQLException {
    String county = county();
    String code = unique("N");
    String username = ("adm." + code).toLowerCase();
    String key = "onboard-" + code;
    var result = operator().document(ONBOARD).variable("in", onboarding(key, code, county, username)).execute();
    result.path("onboardTownship.township.status").entity(String.class).isEqualTo("ACTIVE");
    result.path("onboardTownship.township.county").entity(String.class).isEqualTo(county);
    result.path("onboardTownship.township.categories").entityList(String.class).containsExactly("VILLAGE", "COMMUNITY");
    result.path("onboardTownship.onboarding.replayed").entity(Boolean.class).isEqualTo(false);
    String password = result.path("onboardTownship.onboarding.initialPassword").entity(String.class).get();
    String secret = result.path("onboardTownship.onboarding.clientSecret").entity(String.class).get();
    String clientId = result.path("onboardTownship.onboarding.clientId").entity(String.class).get();

    // the one-time password logs in only to a forced password change
    assertThat(Keycloak.tryPasswordGrant(username, password)).startsWith("400").contains("not fully set up");
    // the integration client reads its own township
    as(Keycloak.clientToken(clientId, secret)).document("{ me { township { id } } }").execute()
        .path("me.township.id").entity(String.class).isEqualTo(code);
    assertAudited("onboardTownship", code, "operator", code);

    // the same key answers the same township, without showing the password again
    var replay = operator().document(ONBOARD).variable("in", onboarding(key, code, county, username)).execute();
    replay.path("onboardTownship.onboarding.replayed").entity(Boolean.class).isEqualTo(true);
    replay.path("onboardTownship.onboarding.initialPassword").valueIsNull();
    // the same key for another request is refused
    var other = onboarding(key, code, county, username);
    other.put("name", "别的镇");
    operator().document(ONBOARD).variable("in", other).execute().errors()
        .expect(e -> "IDEMPOTENCY_KEY_REUSED".equals(code(e)) && "CONFLICT".equals(classification(e))).verify();
  }

  @Test
  void badOnboardingInputIsRefusedWithAClassifiedErrorAndStoresNothing() throws SQLException {
    String county = county();
    String code = unique("B");
    Map<String, String> cases = Map.of(
        "QS", "DUPLICATE_TOWNSHIP", code + "|NOPE", "UNKNOWN_COUNTY", code + "|" + county + "|Bad User!", "INVALID_USERNAME",
        "lower" , "INVALID_CODE");
    cases.forEach((given, expected) -> {
      String[] parts = given.split("\\|");
      String c = parts[0];
      String k = parts.length > 1 ? parts[1] : county;
      String u = parts.length > 2 ? parts[2] : ("adm." + code).toLowerCase();
      operator().document(ONBOARD).variable("in", onboarding("bad-" + unique("K"), c, k, u)).execute().errors()
          .expect(e -> expected.equals(code(e))).verify();
    });
    assertThat(count("select count(*) from tenant where tenant_id = ?", code)).isZero();
    assertThat(count("select count(*) from onboarding where township_code = ?", code)).isZero();
    assertThat(keycloakHasUser(("adm." + code).toLowerCase())).isFalse();
    // and only the operator may onboard
    asUser("admin.qs").document(ONBOARD).variable("in", onboarding("forbidden-" + code, code, county, "x" + code.toLowerCase()))
        .execute().errors().expect(e -> "FORBIDDEN".equals(classification(e))).verify();
  }

  @Test
  void whenKeycloakRefusesTheUserNothingIsLeftAndARetryWithTheSameKeyCompletes() throws SQLException {
    String county = county();
    String code = unique("H");
    String username = ("adm." + code).toLowerCase();
    // someone else's account already holds the username: Keycloak refuses the first step
    Keycloak.createUser(username, "QS", List.of("member"), null, null);
    String key = "half-" + code;
    operator().document(ONBOARD).variable("in", onboarding(key, code, county, username)).execute().errors()
        .expect(e -> "USERNAME_TAKEN".equals(code(e)) && "CONFLICT".equals(classification(e))).verify();
    assertThat(count("select count(*) from tenant where tenant_id = ?", code)).isZero();
    assertThat(count("select count(*) from onboarding where township_code = ?", code)).isZero();
    assertThat(keycloakHasClient("app-" + code.toLowerCase())).isFalse();

    // the conflict resolved, the same key completes the onboarding
    String id = Keycloak.adminApi("GET", "/users?exact=true&username=" + username, null, 200).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    Keycloak.adminApi("DELETE", "/users/" + id, null, 204);
    operator().document(ONBOARD).variable("in", onboarding(key, code, county, username)).execute()
        .path("onboardTownship.township.status").entity(String.class).isEqualTo("ACTIVE");
    assertThat(count("select count(*) from onboarding where township_code = ? and state = 'DONE'", code)).isOne();
  }

  @Test
  void whenKeycloakRefusesTheClientAfterTheUserWasMadeTheUserIsRemovedAgain() throws SQLException {
    String county = county();
    String code = unique("G");
    String username = ("adm." + code).toLowerCase();
    // a client of that name exists and belongs to no township: the second Keycloak step fails
    Keycloak.adminApi("POST", "/clients", "{\"clientId\":\"app-" + code.toLowerCase() + "\",\"publicClient\":true}", 201);
    operator().document(ONBOARD).variable("in", onboarding("client-" + code, code, county, username)).execute().errors()
        .expect(e -> "CLIENT_TAKEN".equals(code(e))).verify();
    assertThat(keycloakHasUser(username)).as("the administrator made in the first step is gone").isFalse();
    assertThat(count("select count(*) from tenant where tenant_id = ?", code)).isZero();
    assertThat(count("select count(*) from onboarding where township_code = ?", code)).isZero();
  }

  @Test
  void aCountyReviewerSeesOnlyTheTownshipsOfTheirCountyAndFollowsAMove() throws SQLException {
    String a = county();
    String b = county();
    String ta = unique("A");
    String tb = unique("B");
    townships.provision(new TenantId(ta), "甲镇" + ta, a, "测试县" + a).block();
    townships.provision(new TenantId(tb), "乙镇" + tb, b, "测试县" + b).block();
    String reviewerA = Keycloak.createUser(("rev." + a).toLowerCase(), Map.of("county", a), List.of("county-reviewer"));
    String reviewerB = Keycloak.createUser(("rev." + b).toLowerCase(), Map.of("county", b), List.of("county-reviewer"));
    String stats = "{ countyStatistics(year: 2025) { townships { township { id } } } }";
    as(reviewerA).document(stats).execute().path("countyStatistics.townships[*].township.id").entityList(String.class).containsExactly(ta);
    as(reviewerB).document(stats).execute().path("countyStatistics.townships[*].township.id").entityList(String.class).containsExactly(tb);

    operator().document("mutation($in: MoveTownshipInput!) { moveTownship(input: $in) { township { county } } }")
        .variable("in", Map.of("code", ta, "countyCode", b)).execute().path("moveTownship.township.county").entity(String.class).isEqualTo(b);
    assertAudited("moveTownship", ta, "operator", ta);
    as(reviewerA).document(stats).execute().path("countyStatistics.townships").entityList(Object.class).hasSize(0);
    assertThat(as(reviewerB).document(stats).execute().path("countyStatistics.townships[*].township.id").entityList(String.class).get())
        .containsExactlyInAnyOrder(ta, tb);

    // the operator makes a reviewer account for a county: one-time password, county claim, reviewer role
    String username = ("rev2." + a).toLowerCase();
    String password = operator().document("mutation($in: CreateCountyReviewerInput!) { createCountyReviewer(input: $in) { initialPassword } }")
        .variable("in", Map.of("county", a, "username", username, "name", "县委组织部", "email", username + "@test.jifen.local")).execute()
        .path("createCountyReviewer.initialPassword").entity(String.class).get();
    assertThat(Keycloak.tryPasswordGrant(username, password)).startsWith("400").contains("not fully set up");
    assertAudited("createCountyReviewer", "operator", username);
    String user = Keycloak.adminApi("GET", "/users?exact=true&username=" + username, null, 200);
    assertThat(user).contains("\"county\":[\"" + a + "\"]");
    String id = user.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    assertThat(Keycloak.adminApi("GET", "/users/" + id + "/role-mappings/realm", null, 200)).contains("county-reviewer");
  }

  @Test
  void aSuspendedTownshipIsRefusedEverywhereAndResumedWithEverythingKept() throws SQLException {
    TestTownship t = freshTownship();
    t.standardTree();
    String code = t.tenant().value();
    String query = "{ organizations(first: 10) { edges { node { code } } } }";
    t.admin().document(query).execute().path("organizations.edges").entityList(Object.class).hasSize(4);

    operator().document("mutation($in: SuspendTownshipInput!) { suspendTownship(input: $in) { township { status } } }")
        .variable("in", Map.of("code", code, "reason", "合同到期")).execute()
        .path("suspendTownship.township.status").entity(String.class).isEqualTo("SUSPENDED");
    assertAudited("suspendTownship", code, "operator", code);
    t.admin().document(query).execute().errors()
        .expect(e -> "TOWNSHIP_SUSPENDED".equals(code(e)) && "FORBIDDEN".equals(classification(e))).verify();
    t.admin().document("{ me { township { id } } }").execute().errors().expect(e -> "TOWNSHIP_SUSPENDED".equals(code(e))).verify();
    // other townships go on
    asUser("admin.qs").document(query).execute().path("organizations.edges").entityList(Object.class).hasSizeGreaterThan(0);
    var overview = operator().document("{ townshipOverview { code status members branches storageBytes } }").execute();
    overview.path("townshipOverview[?(@.code == '" + code + "')].status").entityList(String.class).containsExactly("SUSPENDED");
    overview.path("townshipOverview[?(@.code == '" + code + "')].branches").entityList(Integer.class).containsExactly(2);

    operator().document("mutation($in: ResumeTownshipInput!) { resumeTownship(input: $in) { township { status } } }")
        .variable("in", Map.of("code", code)).execute().path("resumeTownship.township.status").entity(String.class).isEqualTo("ACTIVE");
    assertAudited("resumeTownship", code, "operator", code);
    t.admin().document(query).execute().path("organizations.edges").entityList(Object.class).hasSize(4);
    // a township admin cannot suspend anyone
    t.admin().document("mutation($in: ResumeTownshipInput!) { resumeTownship(input: $in) { township { status } } }")
        .variable("in", Map.of("code", "QS")).execute().errors().expect(e -> "FORBIDDEN".equals(classification(e))).verify();
  }

  /** Rows of a township in every township table (every table with a tenant_id column). */
  private long townshipRows(String code) throws SQLException {
    long total = 0;
    try (Connection c = asPlatform(); var tables = c.createStatement().executeQuery("select c.relname from pg_class c "
        + "join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' "
        + "where n.nspname = 'public' and c.relkind = 'r'")) {
      while (tables.next()) {
        try (var s = c.prepareStatement("select count(*) from " + tables.getString(1) + " where tenant_id = ?")) {
          s.setString(1, code);
          var rs = s.executeQuery();
          rs.next();
          total += rs.getLong(1);
        }
      }
    }
    return total;
  }

  /** Deletion leaves no township row to audit under: it is recorded on the export it required. */
  private void assertAudited(String action, UUID exportId, String actor) throws SQLException {
    assertThat(action).isEqualTo("deleteTownship");
    try (Connection c = asPlatform(); var s = c.prepareStatement("select deleted_by from township_export where export_id = ? and deleted_at is not null")) {
      s.setObject(1, exportId);
      var rs = s.executeQuery();
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(actor);
    }
  }

  @Test
  void aLeavingTownshipIsExportedCompletelyThenDeletedAndOtherTownshipsAreUntouched() throws Exception {
    TestTownship leaving = freshTownship();
    String code = leaving.tenant().value();
    List<String> tree = leaving.standardTree();
    String wang = leaving.createMember(tree.get(2), code + "-001", "王芳");
    // a ledger entry, so restoring it fires the county review's triggers
    int year = java.time.LocalDate.now().getYear();
    leaving.publishAndPin(com.jifen.scheme.engine.SeedSchemes.text(com.jifen.scheme.engine.SeedSchemes.S2), year, "VILLAGE");
    leaving.admin().document("mutation($input: PostEntryInput!) { postEntry(input: $input) { entry { id } } }")
        .variable("input", Map.of("memberId", wang, "kind", "ACHIEVEMENT", "points", "3", "occurredOn", year + "-01-10",
            "reason", "带领群众发展产业", "idempotencyKey", UUID.randomUUID().toString()))
        .executeAndVerify();
    TestTownship staying = freshTownship();
    staying.createMember(staying.standardTree().get(2), staying.tenant().value() + "-001", "李强");
    long stayingRows = townshipRows(staying.tenant().value());

    var export = operator().document("mutation($in: ExportTownshipInput!) { exportTownship(input: $in) { export { id downloadUrl sha256 "
            + "manifest { file rows sha256 } } } }").variable("in", Map.of("code", code)).execute();
    String exportId = export.path("exportTownship.export.id").entity(String.class).get();
    export.path("exportTownship.export.manifest[?(@.file == 'tables/organization.jsonl')].rows").entityList(Integer.class).containsExactly(4);
    export.path("exportTownship.export.manifest[?(@.file == 'tables/member.jsonl')].rows").entityList(Integer.class).containsExactly(1);
    export.path("exportTownship.export.manifest[?(@.file == 'tables/tenant.jsonl')].rows").entityList(Integer.class).containsExactly(1);
    assertAudited("exportTownship", code, "operator", code);

    // the archive downloads over HTTP for the operator only, and matches its checksums
    String url = export.path("exportTownship.export.downloadUrl").entity(String.class).get();
    http().get().uri(url).header("Authorization", "Bearer " + Keycloak.token("admin.qs")).exchange().expectStatus().isForbidden();
    byte[] zip = http().get().uri(url).header("Authorization", "Bearer " + Keycloak.token("operator")).exchange()
        .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
    assertThat(com.jifen.shared.Hashes.sha256(zip)).isEqualTo(export.path("exportTownship.export.sha256").entity(String.class).get());
    Map<String, byte[]> files = new HashMap<>();
    try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    assertThat(files).containsKeys("manifest.tsv", "tables/organization.jsonl", "tables/member.jsonl");
    assertThat(new String(files.get("tables/member.jsonl"), java.nio.charset.StandardCharsets.UTF_8)).contains("王芳");
    export.path("exportTownship.export.manifest[?(@.file == 'tables/organization.jsonl')].sha256").entityList(String.class)
        .containsExactly(com.jifen.shared.Hashes.sha256(files.get("tables/organization.jsonl")));

    // deletion: only a suspended township, only with the code typed again
    String delete = "mutation($in: DeleteTownshipInput!) { deleteTownship(input: $in) { deleted { rows } } }";
    operator().document(delete).variable("in", Map.of("code", code, "exportId", exportId, "confirmCode", code)).execute().errors()
        .expect(e -> "NOT_SUSPENDED".equals(code(e))).verify();
    operator().document("mutation($in: SuspendTownshipInput!) { suspendTownship(input: $in) { township { status } } }")
        .variable("in", Map.of("code", code, "reason", "撤并")).execute().path("suspendTownship.township.status").entity(String.class).isEqualTo("SUSPENDED");
    operator().document(delete).variable("in", Map.of("code", code, "exportId", exportId, "confirmCode", "nope")).execute().errors()
        .expect(e -> "CONFIRMATION_REQUIRED".equals(code(e)) && "BAD_REQUEST".equals(classification(e))).verify();
    assertThat(townshipRows(code)).isPositive();
    operator().document(delete).variable("in", Map.of("code", code, "exportId", exportId, "confirmCode", code)).execute()
        .path("deleteTownship.deleted.rows").entity(Long.class).satisfies(n -> assertThat(n).isPositive());
    assertAudited("deleteTownship", UUID.fromString(exportId), "operator");
    assertThat(townshipRows(code)).isZero();
    assertThat(townshipRows(staying.tenant().value())).isEqualTo(stayingRows);
    staying.admin().document("{ organizations(first: 10) { edges { node { code } } } }").execute()
        .path("organizations.edges").entityList(Object.class).hasSize(4);

    // restored from the archive: every archived row back, the other township untouched, the township's users see it again
    String restore = "mutation($in: RestoreTownshipInput!) { restoreTownship(input: $in) { restored { township rows tables } } }";
    operator().document(restore).variable("in", Map.of("exportId", exportId, "confirmCode", "nope")).execute().errors()
        .expect(e -> "CONFIRMATION_REQUIRED".equals(code(e))).verify();
    leaving.admin().document(restore).variable("in", Map.of("exportId", exportId, "confirmCode", code)).execute().errors()
        .expect(e -> "FORBIDDEN".equals(classification(e))).verify();
    assertThat(townshipRows(code)).isZero();
    long archived = export.path("exportTownship.export.manifest").entityList(Map.class).get().stream()
        .filter(m -> ((String) m.get("file")).startsWith("tables/")).mapToLong(m -> ((Number) m.get("rows")).longValue()).sum();
    assertThat(archived).isGreaterThan(10);
    operator().document(restore).variable("in", Map.of("exportId", exportId, "confirmCode", code)).execute()
        .path("restoreTownship.restored.rows").entity(Long.class).isEqualTo(archived);
    assertAudited("restoreTownship", code, "operator", code);
    assertThat(townshipRows(code)).as("the archive's rows and the restore's audit row").isEqualTo(archived + 1);
    assertThat(townshipRows(staying.tenant().value())).isEqualTo(stayingRows);
    leaving.admin().document("{ members(first: 10) { edges { node { name } } } }").execute()
        .path("members.edges[*].node.name").entityList(String.class).containsExactly("王芳");
    leaving.admin().document("query($id: ID!, $y: Int!) { memberCard(memberId: $id, year: $y) { yearTotal } }")
        .variable("id", wang).variable("y", year).execute().path("memberCard.yearTotal").hasValue();
    // a township on the platform is never overwritten: restoring again is refused and changes nothing
    operator().document(restore).variable("in", Map.of("exportId", exportId, "confirmCode", code)).execute().errors()
        .expect(e -> "TOWNSHIP_EXISTS".equals(code(e)) && "CONFLICT".equals(classification(e))).verify();
    assertThat(townshipRows(code)).isEqualTo(archived + 1);
  }
}
