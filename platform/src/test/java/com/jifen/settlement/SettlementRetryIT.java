package com.jifen.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.testing.IntegrationTest;
import com.jifen.testing.TestTownship;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A settlement retried with its idempotency key (after a crash lost the answer, see the fault suite) is stored once:
 * the retry answers the run the first request stored; the same key with other input is a conflict.
 */
class SettlementRetryIT extends IntegrationTest {
  private static final int YEAR = FaithfulToTheRulesIT.YEAR;
  private static final List<Integer> MISSING = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
  private static final String SETTLE = """
      mutation($input: SettleBranchInput!) { settleBranch(input: $input) { settlement { id run members { annualTotal } } } }""";
  private static final String SETTLE_TOWNSHIP = """
      mutation($input: SettleTownshipInput!) { settleTownship(input: $input) { settled { id run } notSettled { code } } }""";

  private TestTownship township(List<String> branches) {
    return twoOrganBranches(freshTownship(), branches);
  }

  /** A township with two branches of one member each and December confirmed; their ids added to branches. */
  static TestTownship twoOrganBranches(TestTownship t, List<String> branches) {
    String committee = t.createOrganization(null, t.tenant().value(), "测试镇党委", "COMMITTEE", null);
    t.publishAndPin(FaithfulToTheRulesIT.S1_NO_BALLOT, YEAR, "ORGAN");
    for (int i = 1; i <= 2; i++) {
      String branch = t.createOrganization(committee, t.tenant().value() + "-0" + i, "机关第" + i + "党支部", "BRANCH", "ORGAN");
      String member = t.createMember(branch, "M" + i, "党员" + i, "ORGAN");
      List<Map<String, Object>> cells = new ArrayList<>();
      for (String item : FaithfulToTheRulesIT.ITEMS) {
        cells.add(Map.of("memberId", member, "item", item, "points", "9", "version", 0));
      }
      t.admin().document("mutation($input: ConfirmMonthInput!) { confirmMonth(input: $input) { posted } }")
          .variable("input", Map.of("branchId", branch, "year", YEAR, "month", 12, "idempotencyKey", "dec-" + branch, "cells", cells))
          .executeAndVerify();
      branches.add(branch);
    }
    return t;
  }

  private long runs(TestTownship t, String branch) {
    return t.admin().document("query($b: ID!, $y: Int!) { settlement(branchId: $b, year: $y) { run } }")
        .variable("b", branch).variable("y", YEAR).execute().path("settlement.run").entity(Long.class).get();
  }

  @Test
  void theSameKeyAnswersTheStoredRunAndStoresNoOther() {
    List<String> branches = new ArrayList<>();
    TestTownship t = township(branches);
    String key = "settle-" + UUID.randomUUID();
    Map<String, Object> input = Map.of("branchId", branches.getFirst(), "year", YEAR, "acknowledgeMissingMonths", MISSING,
        "idempotencyKey", key);
    var first = t.admin().document(SETTLE).variable("input", input).execute();
    String id = first.path("settleBranch.settlement.id").entity(String.class).get();
    first.path("settleBranch.settlement.run").entity(Integer.class).isEqualTo(1);
    var again = t.admin().document(SETTLE).variable("input", input).execute();
    again.path("settleBranch.settlement.id").entity(String.class).isEqualTo(id);
    again.path("settleBranch.settlement.run").entity(Integer.class).isEqualTo(1);
    again.path("settleBranch.settlement.members[0].annualTotal").entity(String.class).isEqualTo(
        first.path("settleBranch.settlement.members[0].annualTotal").entity(String.class).get());
    assertThat(runs(t, branches.getFirst())).isEqualTo(1);

    // the same key with other input is refused, and stores nothing
    t.admin().document(SETTLE).variable("input", Map.of("branchId", branches.getFirst(), "year", YEAR,
            "acknowledgeMissingMonths", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), "idempotencyKey", key))
        .execute().errors().satisfy(errors -> assertThat(errors).extracting(IntegrationTest::code).containsExactly("IDEMPOTENCY_KEY_REUSED"));
    assertThat(runs(t, branches.getFirst())).isEqualTo(1);
    // without a key, or with a new one, a settlement is a new run as before
    t.admin().document(SETTLE).variable("input", Map.of("branchId", branches.getFirst(), "year", YEAR, "acknowledgeMissingMonths", MISSING))
        .execute().path("settleBranch.settlement.run").entity(Integer.class).isEqualTo(2);
  }

  @Test
  void aTownshipRetriedWithItsKeySettlesOnlyTheBranchesNotYetStored() {
    List<String> branches = new ArrayList<>();
    TestTownship t = township(branches);
    String key = "town-" + UUID.randomUUID();
    // the first branch was stored before a crash: the township's key for it, as settleTownship derives it
    String derived = "settleTownship:" + com.jifen.shared.Hashes.sha256(key).substring(0, 24) + ":" + branches.getFirst();
    String firstRun = t.admin().document(SETTLE).variable("input", Map.of("branchId", branches.getFirst(), "year", YEAR,
            "acknowledgeMissingMonths", MISSING, "idempotencyKey", derived))
        .execute().path("settleBranch.settlement.id").entity(String.class).get();
    var retried = t.admin().document(SETTLE_TOWNSHIP).variable("input", Map.of("year", YEAR, "acknowledgeMissingMonths", MISSING,
        "idempotencyKey", key)).execute();
    retried.path("settleTownship.notSettled").entityList(Object.class).hasSize(0);
    retried.path("settleTownship.settled[*].run").entityList(Integer.class).containsExactly(1, 1);
    retried.path("settleTownship.settled[*].id").entityList(String.class).contains(firstRun);
    var once = t.admin().document(SETTLE_TOWNSHIP).variable("input", Map.of("year", YEAR, "acknowledgeMissingMonths", MISSING,
        "idempotencyKey", key)).execute();
    assertThat(once.path("settleTownship.settled[*].id").entityList(String.class).get())
        .containsExactlyElementsOf(retried.path("settleTownship.settled[*].id").entityList(String.class).get());
    assertThat(runs(t, branches.get(0))).isEqualTo(1);
    assertThat(runs(t, branches.get(1))).isEqualTo(1);
  }
}
