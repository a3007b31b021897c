package com.jifen.statistics.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.shared.DomainException;
import com.jifen.shared.TenantId;
import com.jifen.statistics.internal.ReviewQueries.Branch;
import com.jifen.statistics.internal.ReviewQueries.BranchMonth;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.Township;
import java.time.Clock;
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
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 县级评审: townships compared per member category and scheme (totals of different schemes are never pooled),
 * with the previous year beside each row and a county total row per category and scheme; and one township's
 * branches with the same figures. Each township is read in its own tenant transaction, from the review tables.
 */
@Service
public class CountyReviewService {
  /**
   * Townships read at once, each on its own pooled connection (20): a county's comparison waits on round trips
   * more than on the database, and leaves room for other requests.
   */
  static final int CONCURRENCY = 8;

  private final CountyDirectory directory;
  private final TenantScope scope;
  private final ReviewSettingsService settings;
  private final Clock clock;

  private final ReviewCache cache;
  private final CountyComparisons comparisons;

  CountyReviewService(CountyDirectory directory, TenantScope scope, ReviewSettingsService settings, Clock clock, ReviewCache cache,
      CountyComparisons comparisons) {
    this.cache = cache;
    this.comparisons = comparisons;
    this.directory = directory;
    this.scope = scope;
    this.settings = settings;
    this.clock = clock;
  }

  public enum ComparisonSort { TOWNSHIP, MEMBERS, PARTICIPATION, ON_TIME_SHARE, MEDIAN_TOTAL, OBJECTIONS }

  public record ReviewBranch(UUID id, String code, String name) {}

  /** township is null on a county total row, branch is null on township rows. */
  public record ComparisonRow(Township township, ReviewBranch branch, String category, String schemeCode,
      ReviewFigures current, String previousSchemeCode, boolean comparable, ReviewFigures previous) {}

  public record CountyComparison(String county, int year, int fromMonth, int toMonth, List<ComparisonRow> rows, List<ComparisonRow> totals) {}

  public record TownshipReview(Township township, int year, int fromMonth, int toMonth, List<ComparisonRow> branches, List<ComparisonRow> totals) {}

  public record Period(int year, int fromMonth, int toMonth) {
    /** A whole year (what the alarms look at). */
    static Period of(int year) {
      return new Period(year, 1, 12);
    }

    public Period {
      if (year < 2000 || year > 2100) {
        throw DomainException.badRequest("INVALID_YEAR", "年度应在 2000–2100 之间，填写的是 " + year);
      }
      if (fromMonth < 1 || toMonth > 12 || fromMonth > toMonth) {
        throw DomainException.badRequest("INVALID_PERIOD", "月份范围应在 1–12 月之间且起始月不晚于结束月，填写的是 %d–%d".formatted(fromMonth, toMonth));
      }
    }
  }

  /** What one township's tenant transaction returns. */
  record TownshipData(Township township, List<Branch> branches, List<BranchMonth> months, List<ReviewQueries.Membership> memberships,
      List<ReviewQueries.BranchYear> years, List<ReviewQueries.FollowUp> followUps, List<ReviewQueries.Pin> pins) {

    String scheme(int year, String category) {
      return pins.stream().filter(p -> p.year() == year && p.category().equals(category)).map(ReviewQueries.Pin::schemeCode)
          .findFirst().orElse(null);
    }
  }

  public Mono<CountyComparison> comparison(CurrentUser user, Period period, ComparisonSort sort, boolean descending) {
    String county = CountyDirectory.countyOf(user);
    LocalDate today = LocalDate.now(clock.withZone(ReviewFigures.CHINA));
    var key = new CountyComparisons.Key(county, period, today);
    CountyComparisons.Computed kept = comparisons.get(key);
    return (kept != null ? Mono.just(kept) : compute(key)).map(c -> {
      List<ComparisonRow> rows = new ArrayList<>(c.rows());
      rows.sort(order(sort, descending));
      return new CountyComparison(county, period.year(), period.fromMonth(), period.toMonth(), rows, c.totals());
    });
  }

