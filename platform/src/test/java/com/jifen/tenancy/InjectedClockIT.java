package com.jifen.tenancy;

import static com.jifen.testing.AuditTrail.assertAudited;
import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.scheme.engine.SeedSchemes;
import com.jifen.shared.TenantId;
import com.jifen.testing.AuditTrail;
import com.jifen.testing.IntegrationTest;
import com.jifen.testing.Keycloak;
import com.jifen.testing.TestClock;
import com.jifen.testing.TestTownship;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rows carry the time of the injected clock, not the database's: with the clock stopped an hour back, what a member
 * update, a month confirmation and its ledger entries write equals the stopped instant to the microsecond.
 */
class InjectedClockIT extends IntegrationTest {
  private static final int YEAR = LocalDate.now().getYear() - 1;
  private static final String[] ITEMS = {"STUDY", "ORG_LIFE", "DUES", "DISCIPLINE", "DUTY", "PLEDGE", "MASSES", "VANGUARD",
      "INTEGRITY", "MORALITY"};

  @AfterEach
  void restartClock() {
    TestClock.reset();
  }

  @Test
  void writesAreStampedWithTheInjectedClock() {
    // an hour back, with microseconds: neither the database's now() nor a default could produce it
    Instant stopped = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).plus(123_456, ChronoUnit.MICROS);
    TestClock.stopAt(stopped);

    TestTownship t = freshTownship();
    String code = t.tenant().value();
    String committee = t.createOrganization(null, code, "测试镇党委", "COMMITTEE", null);
    String general = t.createOrganization(committee, code + "-Z1", "机关党总支", "GENERAL_BRANCH", "ORGAN");
    String branch = t.createOrganization(general, code + "-Z1-01", "党政办党支部", "BRANCH", "ORGAN");
    String member = t.createMember(branch, "P1", "党员1", "ORGAN");
    t.publishAndPin(SeedSchemes.text(SeedSchemes.S1), YEAR, "ORGAN");
    String secretary = ("sec." + code).toLowerCase();
    String secretaryToken = Keycloak.createUser(secretary, code, List.of("branch-secretary", "member"), code + "-Z1-01", "P1");

    t.admin().document("mutation { updateMember(input: {id: \"%s\", version: 0, name: \"党员一\"}) { member { version } } }"
        .formatted(member)).executeAndVerify();
    List<Map<String, Object>> cells = new ArrayList<>();
    for (String item : ITEMS) {
      cells.add(Map.of("memberId", member, "item", item, "points", "8", "version", 0));
    }
    as(secretaryToken).document("mutation($input: ConfirmMonthInput!) { confirmMonth(input: $input) { posted } }")
        .variable("input", Map.of("branchId", branch, "year", YEAR, "month", 1, "idempotencyKey", "confirm-" + UUID.randomUUID(),
            "cells", cells))
        .execute().path("confirmMonth.posted").entity(Integer.class).isEqualTo(ITEMS.length);

    assertThat(times(t.tenant(), "select created_at from member where member_id = ?::uuid", member)).containsExactly(stopped);
    assertThat(times(t.tenant(), "select updated_at from member where member_id = ?::uuid", member)).containsExactly(stopped);
    assertThat(times(t.tenant(), "select confirmed_at from month_sheet where branch_id = ?::uuid", branch)).containsExactly(stopped);
    assertThat(times(t.tenant(), "select recorded_at from ledger_entry where member_id = ?::uuid", member))
        .hasSize(ITEMS.length).containsOnly(stopped);
    assertThat(assertAudited("updateMember", t.tenant(), t.adminUsername(), member).at().toInstant()).isEqualTo(stopped);
    assertThat(assertAudited("confirmMonth", t.tenant(), secretary, branch).at().toInstant()).isEqualTo(stopped);
  }

  /** One timestamptz column's values, as the service reads them. */
  private static List<Instant> times(TenantId tenant, String sql, String id) {
    return AuditTrail.inTownship(tenant, c -> {
      List<Instant> times = new ArrayList<>();
      try (var q = c.prepareStatement(sql)) {
        q.setString(1, id);
        try (var rs = q.executeQuery()) {
          while (rs.next()) {
            times.add(rs.getObject(1, OffsetDateTime.class).toInstant());
          }
        }
      }
      return times;
    });
  }
}
