package com.jifen.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.testing.IntegrationTest;
import com.jifen.testing.TestClock;
import com.jifen.testing.TestTownship;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A year whose results are final (published, the window closed, finalized) is not settled again: the final result
 * keeps the run that was published, and a newer run would make the year-end page and its sheets contradict it.
 */
class SettlingFinalYearIT extends IntegrationTest {
  private static final int YEAR = FaithfulToTheRulesIT.YEAR;
  private static final List<Integer> MISSING = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
  private static final String SETTLE = """
      mutation($input: SettleBranchInput!) { settleBranch(input: $input) { settlement { id run } } }""";

  @Autowired Clock clock;

  @AfterEach
  void resetClock() {
    TestClock.reset();
  }

  private int currentRun(TestTownship t, String branch) {
    return t.admin().document("query($b: ID!, $y: Int!) { settlement(branchId: $b, year: $y) { run } }")
        .variable("b", branch).variable("y", YEAR).execute().path("settlement.run").entity(Integer.class).get();
  }

  /** Publishes the branch's current run from today, lets the window close and finalizes it. */
  private void publishAndFinalize(TestTownship t, String branch) {
    LocalDate today = LocalDate.now(clock);
    LocalDate endsOn = LocalDate.parse(t.admin()
        .document("mutation($input: PublishSettlementInput!) { publishSettlement(input: $input) { publication { endsOn } } }")
        .variable("input", Map.of("branchId", branch, "year", YEAR, "startsOn", today.toString())).execute()
        .path("publishSettlement.publication.endsOn").entity(String.class).get());
    TestClock.advance(Duration.ofDays(endsOn.toEpochDay() - today.toEpochDay() + 1));
    t.admin().document("mutation($input: FinalizeSettlementInput!) { finalizeSettlement(input: $input) { publication { state } } }")
        .variable("input", Map.of("branchId", branch, "year", YEAR)).execute()
        .path("finalizeSettlement.publication.state").entity(String.class).isEqualTo("FINAL");
  }

  @Test
  void aFinalYearIsRefusedWithResultsFinalAndStoresNoRunWhileAReplayOfAnEarlierRequestStillAnswersItsRun() {
    List<String> branches = new ArrayList<>();
    TestTownship t = SettlementRetryIT.twoOrganBranches(freshTownship(), branches);
    String branch = branches.getFirst();
    Map<String, Object> keyed = Map.of("branchId", branch, "year", YEAR, "acknowledgeMissingMonths", MISSING,
        "idempotencyKey", "settle-final-" + branch);
    String first = t.admin().document(SETTLE).variable("input", keyed).execute()
        .path("settleBranch.settlement.id").entity(String.class).get();
    // before publication, and while the window is open, a branch may be settled again (a correction after an objection)
    t.admin().document(SETTLE).variable("input", Map.of("branchId", branch, "year", YEAR, "acknowledgeMissingMonths", MISSING))
        .execute().path("settleBranch.settlement.run").entity(Integer.class).isEqualTo(2);
    publishAndFinalize(t, branch);

    t.admin().document(SETTLE).variable("input", Map.of("branchId", branch, "year", YEAR, "acknowledgeMissingMonths", MISSING))
        .execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(code(e)).isEqualTo("RESULTS_FINAL");
          assertThat(e.getMessage()).contains("%d 年度结果已确定".formatted(YEAR), "不能重新结算", "异议");
        }));
    assertThat(currentRun(t, branch)).isEqualTo(2);
    // the request answered before the year became final stored nothing new then, and replays its run now
    t.admin().document(SETTLE).variable("input", keyed).execute()
        .path("settleBranch.settlement.id").entity(String.class).isEqualTo(first)
        .path("settleBranch.settlement.run").entity(Integer.class).isEqualTo(1);
    assertThat(currentRun(t, branch)).isEqualTo(2);
  }

  @Test
  void theTownshipSettlesEveryOtherBranchAndListsTheFinalOneAsNotSettledWithResultsFinal() {
    List<String> branches = new ArrayList<>();
    TestTownship t = SettlementRetryIT.twoOrganBranches(freshTownship(), branches);
    var all = t.admin().document("mutation($input: SettleTownshipInput!) { settleTownship(input: $input) { settled { run } notSettled { code } } }")
        .variable("input", Map.of("year", YEAR, "acknowledgeMissingMonths", MISSING)).execute();
    all.path("settleTownship.settled[*].run").entityList(Integer.class).containsExactly(1, 1);
    publishAndFinalize(t, branches.getFirst());

    var again = t.admin().document("""
            mutation($input: SettleTownshipInput!) {
              settleTownship(input: $input) { settled { branch { id } run } notSettled { branch { id } code message } } }""")
        .variable("input", Map.of("year", YEAR, "acknowledgeMissingMonths", MISSING)).execute();
    again.path("settleTownship.settled[*].branch.id").entityList(String.class).containsExactly(branches.get(1))
        .path("settleTownship.settled[0].run").entity(Integer.class).isEqualTo(2)
        .path("settleTownship.notSettled[*].branch.id").entityList(String.class).containsExactly(branches.getFirst())
        .path("settleTownship.notSettled[0].code").entity(String.class).isEqualTo("RESULTS_FINAL")
        .path("settleTownship.notSettled[0].message").entity(String.class).satisfies(m -> assertThat(m).contains("不能重新结算"));
    assertThat(currentRun(t, branches.getFirst())).isEqualTo(1);
  }
}
