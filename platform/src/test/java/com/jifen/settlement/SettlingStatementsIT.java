package com.jifen.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.settlement.StatementCounter.Transaction;
import com.jifen.testing.IntegrationTest;
import com.jifen.testing.TestTownship;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Issue 13, item 5: settling a township and showing the result (each settlement's branch, members, exempt members and
 * annual stars) reads in batches. Each branch is settled in a transaction of its own (one branch's gap stops no other),
 * whose statements do not depend on how many branches or members there are; everything else costs the same number of
 * statements for one branch as for four.
 */
@Import(StatementCounter.Config.class)
class SettlingStatementsIT extends IntegrationTest {
  private static final int YEAR = FaithfulToTheRulesIT.YEAR;
  private static final List<Integer> MISSING = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
  private static final String SETTLE_TOWNSHIP = """
      mutation($input: SettleTownshipInput!) { settleTownship(input: $input) {
        settled { id run branch { code name } members { member { code name } annualTotal grade stars rank }
          exempt { member { code } grade } annualStars { basis quota candidates { code } confirmed { code } } }
        notSettled { branch { code } code } } }""";

  @Autowired StatementCounter counter;

  /** Figures of one township settlement. */
  record Figures(int branches, List<Integer> perBranch, int elsewhere, int transactionsElsewhere) {}

  @Test
  void settlingATownshipCostsAFixedTransactionPerBranchAndNoStatementPerBranchBesides() {
    Figures one = settle(1, 1);
    Figures four = settle(4, 3);
    System.out.printf("statements: 1 branch %s; 4 branches %s%n", one, four);

    assertThat(four.perBranch()).hasSize(4).containsOnly(one.perBranch().getFirst());
    assertThat(four.elsewhere()).isEqualTo(one.elsewhere());
    assertThat(four.transactionsElsewhere()).isEqualTo(one.transactionsElsewhere());
  }

  /** A township of {@code branches} branches of {@code members} members each, December confirmed, then settled. */
  private Figures settle(int branches, int members) {
    TestTownship t = freshTownship();
    String committee = t.createOrganization(null, t.tenant().value(), "测试镇党委", "COMMITTEE", null);
    t.publishAndPin(FaithfulToTheRulesIT.S1_NO_BALLOT, YEAR, "ORGAN");
    for (int b = 1; b <= branches; b++) {
      String branch = t.createOrganization(committee, t.tenant().value() + "-0" + b, "机关第" + b + "党支部", "BRANCH", "ORGAN");
      List<Map<String, Object>> cells = new ArrayList<>();
      for (int m = 1; m <= members; m++) {
        String member = t.createMember(branch, "M" + b + m, "党员" + b + m, "ORGAN");
        for (String item : FaithfulToTheRulesIT.ITEMS) {
          cells.add(Map.of("memberId", member, "item", item, "points", String.valueOf(5 + m), "version", 0));
        }
      }
      t.admin().document("mutation($input: ConfirmMonthInput!) { confirmMonth(input: $input) { posted } }")
          .variable("input", Map.of("branchId", branch, "year", YEAR, "month", 12, "idempotencyKey", "dec-" + branch, "cells", cells))
          .executeAndVerify();
    }
    counter.drain(t.tenant().value());

    var settled = t.admin().document(SETTLE_TOWNSHIP).variable("input", Map.of("year", YEAR, "acknowledgeMissingMonths", MISSING))
        .execute();
    settled.path("settleTownship.notSettled").entityList(Object.class).hasSize(0);
    settled.path("settleTownship.settled[*].branch.code").entityList(String.class).hasSize(branches);
    settled.path("settleTownship.settled[0].members[*].member.code").entityList(String.class).hasSize(members);

    List<Transaction> transactions = counter.drain(t.tenant().value());
    List<Integer> perBranch = transactions.stream().filter(tx -> tx.stores("settlement")).map(tx -> tx.statements().size()).toList();
    List<Transaction> elsewhere = transactions.stream().filter(tx -> !tx.stores("settlement")).toList();
    return new Figures(branches, perBranch, elsewhere.stream().mapToInt(tx -> tx.statements().size()).sum(), elsewhere.size());
  }
}
