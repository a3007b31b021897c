package com.jifen.statistics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The alarm rules on aggregates alone: each trips at its threshold and not just below it. */
class AlarmRulesTest {
  static final UUID BRANCH = UUID.randomUUID();
  static final ReviewSettingsService.ReviewSettings S = ReviewSettingsService.DEFAULTS;

  private static ReviewQueries.BranchMonth month(int m, int members, int modal, String min, String max, int self, int equal) {
    return new ReviewQueries.BranchMonth(BRANCH, 2025, m, "S1", members, modal, new BigDecimal(min), new BigDecimal(max), BigDecimal.ZERO,
        self, equal, LocalDate.of(2025, m, 28), 0, OffsetDateTime.of(2025, m, 28, 10, 0, 0, 0, ZoneOffset.ofHours(8)), null);
  }

  @Test
  void starsAtExactlyTheQuotaEveryQuarterWhileTotalsAreFlatIsAQuotaEdge() {
    List<ReviewQueries.BranchMonth> months = new ArrayList<>();
    for (int m = 1; m <= 12; m++) {
      months.add(month(m, 20, 3, "80.00", "81.50", 0, 0));
    }
    List<ReviewQueries.Stars> atQuota = List.of(new ReviewQueries.Stars(BRANCH, "Q1", 1), new ReviewQueries.Stars(BRANCH, "Q2", 1),
        new ReviewQueries.Stars(BRANCH, "Q3", 1), new ReviewQueries.Stars(BRANCH, "Q4", 1));
    var found = AlarmRules.quotaEdge(2025, S, BRANCH, months, atQuota);
    assertThat(found).hasValueSatisfying(f -> {
      assertThat(f.rule()).isEqualTo(AlarmRule.QUOTA_EDGE);
      assertThat(f.figures()).extracting(ReviewAlarmService.Figure::code).containsExactly("quartersAtQuota", "quota", "meanMonthlySpread", "flatSpread");
      assertThat(f.figures().get(0).value()).isEqualByComparingTo("4");
      assertThat(f.figures().get(1).value()).isEqualByComparingTo("1");
      assertThat(f.figures().get(2).value()).isEqualByComparingTo("1.50");
    });
    // one quarter below the quota, or totals that differ, and it is not
    List<ReviewQueries.Stars> below = List.of(atQuota.get(0), new ReviewQueries.Stars(BRANCH, "Q2", 0), atQuota.get(2));
    assertThat(AlarmRules.quotaEdge(2025, S, BRANCH, months, below)).isEmpty();
    List<ReviewQueries.BranchMonth> spread = months.stream().map(m -> month(m.month(), 20, 3, "60.00", "90.00", 0, 0)).toList();
    assertThat(AlarmRules.quotaEdge(2025, S, BRANCH, spread, atQuota)).isEmpty();
  }

  @Test
  void uniformScoringTripsAtTheShareThresholdAndNotBelowIt() {
    assertThat(AlarmRules.uniform(S, month(1, 10, 9, "70.00", "85.00", 0, 0))).isPresent();
    assertThat(AlarmRules.uniform(S, month(1, 10, 8, "70.00", "85.00", 0, 0))).isEmpty();
    // a spread under one point is uniform whatever the item vectors
    assertThat(AlarmRules.uniform(S, month(1, 10, 1, "80.00", "80.50", 0, 0))).isPresent();
    // four members are below the privacy floor: no alarm
    assertThat(AlarmRules.uniform(S, month(1, 4, 4, "80.00", "80.00", 0, 0))).isEmpty();
  }

  @Test
  void selfAssessmentCopiedNeedsConsecutiveMonths() {
    List<ReviewQueries.BranchMonth> gap = List.of(month(1, 6, 1, "60", "90", 6, 6), month(2, 6, 1, "60", "90", 6, 6),
        month(3, 6, 1, "60", "90", 6, 5), month(4, 6, 1, "60", "90", 6, 6));
    assertThat(AlarmRules.selfCopied(S, BRANCH, gap)).isEmpty();
    List<ReviewQueries.BranchMonth> run = List.of(month(4, 6, 1, "60", "90", 6, 6), month(5, 6, 1, "60", "90", 6, 6),
        month(6, 6, 1, "60", "90", 6, 6));
    assertThat(AlarmRules.selfCopied(S, BRANCH, run)).singleElement().satisfies(f -> assertThat(f.period()).isEqualTo("2025-04..2025-06"));
  }

  @Test
  void aBallotJustAboveTheMarginIsNotBarelyQuorate() {
    UUID ballot = UUID.randomUUID();
    List<ReviewQueries.SubjectTally> eleven = new ArrayList<>();
    List<ReviewQueries.SubjectTally> twelve = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      eleven.add(new ReviewQueries.SubjectTally(ballot, BRANCH, "GRADE_VOTES", 10, 15, null, 2, 11, "GOOD/6,MEDIUM/5" + i));
      twelve.add(new ReviewQueries.SubjectTally(ballot, BRANCH, "GRADE_VOTES", 10, 15, null, 2, 12, "GOOD/6,MEDIUM/6" + i));
    }
    assertThat(AlarmRules.ballot(2025, S, eleven)).extracting(AlarmRules.Finding::rule).containsExactly(AlarmRule.QUORUM_BARELY_MET);
    assertThat(AlarmRules.ballot(2025, S, twelve)).isEmpty();
  }
}
