package com.jifen.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import com.jifen.ledger.internal.SelfAssessment.SelfAssessItemInput;
import com.jifen.scheme.engine.Scheme;
import com.jifen.scheme.engine.SeedSchemes;
import com.jifen.shared.DomainException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a single addition, deduction, correction or self-assessment must satisfy, on the seed schemes. */
class EntryRulesTest {
  private static final Scheme S1 = SeedSchemes.load(SeedSchemes.S1);
  private static final Scheme S2 = SeedSchemes.load(SeedSchemes.S2);

  private static void refused(Runnable check, String code) {
    assertThatThrownBy(check::run).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @ParameterizedTest(name = "ACHIEVEMENT {0} → {1}")
  @CsvSource(nullValues = "null", value = {
      "1, ok", "5, ok", "2.25, ok", "0.99, OUT_OF_RANGE", "5.01, OUT_OF_RANGE", "null, OUT_OF_RANGE", "1.125, TOO_MANY_DECIMALS"})
  void pointsOfAnEntryStayInItsKindsRangeWithTwoDecimals(String points, String outcome) {
    Scheme.EntryKind achievement = S2.entryKind("ACHIEVEMENT").orElseThrow();
    Runnable check = () -> EntryRules.requireInRange(achievement, points == null ? null : new BigDecimal(points));
    if (outcome.equals("ok")) {
      assertThatNoException().isThrownBy(check::run);
    } else {
      refused(check, outcome);
    }
  }

  @ParameterizedTest(name = "reason \"{0}\" → {1}")
  @CsvSource(nullValues = "null", value = {"null, REASON_REQUIRED", "'   ', REASON_REQUIRED", "按时完成承诺事项, ok"})
  void aReasonIsRequired(String reason, String outcome) {
    if (outcome.equals("ok")) {
      assertThatNoException().isThrownBy(() -> EntryRules.requireReason(reason));
    } else {
      refused(() -> EntryRules.requireReason(reason), outcome);
    }
  }

  @Test
  void aReasonOfAtMost500CharactersIsTaken() {
    assertThatNoException().isThrownBy(() -> EntryRules.requireReason("因".repeat(500)));
    refused(() -> EntryRules.requireReason("因".repeat(501)), "REASON_TOO_LONG");
  }

  @ParameterizedTest(name = "occurred {0} → {1}")
  @CsvSource(nullValues = "null", value = {"2026-06-15, ok", "2025-01-01, ok", "2026-06-16, INVALID_DATE", "null, INVALID_DATE"})
  void anEntryHappenedByToday(String occurredOn, String outcome) {
    LocalDate today = LocalDate.of(2026, 6, 15);
    LocalDate on = occurredOn == null ? null : LocalDate.parse(occurredOn);
    if (outcome.equals("ok")) {
      assertThatNoException().isThrownBy(() -> EntryRules.requireOccurredOn(on, today));
    } else {
      refused(() -> EntryRules.requireOccurredOn(on, today), outcome);
    }
  }

  @ParameterizedTest(name = "self-assessed {0} = {1} → {2}")
  @CsvSource({"STUDY, 10, ok", "STUDY, 0, ok", "STUDY, 11, OUT_OF_RANGE", "STUDY, -1, OUT_OF_RANGE", "NOPE, 1, UNKNOWN_ITEM"})
  void aSelfAssessmentScoresMonthlyItemsInTheirRange(String item, String points, String outcome) {
    var given = List.of(new SelfAssessItemInput("ORG_LIFE", BigDecimal.ONE), new SelfAssessItemInput(item, new BigDecimal(points)));
    if (outcome.equals("ok")) {
      assertThatNoException().isThrownBy(() -> SelfAssessment.requireMonthlyItems(S1, given));
    } else {
      refused(() -> SelfAssessment.requireMonthlyItems(S1, given), outcome);
    }
  }

  @Test
  void equalPointsWriteTheSameIdempotencyKey() {
    assertThat(EntryRules.plain(new BigDecimal("1.50"))).isEqualTo(EntryRules.plain(new BigDecimal("1.5"))).isEqualTo("1.5");
    assertThat(EntryRules.plain(new BigDecimal("10"))).isEqualTo("10");
    assertThat(EntryRules.plain(null)).isEmpty();
  }
}
