package com.jifen.scheme.engine;

import com.jifen.scheme.engine.Results.BranchYearResult;
import com.jifen.scheme.engine.Results.QuarterResult;
import com.jifen.scheme.engine.Results.Ranking;
import com.jifen.scheme.engine.Results.StarQuota;
import com.jifen.scheme.engine.Results.SubjectYearResult;
import com.jifen.scheme.engine.Scheme.AdjustmentGroup;
import com.jifen.scheme.engine.Scheme.AdjustmentKind;
import com.jifen.scheme.engine.Scheme.Component;
import com.jifen.scheme.engine.Scheme.EntryKind;
import com.jifen.scheme.engine.Scheme.GradeBand;
import com.jifen.scheme.engine.Scheme.Quota;
import com.jifen.scheme.engine.Scheme.RaterGroup;
import com.jifen.scheme.engine.Scheme.StarBand;
import com.jifen.scheme.engine.Scheme.VoteOption;
import com.jifen.scheme.engine.SubjectYear.BallotTally;
import com.jifen.scheme.engine.SubjectYear.GroupTally;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scoring engine: plain Java, no Spring, no I/O, deterministic. One instance per scheme version;
 * immutable and safe to share between threads.
 */
public final class ScoringEngine {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final Scheme scheme;
  private final Map<String, AdjustmentGroup> groupOfKind = new HashMap<>();
  private final Map<String, AdjustmentKind> adjustmentKinds = new HashMap<>();

  public ScoringEngine(Scheme scheme) {
    this.scheme = scheme;
    for (AdjustmentGroup group : scheme.adjustmentGroups()) {
      for (AdjustmentKind kind : group.kinds()) {
        groupOfKind.put(kind.code(), group);
        adjustmentKinds.put(kind.code(), kind);
      }
    }
  }

  public Scheme scheme() {
    return scheme;
  }

  // ---------------------------------------------------------------- one subject's year

  public SubjectYearResult subjectYear(SubjectYear in) {
    return subjectYear(in, false);
  }

  /**
   * The year so far, by the same rules as the settlement (the member card and the YEAR leaderboard show it): a ballot
   * not yet held counts zero instead of refusing, so the figure is provisional (暂估) until the year is settled.
   */
  public SubjectYearResult provisionalYear(SubjectYear in) {
    return subjectYear(in, true);
  }

  private SubjectYearResult subjectYear(SubjectYear in, boolean provisional) {
    var rounding = scheme.rounding();
    List<Results.Cut> cuts = new ArrayList<>();
    List<BigDecimal> itemScores = List.of();
    Map<String, BigDecimal> components = new LinkedHashMap<>();
    Exact yearEnd = Exact.ZERO;
    for (Component c : scheme.components()) {
      Exact value =
          switch (c.type()) {
            case ITEM_AVERAGE -> {
              Exact[] items = itemAverages(c, in, provisional);
              BigDecimal[] rounded = new BigDecimal[items.length];
              Exact sum = Exact.ZERO;
              for (int i = 0; i < items.length; i++) {
                rounded[i] = items[i].round(rounding);
                sum = sum.plus(items[i]);
              }
              itemScores = List.of(rounded);
              yield sum;
            }
            case BASE -> Exact.of(c.points()).minus(cappedEntries(c, in, cuts));
            case ENTRY_SUM -> {
              Exact sum = cappedEntries(c, in, cuts);
              yield kind(c.entryKind()).direction() == Scheme.EntryDirection.DEDUCTION ? sum.negate() : sum;
            }
            case BALLOT -> provisional && in.ballot() == null ? Exact.ZERO : ballotEvaluation(in.ballot());
          };
      components.put(c.code(), value.round(rounding));
      yearEnd = yearEnd.plus(value);
    }
    BigDecimal adjustment = adjustment(in.adjustments());
    Exact annual = yearEnd.plus(Exact.of(adjustment));
    BigDecimal annualRounded = annual.round(rounding);

    boolean vetoed = scheme.veto() != null && in.vetoReasons() != null && !in.vetoReasons().isEmpty();
    String grade = vetoed ? scheme.veto().grade() : grade(annualRounded);
    Integer stars = scheme.starBands().isEmpty() ? null : vetoed ? 0 : stars(annualRounded);
    int honourCount = honourCount(in.honours());
    boolean commendable =
        scheme.honours() != null
            && !vetoed
            && scheme.honours().commendationGrade().equals(grade)
            && honourCount >= scheme.honours().minCount();
    Boolean mayApply = null;
    if (scheme.promotion() != null) {
      var s = in.satisfaction();
      // the promotion assessment exists for 较差 and 一般 organizations, vetoed ones included (docs/DOMAIN.md, S4)
      mayApply =
          s != null
              && s.voters() > 0
              && BigDecimal.valueOf(s.satisfied())
                      .multiply(HUNDRED)
                      .compareTo(scheme.promotion().minSatisfaction().multiply(BigDecimal.valueOf(s.voters())))
                  >= 0;
    }
    return new SubjectYearResult(
        in.subjectId(),
        itemScores,
        Map.copyOf(components),
        yearEnd.round(rounding),
        adjustment,
        annualRounded,
        stars,
        grade,
        vetoed,
        vetoed ? List.copyOf(in.vetoReasons()) : List.of(),
        honourCount,
        commendable,
        mayApply,
        annual,
        List.copyOf(cuts));
  }

