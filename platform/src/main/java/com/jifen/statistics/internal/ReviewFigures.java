package com.jifen.statistics.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The figures of one group (a branch, a township or the county; one category and scheme; one year) as the county
 * sees them. A group of fewer than {@link #MIN_GROUP} members is suppressed: only its member count is shown, so
 * no figure can be traced to one member (docs/county-review.md, privacy).
 */
public record ReviewFigures(boolean suppressed, int members, int branches, Integer membersEvaluated, BigDecimal participation,
    Integer sheetsExpected, Integer sheetsConfirmed, Integer sheetsPublished, Integer sheetsOnTime, BigDecimal onTimeShare,
    BigDecimal medianConfirmDelayDays, Integer lateEntries, Integer graded, BigDecimal totalMin, BigDecimal totalP25,
    BigDecimal totalMedian, BigDecimal totalP75, BigDecimal totalMax, BigDecimal totalMean, List<Count> grades,
    List<Count> stars, Integer objections, Integer objectionsUpheld, Integer overdueNotices, List<MonthProgress> progress) {

  static final int MIN_GROUP = 5;
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public record Count(String code, int value) {}

  public record MonthProgress(int month, int confirmed, int published) {}

  /** Sums the rows of one group; {@link #merge} adds another group's (a township into the county total). */
  static final class Accumulator {
    private final int fromMonth;
    private final int toMonth;
    private int members;
    private int scored;
    private final java.util.Set<Object> branchIds = new java.util.HashSet<>();
    private int evaluated;
    private int expected;
    private int confirmed;
    private int published;
    private int onTime;
    private int lateEntries;
    private final List<Long> delays = new ArrayList<>();
    private final List<BigDecimal> totals = new ArrayList<>();
    private final Map<String, Integer> grades = new TreeMap<>();
    private final Map<String, Integer> stars = new TreeMap<>();
    private int objections;
    private int upheld;
    private int overdue;
    private final int[] progressConfirmed = new int[12];
    private final int[] progressPublished = new int[12];

    Accumulator(int fromMonth, int toMonth) {
      this.fromMonth = fromMonth;
      this.toMonth = toMonth;
    }

    void membership(Object branchId, ReviewQueries.Membership m) {
      members += m.members();
      scored += m.scored();
      if (m.scored() > 0) {
        branchIds.add(branchId);
      }
    }

    /** The sheets a branch owes in the period: months already over by today. */
    void expect(int monthsOver) {
      expected += monthsOver;
    }

    /** One branch's months of the year (any category; the caller files a branch under its category). */
    void months(List<ReviewQueries.BranchMonth> months, int lateConfirmDays) {
      int best = 0;
      for (ReviewQueries.BranchMonth m : months) {
        if (m.confirmedAt() != null) {
          progressConfirmed[m.month() - 1]++;
        }
        if (m.publishedAt() != null) {
          progressPublished[m.month() - 1]++;
        }
        if (m.month() < fromMonth || m.month() > toMonth) {
          continue;
        }
        lateEntries += m.lateEntries();
        if (m.confirmedAt() != null) {
          confirmed++;
          best = Math.max(best, m.membersScored());
          long delay = delayDays(m);
          delays.add(delay);
          if (delay <= lateConfirmDays) {
            onTime++;
          }
        }
        if (m.publishedAt() != null) {
          published++;
        }
      }
      evaluated += best;
    }

    void year(ReviewQueries.BranchYear y) {
      totals.addAll(y.totals());
      add(grades, y.grades());
      add(stars, y.stars());
    }

    void followUp(ReviewQueries.FollowUp f) {
      objections += f.objections();
      upheld += f.upheld();
      overdue += f.overdueNotices();
    }

    void merge(Accumulator o) {
      members += o.members;
      scored += o.scored;
      branchIds.addAll(o.branchIds);
      evaluated += o.evaluated;
      expected += o.expected;
      confirmed += o.confirmed;
      published += o.published;
      onTime += o.onTime;
      lateEntries += o.lateEntries;
      delays.addAll(o.delays);
      totals.addAll(o.totals);
      o.grades.forEach((k, v) -> grades.merge(k, v, Integer::sum));
      o.stars.forEach((k, v) -> stars.merge(k, v, Integer::sum));
      objections += o.objections;
      upheld += o.upheld;
      overdue += o.overdue;
      for (int i = 0; i < 12; i++) {
        progressConfirmed[i] += o.progressConfirmed[i];
        progressPublished[i] += o.progressPublished[i];
      }
    }

    int members() {
      return members;
    }

    ReviewFigures figures() {
      if (members < MIN_GROUP) {
        return new ReviewFigures(true, members, branchIds.size(), null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null);
      }
      List<BigDecimal> sorted = totals.stream().sorted().toList();
      List<Long> sortedDelays = delays.stream().sorted().toList();
      List<MonthProgress> progress = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        progress.add(new MonthProgress(i + 1, progressConfirmed[i], progressPublished[i]));
      }
      BigDecimal mean = sorted.isEmpty() ? null
          : sorted.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(sorted.size()), 2, RoundingMode.HALF_UP);
      return new ReviewFigures(false, members, branchIds.size(), evaluated, ratio(evaluated, scored), expected, confirmed, published,
          onTime, ratio(onTime, confirmed),
          sortedDelays.isEmpty() ? null : quantile(sortedDelays.stream().map(BigDecimal::valueOf).toList(), 0.5),
          lateEntries, sorted.size(), sorted.isEmpty() ? null : sorted.getFirst(), quantile(sorted, 0.25), quantile(sorted, 0.5),
          quantile(sorted, 0.75), sorted.isEmpty() ? null : sorted.getLast(), mean, counts(grades), counts(stars),
          objections, upheld, overdue, progress);
    }

  }

  static long delayDays(ReviewQueries.BranchMonth m) {
    LocalDate end = YearMonth.of(m.year(), m.month()).atEndOfMonth();
    return ChronoUnit.DAYS.between(end, m.confirmedAt().atZoneSameInstant(CHINA).toLocalDate());
  }

  private static void add(Map<String, Integer> into, String json) {
    JsonNode node = JSON.readTree(json);
    node.properties().forEach(e -> into.merge(e.getKey(), e.getValue().asInt(), Integer::sum));
  }

  private static List<Count> counts(Map<String, Integer> map) {
    return map.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue())).toList();
  }

  static BigDecimal ratio(int part, int whole) {
    return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 3, RoundingMode.HALF_UP);
  }

  /** Linear interpolation between closest ranks (PostgreSQL's percentile_cont), rounded HALF_UP to 2 places. */
  static BigDecimal quantile(List<BigDecimal> sorted, double q) {
    if (sorted.isEmpty()) {
      return null;
    }
    double pos = q * (sorted.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.size() - 1);
    BigDecimal frac = BigDecimal.valueOf(pos - lo);
    return sorted.get(lo).add(sorted.get(hi).subtract(sorted.get(lo)).multiply(frac)).setScale(2, RoundingMode.HALF_UP);
  }
}
