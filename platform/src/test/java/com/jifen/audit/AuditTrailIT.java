package com.jifen.audit;

import static com.jifen.testing.AuditTrail.assertAudited;
import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.shared.TenantId;
import com.jifen.testing.AuditTrail;
import com.jifen.testing.IntegrationTest;
import com.jifen.testing.Keycloak;
import com.jifen.testing.TestClock;
import com.jifen.testing.TestTownship;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.test.tester.GraphQlTester;

/** Every write leaves one row in its own transaction; the rows cannot be changed; admins and the operator read them. */
class AuditTrailIT extends IntegrationTest {
  private static final String EVENTS = """
      query($first: Int, $after: String, $filter: AuditEventFilter) {
        auditEvents(first: $first, after: $after, filter: $filter) {
          edges { cursor node { id township at actor roles action subject targetIds requestId idempotencyKey detail } }
          pageInfo { hasNextPage endCursor } } }""";

  @Value("${spring.liquibase.url}") String jdbcUrl;

  @AfterEach
  void resetClock() {
    TestClock.reset();
  }

  private Connection asService(TenantId tenant) throws SQLException {
    Connection c = DriverManager.getConnection(jdbcUrl, "jifen_app", "jifen_app");
    c.setAutoCommit(false);
    if (tenant != null) {
      try (var s = c.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
        s.setString(1, tenant.value());
        s.execute();
      }
    }
    return c;
  }

  private String rename(TestTownship t, String id, int version, String name) {
    return t.admin().document("mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { name version } } }")
        .variable("input", Map.of("id", id, "version", version, "name", name)).execute()
        .path("updateOrganization.organization.name").entity(String.class).get();
  }

  @Test
  void aWriteAndItsRowCommitInOneTransactionAndSayWhoWhatAndOnWhat() throws SQLException {
    TestTownship t = freshTownship();
    List<String> tree = t.standardTree();
    assertThat(rename(t, tree.get(2), 0, "东村第一党支部")).isEqualTo("东村第一党支部");

    var row = assertAudited("updateOrganization", t.tenant(), t.adminUsername(), tree.get(2));
    assertThat(row.roles()).contains("tenant-admin");
    assertThat(row.detail()).contains("东村党支部"); // what it was before
    assertThat(AuditTrail.events(t.tenant(), "updateOrganization")).hasSize(1);
    assertThat(AuditTrail.events(t.tenant(), "createOrganization")).hasSize(4);
    // the same transaction: the changed row and the audit row carry the same transaction id
    try (Connection c = asService(t.tenant()); var s = c.prepareStatement("""
        select (select xmin::text from organization where org_id = ?::uuid),
               (select xmin::text from audit_event where event_id = ?::uuid)""")) {
      s.setString(1, tree.get(2));
      s.setString(2, row.eventId());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        assertThat(rs.getString(1)).isNotNull().isEqualTo(rs.getString(2));
      }
    }

