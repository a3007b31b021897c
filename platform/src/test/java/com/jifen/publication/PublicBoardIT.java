package com.jifen.publication;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.scheme.engine.SeedSchemes;
import com.jifen.testing.IntegrationTest;
import com.jifen.testing.TestTownship;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/** 公开公示栏: read without a token only where the township's ranking visibility is PUBLIC. */
class PublicBoardIT extends IntegrationTest {
  static final int YEAR = LocalDate.now().getYear() - 1;
  static final String[] ITEMS = {"STUDY", "ORG_LIFE", "DUES", "DISCIPLINE", "DUTY", "PLEDGE", "MASSES", "VANGUARD", "INTEGRITY", "MORALITY"};
  static final String BOARD = """
      query($t: String!, $b: String, $y: Int!, $m: Int!) { publicBoard(township: $t, branch: $b, year: $y, month: $m) {
        township townshipName branches { code name } branch { code name } publishedMonths
        sheet { publishedAt rows { memberCode memberName total } corrections { memberName } } results { state } } }""";

  private GraphQlTester.Response board(String township, String branch, int month) {
    var vars = new java.util.HashMap<String, Object>(Map.of("t", township, "y", YEAR, "m", month));
    vars.put("b", branch);
    return anonymous().document(BOARD).variables(vars).execute();
  }

  private static void refused(GraphQlTester.Response r, String classification, String code) {
    r.errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
      assertThat(classification(e)).isEqualTo(classification);
      assertThat(code(e)).isEqualTo(code);
      assertThat(e.getMessage()).containsPattern("\\p{IsHan}");
    }));
    r.path("publicBoard").pathDoesNotExist();
  }

  @Test
  void anonymousReadsTheBoardOnlyWhereTheTownshipShowsItPublicly() {
    TestTownship t = freshTownship();
    String code = t.tenant().value();
    String committee = t.createOrganization(null, code, "测试镇党委", "COMMITTEE", null);
    String general = t.createOrganization(committee, code + "-Z1", "机关党总支", "GENERAL_BRANCH", "ORGAN");
    String branch = t.createOrganization(general, code + "-Z1-01", "党政办党支部", "BRANCH", "ORGAN");
    t.createOrganization(general, code + "-Z1-02", "财政所党支部", "BRANCH", "ORGAN");
    List<String> members = List.of(t.createMember(branch, "P1", "张三", "ORGAN"), t.createMember(branch, "P2", "李四", "ORGAN"));
    t.publishAndPin(SeedSchemes.text(SeedSchemes.S1), YEAR, "ORGAN");
    List<Map<String, Object>> cells = new ArrayList<>();
    for (int m = 0; m < members.size(); m++) {
      for (String item : ITEMS) {
        cells.add(Map.of("memberId", members.get(m), "item", item, "points", String.valueOf(9 - m), "version", 0));
      }
    }
    t.admin().document("mutation($input: ConfirmMonthInput!) { confirmMonth(input: $input) { posted } }")
        .variable("input", Map.of("branchId", branch, "year", YEAR, "month", 1, "idempotencyKey", "public-board-" + code, "cells", cells))
        .executeAndVerify();
    t.admin().document("mutation($input: PublishMonthInput!) { publishMonth(input: $input) { sheet { publishedAt } } }")
        .variable("input", Map.of("branchId", branch, "year", YEAR, "month", 1)).executeAndVerify();

    // a township that has not chosen public viewing: nothing without an account
    refused(board(code, code + "-Z1-01", 1), "FORBIDDEN", "BOARD_NOT_PUBLIC");

    t.admin().document("mutation { updateTownship(input: { rankingVisibility: PUBLIC }) { township { rankingVisibility } } }")
        .executeAndVerify();
    var read = board(code.toLowerCase(), code + "-Z1-01", 1);
    read.path("publicBoard.township").entity(String.class).isEqualTo(code);
    read.path("publicBoard.branches[*].code").entityList(String.class).containsExactly(code + "-Z1-01", code + "-Z1-02");
    read.path("publicBoard.branch.name").entity(String.class).isEqualTo("党政办党支部");
    read.path("publicBoard.publishedMonths").entityList(Integer.class).containsExactly(1);
    read.path("publicBoard.sheet.rows[*].memberName").entityList(String.class).containsExactly("张三", "李四");
    read.path("publicBoard.sheet.rows[*].total").entityList(String.class).containsExactly("90.00", "80.00");
    read.path("publicBoard.results").valueIsNull();
    // a month not published shows nothing of it
    board(code, code + "-Z1-01", 2).path("publicBoard.sheet").valueIsNull();
    // the township's page without a branch: the branches to choose from
    board(code, null, 1).path("publicBoard.branches").entityList(Object.class).hasSize(2).path("publicBoard.sheet").valueIsNull();

    refused(board(code, code + "-Z9-99", 1), "NOT_FOUND", "NOT_FOUND");
    refused(board("NOSUCHTOWN", code + "-Z1-01", 1), "NOT_FOUND", "NOT_FOUND");
    refused(board(code, code + "-Z1-01", 13), "BAD_REQUEST", "INVALID_MONTH");

    // withdrawing the setting withdraws the board
    t.admin().document("mutation { updateTownship(input: { rankingVisibility: BRANCH }) { township { rankingVisibility } } }")
        .executeAndVerify();
    refused(board(code, code + "-Z1-01", 1), "FORBIDDEN", "BOARD_NOT_PUBLIC");
  }
}
