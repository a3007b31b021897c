package com.jifen.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jifen.organization.Member;
import com.jifen.shared.DomainException;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The period, the state and who takes entries: the rules every month-sheet write checks first. */
class SheetRulesTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

  @ParameterizedTest(name = "{0}-{1} is {2}")
  @CsvSource({
      "2026, 6, 2026-06",
      "2026, 1, 2026-01",
      "2025, 12, 2025-12",
      "2000, 1, 2000-01",
  })
  void aMonthThatHasBegunIsAPeriod(int year, int month, String expected) {
    assertThat(SheetRules.period(year, month, TODAY)).isEqualTo(YearMonth.parse(expected));
  }

  @ParameterizedTest(name = "{0}-{1} → {2}")
  @CsvSource({
      "2026, 0, INVALID_PERIOD",
      "2026, 13, INVALID_PERIOD",
      "1999, 12, INVALID_PERIOD",
      "2101, 1, INVALID_PERIOD",
      "2026, 7, FUTURE_MONTH",
      "2027, 1, FUTURE_MONTH",
  })
  void aMonthThatDoesNotExistOrHasNotBegunIsRefused(int year, int month, String code) {
    assertThatThrownBy(() -> SheetRules.period(year, month, TODAY))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"CONFIRMED, MONTH_CONFIRMED", "PUBLISHED, MONTH_PUBLISHED"})
  void onlyAnOpenMonthTakesDrafts(SheetState state, String code) {
    SheetRules.requireOpen(SheetState.OPEN, YearMonth.of(2026, 6));
    assertThatThrownBy(() -> SheetRules.requireOpen(state, YearMonth.of(2026, 6)))
        .isInstanceOfSatisfying(DomainException.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.getMessage()).contains("2026-06").contains("更正");
        });
  }

  @Test
  void departedAndExemptMembersTakeNoEntriesAndTheReasonIsSaid() {
    SheetRules.requireScored(Cells.member("A", false, false));
    assertThatThrownBy(() -> SheetRules.requireScored(Cells.member("B", true, false)))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("MEMBER_LEFT"));
    assertThatThrownBy(() -> SheetRules.requireScored(Cells.member("C", false, true)))
        .isInstanceOfSatisfying(DomainException.class, e -> {
          assertThat(e.code()).isEqualTo("MEMBER_EXEMPT");
          assertThat(e.getMessage()).contains("长期外出");
        });
  }
}