    t.admin().document("mutation($input: SetCalendarDaysInput!) { setCalendarDays(input: $input) { saved } }")
        .variable("input", Map.of("days", List.of(Map.of("day", "2026-10-01", "kind", "HOLIDAY", "name", "国庆节"))))
        .execute().path("setCalendarDays.saved").entity(Integer.class).isEqualTo(1);
    assertAudited("setCalendarDays", t.tenant(), t.adminUsername(), t.tenant().value());
  }

  @Test
  void aRefusedWriteLeavesNoRowAndAReadLeavesNone() {
    TestTownship t = freshTownship();
    List<String> tree = t.standardTree();
    t.createMember(tree.get(2), "M1", "王五");
    t.admin().documentName("createMember").variable("input", Map.of("code", "M1", "name", "重号", "gender", "FEMALE",
        "category", "VILLAGE", "villageType", "WITHOUT_POST", "branchId", tree.get(2))).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("DUPLICATE")));
    rename(t, tree.get(3), 0, "西村党支部");
    t.admin().document("mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { version } } }")
        .variable("input", Map.of("id", tree.get(3), "version", 0, "name", "过期版本")).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("CONFLICT")));
    t.admin().documentName("members").execute();

    assertThat(AuditTrail.events(t.tenant(), "createMember")).hasSize(1);
    assertThat(AuditTrail.events(t.tenant(), "updateOrganization")).hasSize(1);
    assertThat(AuditTrail.events(t.tenant(), "members")).isEmpty();
  }

  @Test
  void theTimeOfARowIsTheServicesClock() {
    TestTownship t = freshTownship();
    TestClock.advance(Duration.ofDays(400));
    Instant expected = Instant.now().plus(Duration.ofDays(400));
    String committee = t.createOrganization(null, t.tenant().value(), "测试镇党委", "COMMITTEE", null);
    var row = assertAudited("createOrganization", t.tenant(), t.adminUsername(), committee);
    assertThat(row.at().toInstant()).isCloseTo(expected, new org.assertj.core.data.TemporalUnitWithinOffset(1, ChronoUnit.MINUTES));
  }

  @Test
  void theServiceRoleCanAddAndReadRowsButNeverChangeOrRemoveThem() throws SQLException {
    try (Connection c = asService(null); var s = c.prepareStatement(
        "select has_table_privilege('jifen_app', 'audit_event', ?)")) {
      for (String privilege : List.of("INSERT", "SELECT", "UPDATE", "DELETE", "TRUNCATE")) {
        s.setString(1, privilege);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          assertThat(rs.getBoolean(1)).as(privilege).isEqualTo(privilege.equals("INSERT") || privilege.equals("SELECT"));
        }
      }
      c.rollback();
    }
    TestTownship t = freshTownship();
    t.createOrganization(null, t.tenant().value(), "测试镇党委", "COMMITTEE", null);
    for (String change : List.of("update audit_event set actor = 'someone else'", "delete from audit_event")) {
      try (Connection c = asService(t.tenant())) {
        c.createStatement().execute(change);
        throw new AssertionError(change + " was accepted");
      } catch (SQLException e) {
        assertThat(e.getSQLState()).as(change).isEqualTo("42501"); // insufficient_privilege
      }
    }
    assertThat(AuditTrail.events(t.tenant(), "createOrganization")).singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo(t.adminUsername()));
  }

  @Test
  void aTownshipAdminReadsTheOwnTrailFilteredAndPaged() {
    TestTownship t = freshTownship();
    List<String> tree = t.standardTree();
    rename(t, tree.get(2), 0, "东村第一党支部");
    Instant afterWrites = Instant.now().plusSeconds(1);

    var first = t.admin().document(EVENTS).variable("first", 3).execute();
    first.path("auditEvents.edges").entityList(Object.class).hasSize(3);
    first.path("auditEvents.edges[0].node.action").entity(String.class).isEqualTo("updateOrganization"); // newest first
    first.path("auditEvents.edges[0].node.township").entity(String.class).isEqualTo(t.tenant().value());
    first.path("auditEvents.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
    String cursor = first.path("auditEvents.pageInfo.endCursor").entity(String.class).get();
    var rest = t.admin().document(EVENTS).variable("first", 10).variable("after", cursor).execute();
    rest.path("auditEvents.edges[*].node.action").entityList(String.class).containsExactly("createOrganization", "createOrganization");
    rest.path("auditEvents.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);

    events(t.admin(), Map.of("action", "createOrganization")).hasSize(4);
    events(t.admin(), Map.of("target", tree.get(2))).hasSize(2); // created, then renamed
    events(t.admin(), Map.of("actor", t.adminUsername(), "action", "updateOrganization")).hasSize(1);
    events(t.admin(), Map.of("actor", "someone.else")).hasSize(0);
    events(t.admin(), Map.of("from", afterWrites.toString())).hasSize(0);
    events(t.admin(), Map.of("until", afterWrites.toString())).hasSize(5);

    // another township's admin sees none of it, whatever the filter says
    TestTownship other = freshTownship();
    events(other.admin(), Map.of("township", t.tenant().value())).hasSize(0);
    events(other.admin(), Map.of("target", tree.get(2))).hasSize(0);
  }

  @Test
  void theOperatorReadsEveryTownshipAndNobodyElseReadsTheTrail() {
    TestTownship t = freshTownship();
    t.standardTree();
    TestTownship other = freshTownship();
    other.createOrganization(null, other.tenant().value(), "另一镇党委", "COMMITTEE", null);

    var operator = asUser("operator");
    events(operator, Map.of("township", t.tenant().value())).hasSize(4);
    events(operator, Map.of("township", other.tenant().value())).hasSize(1);
    operator.document(EVENTS).variable("first", 500).variable("filter", Map.of("action", "createOrganization")).execute()
        .path("auditEvents.edges[*].node.township").entityList(String.class).contains(t.tenant().value(), other.tenant().value());

    String code = t.tenant().value();
    String member = Keycloak.createUser(("mem." + code).toLowerCase(), code, List.of("member"), null, null);
    for (String token : List.of(member, Keycloak.clientToken("app-qs"), Keycloak.token("reviewer.demo"))) {
      as(token).document(EVENTS).execute().errors().satisfy(errors ->
          assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("FORBIDDEN")));
    }
  }

  private GraphQlTester.EntityList<Object> events(GraphQlTester tester, Map<String, Object> filter) {
    return tester.document(EVENTS).variable("first", 500).variable("filter", filter).execute()
        .path("auditEvents.edges").entityList(Object.class);
  }
}