  /**
   * Each item's year score: (sum of the monthly scores ÷ the year's months) × monthlyWeight% + ballot mean ×
   * ballotWeight% (docs/DOMAIN.md, S1). The year's months are twelve; a month without a score counts zero. Under
   * MEMBERSHIP_MONTHS proration a member who joined or left during the year is divided by their months of membership,
   * and scores outside them do not count.
   */
  private Exact[] itemAverages(Component c, SubjectYear in, boolean provisional) {
    int n = scheme.items().size();
    BigDecimal[] sums = new BigDecimal[n];
    java.util.Arrays.fill(sums, BigDecimal.ZERO);
    SubjectYear.Membership span = membershipOf(c, in);
    for (int m = 0; m < in.monthly().length; m++) {
      BigDecimal[] month = in.monthly()[m];
      if (month == null || !span.covers(m + 1)) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        if (month[i] != null) {
          sums[i] = sums[i].add(month[i]);
        }
      }
    }
    BallotTally ballot = in.ballot();
    boolean usesBallot = c.ballotWeight().signum() > 0 && !(provisional && ballot == null);
    if (usesBallot) {
      requireQuorum(ballot);
    }
    Exact[] result = new Exact[n];
    for (int i = 0; i < n; i++) {
      Exact monthly = new Exact(sums[i].multiply(c.monthlyWeight()), span.months());
      Exact value =
          usesBallot
              ? monthly.plus(new Exact(ballot.itemSums()[i].multiply(c.ballotWeight()), ballot.raters()))
              : monthly;
      result[i] = value.dividedBy(100);
    }
    return result;
  }

  private static SubjectYear.Membership membershipOf(Component c, SubjectYear in) {
    return c.proration() == Scheme.Proration.NONE || in.membership() == null
        ? SubjectYear.Membership.WHOLE_YEAR
        : in.membership();
  }

  /**
   * Months (1–12) of the year that a scheme scoring monthly items has no score for, for any of the subjects: each
   * counts zero, so settling with them needs the township's acknowledgement. Empty for schemes without monthly items.
   */
  public List<Integer> missingMonths(List<SubjectYear> subjects) {
    if (scheme.components().stream().noneMatch(c -> c.type() == Scheme.ComponentType.ITEM_AVERAGE)) {
      return List.of();
    }
    List<Integer> missing = new ArrayList<>();
    for (int m = 0; m < 12; m++) {
      boolean scored = false;
      for (SubjectYear s : subjects) {
        BigDecimal[] month = s.monthly()[m];
        if (month != null && java.util.Arrays.stream(month).anyMatch(java.util.Objects::nonNull)) {
          scored = true;
          break;
        }
      }
      if (!scored) {
        missing.add(m + 1);
      }
    }
    return List.copyOf(missing);
  }

  private void requireQuorum(BallotTally ballot) {
    var form = scheme.ballot();
    if (ballot == null || ballot.raters() < form.minRaters()) {
      throw new ScoringException(
          "BALLOT_QUORUM_NOT_REACHED",
          "民主测评人数不足：至少需要 %d 人参评，实际 %d 人".formatted(form.minRaters(), ballot == null ? 0 : ballot.raters()));
    }
    if (form.form() == Scheme.BallotForm.RATER_GROUPS) {
      for (RaterGroup g : form.groups()) {
        GroupTally t = ballot.groups().get(g.code());
        if (t == null || t.count() == 0) {
          throw new ScoringException(
              "BALLOT_GROUP_MISSING", "民主测评缺少“%s”的评分 (rater group %s has no ratings)".formatted(g.name(), g.code()));
        }
      }
    }
  }

  private Exact ballotEvaluation(BallotTally ballot) {
    requireQuorum(ballot);
    var form = scheme.ballot();
    return switch (form.form()) {
      case GRADE_VOTES -> {
        BigDecimal weighted = BigDecimal.ZERO;
        for (VoteOption o : form.options()) {
          int count = ballot.optionCounts().getOrDefault(o.code(), 0);
          weighted = weighted.add(o.points().multiply(BigDecimal.valueOf(count)));
        }
        yield new Exact(weighted, ballot.raters());
      }
      case RATER_GROUPS -> {
        Exact sum = Exact.ZERO;
        for (RaterGroup g : form.groups()) {
          GroupTally t = ballot.groups().get(g.code());
          sum = sum.plus(new Exact(t.sum().multiply(g.weight()), t.count()));
        }
        yield sum.dividedBy(100);
      }
      case ITEM_SCORES -> {
        Exact sum = Exact.ZERO;
        for (BigDecimal itemSum : ballot.itemSums()) {
          sum = sum.plus(new Exact(itemSum, ballot.raters()));
        }
        yield sum;
      }
    };
  }

  /** Entries of a component's kind, capped per month first and then per year; what a cap cut is noted in {@code cuts}. */
  private Exact cappedEntries(Component c, SubjectYear in, List<Results.Cut> cuts) {
    EntryKind kind = kind(c.entryKind());
    BigDecimal[] perMonth = new BigDecimal[13];
    BigDecimal recorded = BigDecimal.ZERO;
    for (SubjectYear.Entry e : in.entries()) {
      if (e.kind().equals(kind.code())) {
        perMonth[e.month()] = perMonth[e.month()] == null ? e.points() : perMonth[e.month()].add(e.points());
        recorded = recorded.add(e.points());
      }
    }
    BigDecimal year = BigDecimal.ZERO;
    for (BigDecimal month : perMonth) {
      if (month != null) {
        year = year.add(kind.monthCap().map(month::min).orElse(month));
      }
    }
    boolean monthCapped = year.compareTo(recorded) < 0;
    BigDecimal counted = kind.yearCap().map(year::min).orElse(year);
    if (counted.compareTo(recorded) < 0) {
      String reason = counted.compareTo(year) < 0
          ? "%s全年上限 %s 分".formatted(kind.name(), kind.capPerYear().toPlainString())
          : "%s每月上限 %s 分".formatted(kind.name(), kind.capPerMonth().toPlainString());
      if (monthCapped && counted.compareTo(year) < 0) {
        reason = "%s每月上限 %s 分、全年上限 %s 分".formatted(kind.name(), kind.capPerMonth().toPlainString(),
            kind.capPerYear().toPlainString());
      }
      cuts.add(new Results.Cut(c.code(), kind.code(), recorded, counted, reason));
    }
    return Exact.of(counted);
  }

  private EntryKind kind(String code) {
    return scheme
        .entryKind(code)
        .orElseThrow(() -> new IllegalStateException("scheme " + scheme.code() + " has no entry kind " + code));
  }

  /** Adjustments combine within a group (highest only, or summed to a cap), then add across groups. */
  public BigDecimal adjustment(Collection<SubjectYear.Adjustment> adjustments) {
    if (adjustments == null || adjustments.isEmpty()) {
      return BigDecimal.ZERO;
    }
    Map<AdjustmentGroup, List<BigDecimal>> byGroup = new LinkedHashMap<>();
    for (var a : adjustments) {
      AdjustmentGroup group = groupOfKind.get(a.kind());
      BigDecimal points = group == null ? null : adjustmentKinds.get(a.kind()).levels().get(a.level());
      if (points == null) {
        throw new ScoringException(
            "UNKNOWN_ADJUSTMENT", "方案中没有该奖惩类别或级别：%s / %s".formatted(a.kind(), a.level()));
      }
      byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(points);
    }
    BigDecimal total = BigDecimal.ZERO;
    for (var e : byGroup.entrySet()) {
      AdjustmentGroup g = e.getKey();
      BigDecimal magnitude =
          switch (g.combine()) {
            case HIGHEST_ONLY -> e.getValue().stream().max(Comparator.naturalOrder()).orElseThrow();
            case SUM -> {
              BigDecimal sum = e.getValue().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
              yield g.cap() == null ? sum : sum.min(g.cap());
            }
          };
      total = g.sign() < 0 ? total.subtract(magnitude) : total.add(magnitude);
    }
    return total;
  }

  public String grade(BigDecimal rounded) {
    for (GradeBand band : scheme.gradeBands()) {
      if (band.contains(rounded)) {
        return band.grade();
      }
    }
    throw new IllegalStateException("grade bands of " + scheme.code() + " do not cover " + rounded);
  }

  public int stars(BigDecimal rounded) {
    for (StarBand band : scheme.starBands()) {
      if (band.contains(rounded)) {
        if (band.stars() != null) {
          return band.stars();
        }
        return Math.max(0, rounded.divide(band.perPoints(), 0, RoundingMode.FLOOR).intValue());
      }
    }
    throw new IllegalStateException("star bands of " + scheme.code() + " do not cover " + rounded);
  }

  private int honourCount(Set<String> honours) {
    if (scheme.honours() == null || honours == null) {
      return 0;
    }
    return (int) scheme.honours().codes().stream().filter(h -> honours.contains(h.code())).count();
  }

  // ---------------------------------------------------------------- a branch's year and quarters

  /** All scored members of a branch (exempt members are graded apart and never enter ranks or quotas). */
  public BranchYearResult branchYear(List<SubjectYear> subjects) {
    List<SubjectYearResult> results = subjects.stream().map(this::subjectYear).toList();
    Ranking ranking;
    if (scheme.subject() == Scheme.Subject.ORGANIZATION) {
      // organizations rank by grade first, then total: a vetoed 较差 ranks below every better grade (docs/DOMAIN.md, S4)
      Map<String, BigDecimal[]> keys = new LinkedHashMap<>();
      results.forEach(r -> keys.put(r.subjectId(), new BigDecimal[] {gradeFloor(r.grade()), r.annualTotal()}));
      ranking = rank(keys, Comparator.<BigDecimal[], BigDecimal>comparing(k -> k[0]).thenComparing(k -> k[1]));
    } else {
      Map<String, BigDecimal> totals = new LinkedHashMap<>();
      results.forEach(r -> totals.put(r.subjectId(), r.annualTotal()));
      ranking = rank(totals);
    }
    StarQuota annual = null;
    if (scheme.annualStars() != null) {
      Quota q = scheme.annualStars();
      Map<String, BigDecimal> eligible = new LinkedHashMap<>();
      for (SubjectYearResult r : results) {
        if (!r.vetoed() && (q.eligibleStars() == null || (r.stars() != null && r.stars() >= q.eligibleStars()))) {
          eligible.put(r.subjectId(), r.annualTotal());
        }
      }
      annual = starQuota(q, results.size(), eligible);
    }
    return new BranchYearResult(results, ranking, annual);
  }

  /** Quarter score = the sum of the quarter's three months of item scores. */
  public List<QuarterResult> quarters(List<SubjectYear> subjects) {
    List<QuarterResult> quarters = new ArrayList<>(4);
    for (int q = 0; q < 4; q++) {
      Map<String, BigDecimal> scores = new LinkedHashMap<>();
      for (SubjectYear s : subjects) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int m = q * 3; m < q * 3 + 3; m++) {
          BigDecimal[] month = s.monthly()[m];
          if (month != null) {
            for (BigDecimal v : month) {
              if (v != null) {
                sum = sum.add(v);
              }
            }
          }
        }
        scores.put(s.subjectId(), scheme.rounding().apply(sum));
      }
      Ranking ranking = rank(scores);
      StarQuota stars = scheme.quarterStars() == null ? null : starQuota(scheme.quarterStars(), subjects.size(), scores);
      quarters.add(new QuarterResult(q + 1, Map.copyOf(scores), ranking, stars));
    }
    return quarters;
  }

  /** Competition ranking (1, 2, 2, 4) by value, descending; ties share the better rank. */
  public static Ranking rank(Map<String, BigDecimal> values) {
    return rank(values, Comparator.naturalOrder());
  }

  /** Competition ranking by {@code order}, best (greatest) first; equal keys share the better rank. */
  static <K> Ranking rank(Map<String, K> values, Comparator<K> order) {
    List<Map.Entry<String, K>> sorted = new ArrayList<>(values.entrySet());
    sorted.sort(Map.Entry.<String, K>comparingByValue(order.reversed()).thenComparing(Map.Entry.comparingByKey()));
    Map<String, Integer> ranks = new LinkedHashMap<>();
    int rank = 0;
    K previous = null;
    for (int i = 0; i < sorted.size(); i++) {
      var e = sorted.get(i);
      if (previous == null || order.compare(e.getValue(), previous) != 0) {
        rank = i + 1;
        previous = e.getValue();
      }
      ranks.put(e.getKey(), rank);
    }
    return new Ranking(ranks);
  }

  /** Where a grade's band starts; the open-ended lowest band sorts below every other. */
  private BigDecimal gradeFloor(String grade) {
    return scheme.gradeBands().stream().filter(b -> b.grade().equals(grade)).findFirst()
        .map(b -> b.from() == null ? BigDecimal.valueOf(Long.MIN_VALUE) : b.from())
        .orElse(BigDecimal.valueOf(Long.MIN_VALUE));
  }

  /** The quota (percent of the eligible basis, rounded) and who ranks within it, ties at the cut-off included. */
  public static StarQuota starQuota(Quota q, int branchSize, Map<String, BigDecimal> eligible) {
    int basis = eligible.size();
    int quota =
        branchSize < q.minBranchSize()
            ? 0
            : BigDecimal.valueOf(basis).multiply(q.percent()).divide(HUNDRED, 0, q.rounding()).intValue();
    List<String> candidates = new ArrayList<>();
    if (quota > 0) {
      rank(eligible).ranks().forEach((id, r) -> {
        if (r <= quota) {
          candidates.add(id);
        }
      });
    }
    return new StarQuota(basis, quota, List.copyOf(candidates));
  }

  /**
   * The branch confirms stars from the candidates; the quota holds even when a tie made more candidates
   * than places.
   */
  public static void confirmStars(StarQuota quota, Collection<String> chosen) {
    if (chosen.size() > quota.quota()) {
      throw new ScoringException(
          "STAR_QUOTA_EXCEEDED", "评星名额为 %d 名，所选 %d 名超出名额".formatted(quota.quota(), chosen.size()));
    }
    for (String id : chosen) {
      if (!quota.candidates().contains(id)) {
        throw new ScoringException("NOT_A_STAR_CANDIDATE", "所选党员不在候选名单中：" + id);
      }
    }
    if (chosen.stream().distinct().count() != chosen.size()) {
      throw new ScoringException("DUPLICATE_STAR", "同一党员被重复选择");
    }
  }
}
