package com.jifen.statistics.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.statistics.internal.CountyReview.ComparisonRow;
import com.jifen.statistics.internal.CountyReview.Period;
import com.jifen.statistics.internal.CountyReview.TownshipReview;
import com.jifen.statistics.internal.ReviewQueries.Branch;
import com.jifen.statistics.internal.ReviewRows.Grouped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The drill-down: one township of the reviewer's county, its branches with the comparison's figures. */
@Service
class ReviewTownship {
  private final CountyDirectory directory;
  private final ReviewSettingsService settings;
  private final TownshipFigures figures;
  private final Clock clock;

  ReviewTownship(CountyDirectory directory, ReviewSettingsService settings, TownshipFigures figures, Clock clock) {
    this.directory = directory;
    this.settings = settings;
    this.figures = figures;
    this.clock = clock;
  }

  Mono<TownshipReview> township(CurrentUser user, String townshipId, Period period) {
    String county = CountyDirectory.countyOf(user);
    LocalDate today = LocalDate.now(clock.withZone(ReviewFigures.CHINA));
    return directory.inCounty(county, db -> settings.read(db, county)).flatMap(s -> directory.township(county, townshipId)
        .flatMap(t -> figures.load(t, period.year(), today))
        .map(d -> {
          List<ComparisonRow> branches = new ArrayList<>();
          for (Branch b : d.branches()) {
            branches.addAll(ReviewRows.byCategory(d, period, today, s.lateConfirmDays(), b).stream().map(Grouped::row).toList());
          }
          List<Grouped> township = ReviewRows.byCategory(d, period, today, s.lateConfirmDays(), null);
          return new TownshipReview(d.township(), period.year(), period.fromMonth(), period.toMonth(), branches,
              township.stream().map(Grouped::row).toList());
        }));
  }
}
