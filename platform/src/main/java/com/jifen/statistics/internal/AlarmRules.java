package com.jifen.statistics.internal;

import com.jifen.statistics.internal.ReviewAlarmService.Figure;
import com.jifen.statistics.internal.ReviewQueries.BranchMonth;
import com.jifen.statistics.internal.ReviewQueries.SubjectTally;
import com.jifen.statistics.internal.ReviewSettingsService.ReviewSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The alarm rules of docs/county-review.md, pure: aggregates and thresholds in, findings out. Each finding names
 * its branch, its period and the figures that tripped it. Groups under the privacy floor never raise one.
 */
final class AlarmRules {
  private AlarmRules() {}


  record Finding(AlarmRule rule, UUID branchId, String period, List<Figure> figures, String message) {
    String key() {
      return rule + ":" + branchId + ":" + period;
    }
  }

  static List<Finding> evaluate(int year, ReviewSettings s, List<BranchMonth> months, List<SubjectTally> tallies,
      List<ReviewQueries.Stars> stars) {
    List<Finding> out = new ArrayList<>();
    Map<UUID, List<BranchMonth>> byBranch = months.stream().filter(m -> m.year() == year)
        .collect(Collectors.groupingBy(BranchMonth::branchId, TreeMap::new, Collectors.toList()));
    byBranch.forEach((branch, list) -> {
      list.sort(Comparator.comparingInt(BranchMonth::month));
      list.forEach(m -> {
        uniform(s, m).ifPresent(out::add);
        late(s, m).ifPresent(out::add);
      });
      out.addAll(sameDay(s, branch, list));
      out.addAll(selfCopied(s, branch, list));
      quotaEdge(year, s, branch, list, stars).ifPresent(out::add);
    });
    tallies.stream().collect(Collectors.groupingBy(SubjectTally::ballotId, TreeMap::new, Collectors.toList()))
        .forEach((ballot, subjects) -> out.addAll(ballot(year, s, subjects)));
    return out;
  }

  /** 大锅饭: nearly every member has the same item scores, or the month totals hardly differ. */
  static java.util.Optional<Finding> uniform(ReviewSettings s, BranchMonth m) {
    if (m.membersScored() < s.minGroup() || m.totalMax() == null) {
      return java.util.Optional.empty();
    }
    BigDecimal share = ReviewAlarmService.share(m.modalMembers(), m.membersScored());
    BigDecimal spread = m.spread();
    if (share.compareTo(s.uniformShare()) < 0 && spread.compareTo(s.uniformSpread()) >= 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Finding(AlarmRule.UNIFORM_SCORING, m.branchId(), month(m), List.of(
        f("membersScored", m.membersScored()), f("sameScoreMembers", m.modalMembers()), new Figure("sameScoreShare", share),
        new Figure("totalSpread", spread), new Figure("totalStddev", m.totalStddev())),
        "%d 名党员中 %d 名各项得分完全相同，月度总分极差 %s 分（大锅饭）".formatted(m.membersScored(), m.modalMembers(), spread.toPlainString())));
  }

  /** Confirmed long after the month ended: scores written from memory, not month by month. */
  static java.util.Optional<Finding> late(ReviewSettings s, BranchMonth m) {
    if (m.confirmedAt() == null) {
      return java.util.Optional.empty();
    }
    long delay = ReviewFigures.delayDays(m);
    if (delay <= s.lateConfirmDays()) {
      return java.util.Optional.empty();
    }
    LocalDate on = m.confirmedAt().atZoneSameInstant(ReviewFigures.CHINA).toLocalDate();
    return java.util.Optional.of(new Finding(AlarmRule.LATE_CONFIRMATION, m.branchId(), month(m), List.of(
        f("daysAfterMonthEnd", delay), f("lateConfirmDays", s.lateConfirmDays()), f("lateEntries", m.lateEntries())),
        "月末后 %d 天（%s）才确认，超过 %d 天".formatted(delay, on, s.lateConfirmDays())));
  }

  /** Many months' scores recorded on one day: the sheets were filled in at once (e.g. at year end). */
  static List<Finding> sameDay(ReviewSettings s, UUID branch, List<BranchMonth> months) {
    List<Finding> out = new ArrayList<>();
    months.stream().filter(m -> m.enteredOn() != null && m.membersScored() > 0)
        .collect(Collectors.groupingBy(BranchMonth::enteredOn, TreeMap::new, Collectors.toList()))
        .forEach((day, list) -> {
          if (list.size() >= s.sameDayMonths()) {
            String which = list.stream().map(m -> m.month() + "月").collect(Collectors.joining("、"));
            out.add(new Finding(AlarmRule.SAME_DAY_ENTRY, branch, day.toString(), List.of(f("months", list.size()),
                f("firstMonth", list.getFirst().month()), f("lastMonth", list.getLast().month()), f("sameDayMonths", s.sameDayMonths())),
                "%d 个月的评分在同一天录入：%s".formatted(list.size(), which)));
          }
        });
    return out;
  }

