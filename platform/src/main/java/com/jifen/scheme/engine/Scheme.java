package com.jifen.scheme.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A township's scoring scheme (积分方案) as data: everything the engine needs to score a subject's year.
 * Built by {@link SchemeLoader} from YAML that has already passed the JSON Schema and the semantic checks,
 * so the engine can trust its invariants (bands contiguous, weights summing to 100 …).
 */
public record Scheme(
    String code,
    String name,
    Subject subject,
    List<String> categories,
    Rounding rounding,
    List<Item> items,
    List<EntryKind> entryKinds,
    Ballot ballot,
    List<Component> components,
    List<AdjustmentGroup> adjustmentGroups,
    List<GradeBand> gradeBands,
    List<StarBand> starBands,
    Quota quarterStars,
    Quota annualStars,
    Veto veto,
    Honours honours,
    Promotion promotion,
    SelfSeparation selfSeparation) {

  public enum Subject { MEMBER, ORGANIZATION }

  public enum Frequency { MONTHLY, PER_EVENT, YEARLY }

  public enum EntryDirection { ITEM_SCORE, ADDITION, DEDUCTION }

  public enum BallotForm { ITEM_SCORES, GRADE_VOTES, RATER_GROUPS }

  public enum ComponentType { ITEM_AVERAGE, BASE, ENTRY_SUM, BALLOT }

  public enum Combine { HIGHEST_ONLY, SUM }

  /**
   * Who must approve an addition or deduction before it counts (加减分须经支委会/党委审核, seed 001): the branch
   * committee (its secretary records the decision) or the township admin. Null: counts when posted.
   */
  public enum Approval { BRANCH_COMMITTEE, TOWNSHIP_ADMIN }

  /**
   * How ITEM_AVERAGE divides a year (docs/DOMAIN.md, S1: the sum of 12 monthly scores ÷ 12). A month without a
   * score counts zero. MEMBERSHIP_MONTHS: a member who joined or left during the year is divided by the months they
   * were a member; NONE: always by twelve.
   */
  public enum Proration { MEMBERSHIP_MONTHS, NONE }

  public record Rounding(int scale, RoundingMode mode) {
    public BigDecimal apply(BigDecimal value) {
      return value.setScale(scale, mode);
    }
  }

  /** A scored item (考核项目), e.g. 政治学习; {@code max} bounds one period's score. */
  public record Item(String code, String name, Frequency frequency, BigDecimal min, BigDecimal max) {}

  /**
   * A kind of ledger entry with its range per entry and its caps per month and per year (absent: no cap).
   * {@code item} ties an ITEM_SCORE kind to one item; additions and deductions stand alone.
   */
  public record EntryKind(
      String code,
      String name,
      EntryDirection direction,
      BigDecimal min,
      BigDecimal max,
      BigDecimal capPerMonth,
      BigDecimal capPerYear,
      Approval approval) {
    public EntryKind(String code, String name, EntryDirection direction, BigDecimal min, BigDecimal max,
        BigDecimal capPerMonth, BigDecimal capPerYear) {
      this(code, name, direction, min, max, capPerMonth, capPerYear, null);
    }

    public Optional<BigDecimal> monthCap() {
      return Optional.ofNullable(capPerMonth);
    }

    public Optional<BigDecimal> yearCap() {
      return Optional.ofNullable(capPerYear);
    }
  }

  /**
   * The democratic-evaluation form (民主测评表). ITEM_SCORES: each rater scores each item in [min, max];
   * GRADE_VOTES: each rater picks one option, worth its points; RATER_GROUPS: each group (mass, members,
   * organization …) rates 0–100 and counts with its weight in percent.
   */
  public record Ballot(
      BallotForm form,
      int minRaters,
      BigDecimal min,
      BigDecimal max,
      List<VoteOption> options,
      List<RaterGroup> groups,
      int minGroupRaters,
      Raters raters) {
    /** Fewer votes than this in a rater group and the group is never shown alone (docs/DOMAIN.md, Ballots). */
    public static final int DEFAULT_MIN_GROUP_RATERS = 3;
  }

  /**
   * Who rates (docs/DOMAIN.md, The yearly cycle, step 4; seed 001: 全体党员和群众代表(不少于10名)): every active member of the
   * branch when allMembers, plus at least minMassRepresentatives mass representatives; null when the scheme says nothing.
   */
  public record Raters(boolean allMembers, int minMassRepresentatives) {}

  public record VoteOption(String code, String name, BigDecimal points) {}

  /** selfAssessment: the group rates itself (e.g. a branch's 自评), so its few votes reveal nobody else's. */
  public record RaterGroup(String code, String name, BigDecimal weight, boolean selfAssessment) {}

  /**
   * One term of the year formula. ITEM_AVERAGE: Σ items (monthly mean × monthlyWeight% + ballot item mean ×
   * ballotWeight%); BASE: points − capped deductions of {@code entryKind}; ENTRY_SUM: capped sum of
   * {@code entryKind}; BALLOT: the ballot's evaluation (GRADE_VOTES or RATER_GROUPS).
   */
  public record Component(
      String code,
      String name,
      ComponentType type,
      BigDecimal monthlyWeight,
      BigDecimal ballotWeight,
      BigDecimal points,
      String entryKind,
      Proration proration) {
    public Component(String code, String name, ComponentType type, BigDecimal monthlyWeight, BigDecimal ballotWeight,
        BigDecimal points, String entryKind) {
      this(code, name, type, monthlyWeight, ballotWeight, points, entryKind, Proration.MEMBERSHIP_MONTHS);
    }
  }

  /**
   * Adjustments (加减分) of one group combine by its rule: HIGHEST_ONLY keeps the single largest magnitude,
   * SUM adds them up to {@code cap}. {@code sign} is +1 for awards, −1 for sanctions.
   */
  public record AdjustmentGroup(
      String code, String name, int sign, Combine combine, BigDecimal cap, List<AdjustmentKind> kinds) {}

  public record AdjustmentKind(String code, String name, Map<String, BigDecimal> levels) {}

  /** Half-open band [from, to); a missing bound is unbounded. Compared with the rounded figure. */
  public record GradeBand(BigDecimal from, BigDecimal to, String grade, String name) {
    public boolean contains(BigDecimal value) {
      return (from == null || value.compareTo(from) >= 0) && (to == null || value.compareTo(to) < 0);
    }
  }

  /** Stars for a band: a fixed count, or floor(total ÷ perPoints) (S1 below 60: one star per 10 points). */
  public record StarBand(BigDecimal from, BigDecimal to, Integer stars, BigDecimal perPoints) {
    public boolean contains(BigDecimal value) {
      return (from == null || value.compareTo(from) >= 0) && (to == null || value.compareTo(to) < 0);
    }
  }

  /**
   * A star quota: at most {@code percent}% of the basis, rounded by {@code rounding}; none when the branch
   * has fewer than {@code minBranchSize} scored members; {@code eligibleStars} limits the basis to members
   * with at least that many stars (annual stars among ten-star members).
   */
  public record Quota(BigDecimal percent, RoundingMode rounding, int minBranchSize, Integer eligibleStars) {}

  public record Veto(String grade, List<VetoReason> reasons) {}

  public record VetoReason(String code, String name) {}

  /** S3's six stars: commendation needs the grade and at least {@code minCount} of the honours. */
  public record Honours(List<VetoReason> codes, String commendationGrade, int minCount) {}

  /** S4: an organization may apply for promotion when satisfied ÷ voters ≥ minSatisfaction%. */
  public record Promotion(BigDecimal minSatisfaction) {}

  /** Items counting as organizational life and dues; months without them flag self-separation. */
  public record SelfSeparation(List<String> items, int months) {}

  public int itemIndex(String itemCode) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).code().equals(itemCode)) {
        return i;
      }
    }
    return -1;
  }

  public Optional<EntryKind> entryKind(String code) {
    return entryKinds.stream().filter(k -> k.code().equals(code)).findFirst();
  }
}
