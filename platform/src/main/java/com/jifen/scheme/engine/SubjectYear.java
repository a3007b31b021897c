package com.jifen.scheme.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the engine needs about one member's (or organization's) year, gathered from the ledger,
 * the ballot and the branch's decisions.
 *
 * @param monthly [month 0..11][item index] confirmed item scores; null where a month was not scored.
 *     An array rather than nested lists because the engine reads it in a hot loop (bench/).
 */
public record SubjectYear(
    String subjectId,
    BigDecimal[][] monthly,
    List<Entry> entries,
    List<Adjustment> adjustments,
    BallotTally ballot,
    List<String> vetoReasons,
    Set<String> honours,
    Satisfaction satisfaction,
    Membership membership) {

  /** Without a membership span: a member for the whole year. */
  public SubjectYear(String subjectId, BigDecimal[][] monthly, List<Entry> entries, List<Adjustment> adjustments,
      BallotTally ballot, List<String> vetoReasons, Set<String> honours, Satisfaction satisfaction) {
    this(subjectId, monthly, entries, adjustments, ballot, vetoReasons, honours, satisfaction, null);
  }

  /**
   * The months (1–12, both included) of the year in which the subject was a member: a member who joined in July
   * spans 7–12. Null means the whole year. Schemes that prorate divide by these months instead of twelve.
   */
  public record Membership(int fromMonth, int toMonth) {
    public static final Membership WHOLE_YEAR = new Membership(1, 12);

    public Membership {
      if (fromMonth < 1 || toMonth > 12 || fromMonth > toMonth) {
        throw new IllegalArgumentException("membership months " + fromMonth + "–" + toMonth);
      }
    }

    public boolean covers(int month) {
      return month >= fromMonth && month <= toMonth;
    }

    public int months() {
      return toMonth - fromMonth + 1;
    }
  }

  /** An addition or deduction (加分/扣分) of an entry kind in a month (1–12); points are positive. */
  public record Entry(String kind, int month, BigDecimal points) {}

  /** An award, sanction or criticism (表彰/处分/通报批评) of a kind at a level. */
  public record Adjustment(String kind, String level) {}

  /** Member-and-mass satisfaction (S4): satisfied voters out of all voters. */
  public record Satisfaction(int satisfied, int voters) {}

  /**
   * The anonymous votes, already tallied (no voter is known here). ITEM_SCORES: per-item sums over
   * {@code raters}; GRADE_VOTES: count per option; RATER_GROUPS: sum and count of each group's ratings.
   */
  public record BallotTally(
      int raters, BigDecimal[] itemSums, Map<String, Integer> optionCounts, Map<String, GroupTally> groups) {

    public static BallotTally ofItemSums(int raters, BigDecimal[] itemSums) {
      return new BallotTally(raters, itemSums, Map.of(), Map.of());
    }

    public static BallotTally ofVotes(Map<String, Integer> optionCounts) {
      int raters = optionCounts.values().stream().mapToInt(Integer::intValue).sum();
      return new BallotTally(raters, null, optionCounts, Map.of());
    }

    public static BallotTally ofGroups(Map<String, GroupTally> groups) {
      int raters = groups.values().stream().mapToInt(GroupTally::count).sum();
      return new BallotTally(raters, null, Map.of(), groups);
    }
  }

  public record GroupTally(BigDecimal sum, int count) {}

  public static SubjectYear ofMonthly(String id, BigDecimal[][] monthly, BallotTally ballot, List<Adjustment> adj) {
    return new SubjectYear(id, monthly, List.of(), adj, ballot, List.of(), Set.of(), null);
  }
}
