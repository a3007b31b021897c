package com.jifen.statistics.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.shared.TenantId;
import com.jifen.statistics.internal.CountyReview.ComparisonRow;
import com.jifen.statistics.internal.CountyReview.ComparisonSort;
import com.jifen.statistics.internal.CountyReview.CountyComparison;
import com.jifen.statistics.internal.CountyReview.Period;
import com.jifen.statistics.internal.ReviewRows.Grouped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The county comparison: every township of the reviewer's county, each read in its own tenant transaction, per
 * category and scheme with the county totals; kept whole until a write changes an input (CountyComparisons).
 */
@Service
class CompareCounty {
  private final CountyDirectory directory;
  private final ReviewSettingsService settings;
  private final TownshipFigures figures;
  private final CountyComparisons comparisons;
  private final Clock clock;

  CompareCounty(CountyDirectory directory, ReviewSettingsService settings, TownshipFigures figures, CountyComparisons comparisons,
      Clock clock) {
    this.directory = directory;
    this.settings = settings;
    this.figures = figures;
    this.comparisons = comparisons;
    this.clock = clock;
  }

  Mono<CountyComparison> comparison(CurrentUser user, Period period, ComparisonSort sort, boolean descending) {
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
          return figures.load(t, period.year(), today);
        }), CountyReview.CONCURRENCY)
        .collectList()
        .map(all -> {
          List<Grouped> grouped = new ArrayList<>();
          all.forEach(d -> grouped.addAll(ReviewRows.byCategory(d, period, today, s.lateConfirmDays(), null)));
          var computed = new CountyComparisons.Computed(grouped.stream().map(Grouped::row).toList(), ReviewRows.totals(grouped, period));
          comparisons.put(key, new CountyComparisons.Generations(countyGeneration, Map.copyOf(generations)), computed);
          return computed;
        }));
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