  /** Every generation is read before what it guards, so a write racing the computation only makes it recompute later. */
  private Mono<CountyComparisons.Computed> compute(CountyComparisons.Key key) {
    String county = key.county();
    Period period = key.period();
    LocalDate today = key.today();
    long countyGeneration = comparisons.countyGeneration(county);
    Map<TenantId, Long> generations = new java.util.concurrent.ConcurrentHashMap<>();
    return directory.inCounty(county, db -> settings.read(db, county)).flatMap(s -> directory.townships(county)
        .flatMapSequential(t -> Mono.defer(() -> {
          generations.put(new TenantId(t.id()), comparisons.townshipGeneration(new TenantId(t.id())));
          return load(t, period.year(), today);
        }), CONCURRENCY)
        .collectList()
        .map(all -> {
          List<Grouped> grouped = new ArrayList<>();
          all.forEach(d -> grouped.addAll(byCategory(d, period, today, s.lateConfirmDays(), null)));
          var computed = new CountyComparisons.Computed(grouped.stream().map(Grouped::row).toList(), totals(grouped, period, null));
          comparisons.put(key, new CountyComparisons.Generations(countyGeneration, Map.copyOf(generations)), computed);
          return computed;
        }));
  }

  public Mono<TownshipReview> township(CurrentUser user, String townshipId, Period period) {
    String county = CountyDirectory.countyOf(user);
    LocalDate today = LocalDate.now(clock.withZone(ReviewFigures.CHINA));
    return directory.inCounty(county, db -> settings.read(db, county)).flatMap(s -> directory.township(county, townshipId)
        .flatMap(t -> load(t, period.year(), today))
        .map(d -> {
          List<ComparisonRow> branches = new ArrayList<>();
          for (Branch b : d.branches()) {
            branches.addAll(byCategory(d, period, today, s.lateConfirmDays(), b).stream().map(Grouped::row).toList());
          }
          List<Grouped> township = byCategory(d, period, today, s.lateConfirmDays(), null);
          return new TownshipReview(d.township(), period.year(), period.fromMonth(), period.toMonth(), branches,
              township.stream().map(Grouped::row).toList());
        }));
  }

  /** A township's figures for a year as of today: kept until a write changes what they are read from (ReviewCache). */
  Mono<TownshipData> load(Township t, int year, LocalDate today) {
    TenantId tenant = new TenantId(t.id());
    return cache.get(tenant, new FiguresKey(t, year, today), scope.inTx(tenant, tx -> Mono.zip(ReviewQueries.branches(tx), ReviewQueries.months(tx, year - 1, year),
            ReviewQueries.memberships(tx, year), ReviewQueries.years(tx, year),
            ReviewQueries.followUps(tx, year, today), ReviewQueries.pins(tx, year))
        .map(z -> new TownshipData(t, z.getT1(), z.getT2(), z.getT3(), z.getT4(), z.getT5(), z.getT6()))));
  }

  private record FiguresKey(Township township, int year, LocalDate today) {}

  /** A row's accumulators, kept so county totals can add townships up. */
  private record Grouped(ComparisonRow row, ReviewFigures.Accumulator current, ReviewFigures.Accumulator previous) {}

  /** Per category (of the township, or of one branch when only is set): the year asked and the one before. */
  private static List<Grouped> byCategory(TownshipData d, Period period, LocalDate today, int lateDays, Branch only) {
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
  private static List<ComparisonRow> totals(List<Grouped> grouped, Period period, ReviewBranch branch) {
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
      rows.add(new ComparisonRow(null, branch, key.get(0), key.get(1), current.figures(), key.get(1), comparable, previous.figures()));
    });
    return rows;
  }

  private static Comparator<ComparisonRow> order(ComparisonSort sort, boolean descending) {
    Function<ComparisonRow, Comparable<?>> key = switch (sort == null ? ComparisonSort.TOWNSHIP : sort) {
      case TOWNSHIP -> r -> r.township().id();
      case MEMBERS -> r -> r.current().members();
      case PARTICIPATION -> r -> r.current().participation();
      case ON_TIME_SHARE -> r -> r.current().onTimeShare();
      case MEDIAN_TOTAL -> r -> r.current().totalMedian();
      case OBJECTIONS -> r -> r.current().objections();
    };
    @SuppressWarnings({"unchecked", "rawtypes"})
    Comparator<Comparable> values = descending ? Comparator.nullsLast(Comparator.<Comparable>reverseOrder())
        : Comparator.nullsLast(Comparator.<Comparable>naturalOrder());
    Comparator<ComparisonRow> by = (a, b) -> values.compare((Comparable) key.apply(a), (Comparable) key.apply(b));
    return by.thenComparing((ComparisonRow r) -> r.township().id()).thenComparing(ComparisonRow::category);
  }
}