  /** Final scores equal to the self-assessment for every member, for several consecutive months. */
  static List<Finding> selfCopied(ReviewSettings s, UUID branch, List<BranchMonth> months) {
    List<Finding> out = new ArrayList<>();
    List<BranchMonth> run = new ArrayList<>();
    for (int i = 0; i <= months.size(); i++) {
      BranchMonth m = i < months.size() ? months.get(i) : null;
      boolean copied = m != null && m.membersScored() >= s.minGroup() && m.selfAssessed() == m.membersScored()
          && m.selfEqual() == m.membersScored();
      boolean consecutive = m != null && (run.isEmpty() || run.getLast().month() + 1 == m.month());
      if (copied && consecutive) {
        run.add(m);
        continue;
      }
      if (run.size() >= s.selfCopyMonths()) {
        String period = run.size() == 1 ? month(run.getFirst()) : month(run.getFirst()) + ".." + month(run.getLast());
        out.add(new Finding(AlarmRule.SELF_ASSESSMENT_COPIED, branch, period, List.of(f("months", run.size()),
            f("membersScored", run.stream().mapToInt(BranchMonth::membersScored).min().orElse(0)), f("selfCopyMonths", s.selfCopyMonths())),
            "连续 %d 个月全部党员的确认分与自评分完全一致（评议流于形式）".formatted(run.size())));
      }
      run = new ArrayList<>();
      if (copied) {
        run.add(m);
      }
    }
    return out;
  }

  /**
   * Quarter stars at exactly the quota every quarter that has them (at least two) while month totals hardly
   * differ: stars handed out by turn rather than earned. The quota is seed 001's: 5 % of the branch's scored
   * members (floor), none under 10 members (docs/DOMAIN.md, S1).
   */
  static java.util.Optional<Finding> quotaEdge(int year, ReviewSettings s, UUID branch, List<BranchMonth> months,
      List<ReviewQueries.Stars> stars) {
    List<ReviewQueries.Stars> mine = stars.stream().filter(x -> x.branchId().equals(branch)).toList();
    if (mine.size() < 2 || months.isEmpty()) {
      return java.util.Optional.empty();
    }
    int quota = 0;
    for (ReviewQueries.Stars q : mine) {
      int quarter = q.period().charAt(1) - '0';
      int members = months.stream().filter(m -> (m.month() - 1) / 3 + 1 == quarter).mapToInt(BranchMonth::membersScored).max().orElse(0);
      quota = members < 10 ? 0 : members * 5 / 100;
      if (quota == 0 || q.awarded() != quota) {
        return java.util.Optional.empty();
      }
    }
    List<BigDecimal> spreads = months.stream().map(BranchMonth::spread).filter(java.util.Objects::nonNull).toList();
    if (spreads.isEmpty()) {
      return java.util.Optional.empty();
    }
    BigDecimal mean = spreads.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(spreads.size()), 2, RoundingMode.HALF_UP);
    if (mean.compareTo(s.flatSpread()) > 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Finding(AlarmRule.QUOTA_EDGE, branch, String.valueOf(year), List.of(f("quartersAtQuota", mine.size()),
        f("quota", quota), new Figure("meanMonthlySpread", mean), new Figure("flatSpread", s.flatSpread())),
        "%d 个季度的季度之星都恰好评满名额（%d 名），而月度总分平均极差仅 %s 分".formatted(mine.size(), quota, mean.toPlainString())));
  }

  /**
   * Rubber-stamp ballots and quorum barely met, from the per-ballot tallies (ballot_tally), never individual
   * votes: a subject whose every vote fell in one option (grade votes), or whose tally is the same as nearly
   * every other subject's (score forms), was rated identically by every rater.
   */
  static List<Finding> ballot(int year, ReviewSettings s, List<SubjectTally> subjects) {
    List<Finding> out = new ArrayList<>();
    SubjectTally first = subjects.getFirst();
    boolean grades = "GRADE_VOTES".equals(first.form());
    int raters = subjects.stream().mapToInt(t -> grades ? t.votes() : t.votes() / Math.max(1, t.criteria())).max().orElse(0);
    int unanimous;
    if (grades) {
      unanimous = (int) subjects.stream().filter(t -> t.criteria() == 1).count();
    } else {
      unanimous = subjects.stream().collect(Collectors.groupingBy(SubjectTally::signature, Collectors.counting()))
          .values().stream().mapToInt(Long::intValue).max().orElse(0);
    }
    String period = String.valueOf(year);
    if (subjects.size() >= s.minGroup() && raters >= 2) {
      BigDecimal share = ReviewAlarmService.share(unanimous, subjects.size());
      if (share.compareTo(s.ballotShare()) >= 0) {
        out.add(new Finding(AlarmRule.RUBBER_STAMP_BALLOT, first.branchId(), period, List.of(f("subjects", subjects.size()),
            f("unanimousSubjects", unanimous), new Figure("unanimousShare", share), f("raters", raters)),
            grades ? "%d 名被测评党员中 %d 名的全部 %d 张票投向同一等次（一团和气、走过场）".formatted(subjects.size(), unanimous, raters)
                : "%d 名被测评党员中 %d 名的测评结果完全相同（%d 名测评人对每人打分一致）".formatted(subjects.size(), unanimous, raters)));
      }
    }
    BigDecimal bar = BigDecimal.valueOf(first.minRaters()).multiply(BigDecimal.ONE.add(s.quorumMargin()));
    if (raters >= first.minRaters() && BigDecimal.valueOf(raters).compareTo(bar) <= 0) {
      out.add(new Finding(AlarmRule.QUORUM_BARELY_MET, first.branchId(), period, List.of(f("raters", raters), f("minRaters", first.minRaters()),
          f("codesIssued", first.codesIssued()), new Figure("turnout", ReviewAlarmService.share(raters, first.codesIssued()))),
          "测评仅 %d 人参评，刚达到最低 %d 人（发放测评码 %d 个）".formatted(raters, first.minRaters(), first.codesIssued())));
    }
    return out;
  }

  private static String month(BranchMonth m) {
    return "%d-%02d".formatted(m.year(), m.month());
  }

  private static Figure f(String code, long value) {
    return new Figure(code, BigDecimal.valueOf(value));
  }
}
