package com.jifen.scheme.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** What the engine computes. Figures are rounded once, by the scheme's rounding, from exact values. */
public final class Results {
  private Results() {}

  /**
   * One subject's year.
   *
   * @param itemScores each item's year score (ITEM_AVERAGE schemes), rounded for display
   * @param components each formula component's value by component code, rounded
   * @param yearEndTotal the sum of the components, before adjustments
   * @param stars null when the scheme has no star bands
   * @param exactTotal the unrounded annual total, kept for audit
   */
  public record SubjectYearResult(
      String subjectId,
      List<BigDecimal> itemScores,
      Map<String, BigDecimal> components,
      BigDecimal yearEndTotal,
      BigDecimal adjustment,
      BigDecimal annualTotal,
      Integer stars,
      String grade,
      boolean vetoed,
      List<String> vetoReasons,
      int honourCount,
      boolean commendable,
      Boolean mayApplyForPromotion,
      Exact exactTotal,
      List<Cut> cuts) {}

  /**
   * Points recorded but not counted: a component's additions or deductions above the scheme's cap (加分/扣分上限).
   *
   * @param reason in Chinese, naming the cap, e.g. 践诺业绩加分全年上限 20 分
   */
  public record Cut(String component, String entryKind, BigDecimal recorded, BigDecimal counted, String reason) {}

  /** A ranked list: competition ranks (1, 2, 2, 4) by the rounded figure, descending. */
  public record Ranking(Map<String, Integer> ranks) {
    public int rankOf(String subjectId) {
      return ranks.get(subjectId);
    }
  }

  /**
   * Star candidates under a quota. When members tie at the cut-off all of them are candidates; the quota
   * still holds at confirmation ({@link ScoringEngine#confirmStars}).
   */
  public record StarQuota(int basis, int quota, List<String> candidates) {}

  public record QuarterResult(int quarter, Map<String, BigDecimal> scores, Ranking ranking, StarQuota stars) {}

  public record BranchYearResult(List<SubjectYearResult> subjects, Ranking ranking, StarQuota annualStars) {
    public SubjectYearResult of(String subjectId) {
      return subjects.stream().filter(s -> s.subjectId().equals(subjectId)).findFirst().orElseThrow();
    }
  }
}
