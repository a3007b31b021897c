package com.jifen.statistics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jifen.scheme.engine.SeedSchemes;
import com.jifen.shared.TenantId;
import com.jifen.statistics.CountyReviewIT;
import com.jifen.testing.IntegrationTest;
import com.jifen.testing.Keycloak;
import com.jifen.testing.TestTownship;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Issue 15: a county's whole comparison is kept in memory, and a write to any of its inputs (a township's sheets,
 * the county's settings, the county's list of townships) is seen by the next read: on this instance as the mutation
 * completes, from any other writer (SQL here, as another instance or an import would write) as PostgreSQL's
 * notification arrives. That the comparison is really kept is shown first by changes made behind the cache's back
 * (a session with its triggers off sends no notification) that the next read does not see. Each test has a county of
 * its own: one township, one branch of six members, last year's January confirmed today (late).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CountyComparisonCacheIT extends IntegrationTest {
  static final int LAST_YEAR = YearMonth.now(ZoneId.systemDefault()).getYear() - 1;
  static final String COMPARISON = """
      query($y: Int!) { countyComparison(year: $y) { rows { township { id name } current { members sheetsConfirmed sheetsOnTime } } } }""";

  @Value("${spring.liquibase.url}") String jdbcUrl;
  @Autowired ReviewCache cache;

  @BeforeAll
  void listening() {
    await().atMost(Duration.ofSeconds(10)).until(cache::live);
  }

  private record County(String id, String reviewer, TestTownship township, String branch, List<String> members) {}

  private County county() {
    String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36), 36).toUpperCase();
    String county = "CK" + suffix;
    TenantId tenant = new TenantId("KT" + suffix);
    townships.provision(tenant, "缓存镇" + suffix, county, "缓存县" + suffix).block();
    TestTownship t = new TestTownship(tenant,
        Keycloak.createUser(("admin." + tenant.value()).toLowerCase(), tenant.value(), List.of("tenant-admin", "member"), null, null), this);
    String reviewer = ("reviewer." + county).toLowerCase();
    Keycloak.createCountyReviewer(reviewer, county);
    String committee = t.createOrganization(null, tenant.value(), "缓存镇党委", "COMMITTEE", null);
    String general = t.createOrganization(committee, tenant.value() + "-Z1", "机关党总支", "GENERAL_BRANCH", "ORGAN");
    String branch = t.createOrganization(general, tenant.value() + "-Z1-01", "党政办党支部", "BRANCH", "ORGAN");
    t.publishAndPin(SeedSchemes.text(SeedSchemes.S1), LAST_YEAR, "ORGAN");
    List<String> members = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      members.add(t.createMember(branch, "M" + i, "党员" + i, "ORGAN"));
    }
    confirm(t, branch, 1, members);
    return new County(county, reviewer, t, branch, members);
  }

  @Test
  void aSheetConfirmedThroughTheApiIsInTheVeryNextComparison() {
    County c = county();
    assertThat(figure(c, "sheetsConfirmed")).isEqualTo(1);
    confirm(c.township(), c.branch(), 2, c.members());
    // no waiting: the mutation forgets its township on this instance before it answers
    assertThat(figure(c, "sheetsConfirmed")).isEqualTo(2);
  }

  @Test
  void aTownshipsFiguresWrittenElsewhereReachTheComparisonByNotification() {
    County c = county();
    assertThat(figure(c, "sheetsOnTime")).isZero();
    String onTime = "update review_branch_month set confirmed_at = make_date(year, month, 1) + interval '1 month 2 days' where tenant_id = '%s'"
        .formatted(c.township().tenant().value());
    sql(true, onTime);
    // the whole comparison is kept: a change that notifies nobody is not seen
    assertThat(figure(c, "sheetsOnTime")).isZero();
    sql(false, onTime);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(figure(c, "sheetsOnTime")).isEqualTo(1));
  }

  @Test
  void theCountysSettingsChangeTheNextComparison() {
    County c = county();
    // January confirmed 40 days after it ended: late under the default allowance of 30 days
    sql(false, "update review_branch_month set confirmed_at = make_date(year, month, 1) + interval '1 month 40 days' where tenant_id = '%s'"
        .formatted(c.township().tenant().value()));
    assertThat(figure(c, "sheetsOnTime")).isZero();
    String update = "mutation($input: ReviewSettingsInput!) { updateReviewSettings(input: $input) { settings { version } } }";
    asUser(c.reviewer()).document(update).variable("input", Map.of("lateConfirmDays", 45, "version", 0)).executeAndVerify();
    // within the county's new allowance: seen at once on the instance that wrote it
    assertThat(figure(c, "sheetsOnTime")).isEqualTo(1);
    // and by notification when written elsewhere
    sql(false, "update review_settings set late_confirm_days = 30 where county_id = '%s'".formatted(c.id()));
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(figure(c, "sheetsOnTime")).isZero());
  }

  @Test
  void theCountysTownshipListAndNamesAreNeverServedStale() {
    County c = county();
    String tenant = c.township().tenant().value();
    assertThat(ask(c).path("countyComparison.rows[*].township.id").entityList(String.class).get()).containsOnly(tenant);
    sql(true, "update tenant set name = '改名前' where tenant_id = '%s'".formatted(tenant));
    assertThat(ask(c).path("countyComparison.rows[*].township.name").entityList(String.class).get()).containsOnly("缓存镇" + tenant.substring(2));
    sql(false, "update tenant set name = '改名镇' where tenant_id = '%s'".formatted(tenant));
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(ask(c).path("countyComparison.rows[*].township.name").entityList(String.class).get()).containsOnly("改名镇"));
    sql(false, "update tenant set status = 'SUSPENDED' where tenant_id = '%s'".formatted(tenant));
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(ask(c).path("countyComparison.rows[*].township.id").entityList(String.class).get()).isEmpty());
    sql(false, "update tenant set status = 'ACTIVE' where tenant_id = '%s'".formatted(tenant));
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(ask(c).path("countyComparison.rows[*].township.id").entityList(String.class).get()).containsOnly(tenant));
  }

  // ---------------------------------------------------------------- fixtures

  private org.springframework.graphql.test.tester.GraphQlTester.Response ask(County c) {
    return asUser(c.reviewer()).document(COMPARISON).variable("y", LAST_YEAR).execute();
  }

  /** A figure of the township's ORGAN row for last year. */
  private int figure(County c, String name) {
    List<Integer> values = ask(c).path("countyComparison.rows[*].current." + name).entityList(Integer.class).get();
    assertThat(values).hasSize(1);
    return values.getFirst();
  }

  /** Writes as another writer would; behindTheCache: with this session's triggers off, so nobody is notified. */
  private void sql(boolean behindTheCache, String statement) {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
      if (behindTheCache) {
        c.createStatement().execute("set session_replication_role = replica");
      }
      assertThat(c.createStatement().executeUpdate(statement)).isPositive();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void confirm(TestTownship t, String branch, int month, List<String> members) {
    List<Map<String, Object>> cells = new ArrayList<>();
    for (int m = 0; m < members.size(); m++) {
      for (String item : CountyReviewIT.ITEMS) {
        cells.add(Map.of("memberId", members.get(m), "item", item, "points", String.valueOf(4 + (m + item.length()) % 6), "version", 0));
      }
    }
    t.admin().document("mutation($input: ConfirmMonthInput!) { confirmMonth(input: $input) { posted } }")
        .variable("input", Map.of("branchId", branch, "year", LAST_YEAR, "month", month, "idempotencyKey", "cache-" + UUID.randomUUID(), "cells", cells))
        .executeAndVerify();
  }
}
