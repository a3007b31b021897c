package com.jifen.organization.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.organization.RowError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How a roster sheet is read before anything is stored: the join-date layouts clerks type, and a header's columns. */
class RosterPlanTest {

  @ParameterizedTest(name = "“{0}” is {1}")
  @CsvSource({
      "2001-07-01, 2001-07-01",
      "2001年7月1日, 2001-07-01",
      "2001年07月01日, 2001-07-01",
      "2001 年 7 月 1 日, 2001-07-01",
      "2001.7.1, 2001-07-01",
      "2001/7/1, 2001-07-01",
      "2001-7-1, 2001-07-01",
      "2001年7月, 2001-07-01",
      "2001.12, 2001-12-01"})
  void aJoinDateIsReadInTheLayoutsClerksType(String text, LocalDate expected) {
    assertThat(RosterPlan.parseDate(text)).contains(expected);
  }

  @ParameterizedTest(name = "“{0}” is no date")
  @ValueSource(strings = {"2001-13-01", "2001年2月30日", "2001年13月", "7月1日", "01/07/2001", "二〇〇一年七月一日", "yesterday"})
  void somethingElseIsNoDate(String text) {
    assertThat(RosterPlan.parseDate(text)).isEmpty();
  }

  @Test
  void aHeaderWithoutARequiredColumnIsRefusedOnRowOneAndNothingIsPlanned() {
    RosterSheet sheet = RosterSheet.csv("编号,性别,党员类别\nQS-001,男,农村\n");
    List<RowError> errors = new ArrayList<>();
    var plan = RosterPlan.validate(sheet, Map.of(), Map.of(), Map.of(), errors, LocalDate.of(2026, 6, 15));
    assertThat(errors).extracting(RowError::row, RowError::column, RowError::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "姓名", "MISSING_COLUMN"),
            org.assertj.core.groups.Tuple.tuple(1, "所在支部", "MISSING_COLUMN"));
    assertThat(plan.created()).isEmpty();
    assertThat(plan.updates()).isEmpty();
  }
}
