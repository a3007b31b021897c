package com.jifen.statistics.internal;

import com.jifen.statistics.internal.CountyReview.ComparisonRow;
import com.jifen.statistics.internal.CountyReview.Period;
import com.jifen.statistics.internal.CountyReview.ReviewBranch;
import com.jifen.statistics.internal.ReviewQueries.Branch;
import com.jifen.statistics.internal.ReviewQueries.BranchMonth;
import com.jifen.statistics.internal.TownshipFigures.TownshipData;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The review's rows, pure: a township's figures grouped per member category (of the township or of one branch), the
 * year asked beside the one before, and the county totals per category and scheme.
 */
final class ReviewRows {
  private ReviewRows() {}

  /** A row's accumulators, kept so county totals can add townships up. */
  record Grouped(ComparisonRow row, ReviewFigures.Accumulator current, ReviewFigures.Accumulator previous) {}

  /** Per category (of the township, or of one branch when only is set): the year asked and the one before. */
  static List<Grouped> byCategory(TownshipData d, Period period, LocalDate today, int lateDays, Branch only) {
    Map<String, ReviewFigures.Accumulator[]> acc = new TreeMap<>();
    Function<String, ReviewFigures.Accumulator[]> of = c -> acc.computeIfAbsent(c, k -> new ReviewFigures.Accumulator[] {
        new ReviewFigures.Accumulator(period.fromMonth(), period.toMonth()),
        new ReviewFigures.Accumulator(period.fromMonth(), period.toMonth())});
    java.util.function.Predicate<UUID> in = id -> only == null || only.id().equals(id);
    for (ReviewQueries.Membership m : d.memberships()) {
      if (in.test(m.branchId())) {
        of.apply(m.category())[slot(period, m.year())].membership(m.branchId(), m);
      }
    }
    Map<UUID, List<BranchMonth>> monthsOf = d.months().stream().collect(Collectors.groupingBy(BranchMonth::branchId));
    for (Branch b : d.branches()) {
      if (!in.test(b.id()) || b.category() == null) {
        continue;
      }
      for (int y : new int[] {period.year(), period.year() - 1}) {
        int year = y;
        boolean scored = d.memberships().stream().anyMatch(m -> m.branchId().equals(b.id()) && m.year() == year && m.scored() > 0);
        if (!scored) {
          continue;
        }
        ReviewFigures.Accumulator a = of.apply(b.category())[slot(period, y)];
        a.expect(monthsOver(year, period, today));
        a.months(monthsOf.getOrDefault(b.id(), List.of()).stream().filter(m -> m.year() == year).toList(), lateDays);
      }
    }
    d.years().stream().filter(y -> in.test(y.branchId())).forEach(y -> of.apply(y.category())[slot(period, y.year())].year(y));
    d.followUps().stream().filter(f -> in.test(f.branchId())).forEach(f -> of.apply(f.category())[slot(period, f.year())].followUp(f));
    List<Grouped> out = new ArrayList<>();
    ReviewBranch branch = only == null ? null : new ReviewBranch(only.id(), only.code(), only.name());
    acc.forEach((category, a) -> {
      if (a[0].members() == 0 && a[1].members() == 0) {
        return;
      }
      String scheme = d.scheme(period.year(), category);
      String previousScheme = d.scheme(period.year() - 1, category);
      out.add(new Grouped(new ComparisonRow(d.township(), branch, category, scheme, a[0].figures(), previousScheme,
          previousScheme == null || Objects.equals(scheme, previousScheme), a[1].figures()), a[0], a[1]));
    });
    return out;
  }

  private static int slot(Period period, int year) {
    return year == period.year() ? 0 : 1;
  }

  /** Months of the period already over on today: the sheets a branch owes by now. */
  private static int monthsOver(int year, Period period, LocalDate today) {
    int n = 0;
    for (int m = period.fromMonth(); m <= period.toMonth(); m++) {
      if (YearMonth.of(year, m).atEndOfMonth().isBefore(today)) {
        n++;
      }
    }
    return n;
  }

  /**
   * County total rows: townships added up per category and scheme; the previous year only from townships whose
   * previous scheme is the same, so no total mixes two schemes' points.
   */
  static List<ComparisonRow> totals(List<Grouped> grouped, Period period) {
    Map<List<String>, List<Grouped>> groups = new LinkedHashMap<>();
    grouped.stream().sorted(Comparator.comparing((Grouped g) -> g.row().category())
            .thenComparing(g -> String.valueOf(g.row().schemeCode())))
        .forEach(g -> groups.computeIfAbsent(java.util.Arrays.asList(g.row().category(), g.row().schemeCode()), k -> new ArrayList<>()).add(g));
    List<ComparisonRow> rows = new ArrayList<>();
    groups.forEach((key, list) -> {
      var current = new ReviewFigures.Accumulator(period.fromMonth(), period.toMonth());
      var previous = new ReviewFigures.Accumulator(period.fromMonth(), period.toMonth());
      boolean comparable = true;
      for (Grouped g : list) {
        current.merge(g.current());
        if (g.row().previousSchemeCode() == null || Objects.equals(g.row().previousSchemeCode(), key.get(1))) {
          previous.merge(g.previous());
        } else {
          comparable = false;
        }
      }
      rows.add(new ComparisonRow(null, null, key.get(0), key.get(1), current.figures(), key.get(1), comparable, previous.figures()));
    });
    return rows;
  }
}
