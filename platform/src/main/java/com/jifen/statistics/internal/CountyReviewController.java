package com.jifen.statistics.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.shared.Xlsx;
import com.jifen.statistics.internal.CountyReview.ComparisonSort;
import com.jifen.statistics.internal.CountyReview.Period;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class CountyReviewController {
  private final CompareCounty comparison;
  private final ReviewTownship township;
  private final ReviewAlarmService alarms;
  private final ReviewSettingsService settings;

  CountyReviewController(CompareCounty comparison, ReviewTownship township, ReviewAlarmService alarms,
      ReviewSettingsService settings) {
    this.comparison = comparison;
    this.township = township;
    this.alarms = alarms;
    this.settings = settings;
  }

  record ReviewSettingsPayload(ReviewSettingsService.ReviewSettings settings) {}

  record AcknowledgeReviewAlarmPayload(ReviewAlarmService.ReviewAlarm alarm) {}

  @QueryMapping
  Mono<CountyReview.CountyComparison> countyComparison(CurrentUser caller, @Argument int year, @Argument Integer fromMonth, @Argument Integer toMonth,
      @Argument ComparisonSort sortBy, @Argument Boolean descending) {
    return comparison.comparison(caller, period(year, fromMonth, toMonth), sortBy, Boolean.TRUE.equals(descending));
  }

  @QueryMapping
  Mono<CountyReview.TownshipReview> townshipReview(CurrentUser caller, @Argument String townshipId, @Argument int year, @Argument Integer fromMonth,
      @Argument Integer toMonth) {
    return township.township(caller, townshipId, period(year, fromMonth, toMonth));
  }

  @QueryMapping
  Mono<List<ReviewAlarmService.ReviewAlarm>> reviewAlarms(CurrentUser caller, @Argument int year, @Argument Boolean includeAcknowledged) {
    return alarms.alarms(caller, year, !Boolean.FALSE.equals(includeAcknowledged));
  }

  @QueryMapping
  Mono<ReviewSettingsService.ReviewSettings> reviewSettings(CurrentUser caller) {
    return settings.get(caller);
  }

  /** One workbook: the comparison (as sorted by default) and every alarm of the year, acknowledged or not. */
  @QueryMapping
  Mono<Xlsx.File> countyReviewXlsx(CurrentUser caller, @Argument int year, @Argument Integer fromMonth, @Argument Integer toMonth) {
    return Mono.zip(comparison.comparison(caller, period(year, fromMonth, toMonth), ComparisonSort.TOWNSHIP, false),
            alarms.alarms(caller, year, true))
        .map(z -> CountyReviewXlsx.write(z.getT1(), z.getT2()));
  }

  @MutationMapping
  Mono<ReviewSettingsPayload> updateReviewSettings(CurrentUser caller, @Argument ReviewSettingsService.ReviewSettingsInput input) {
    return settings.update(caller, input).map(ReviewSettingsPayload::new);
  }

  @MutationMapping
  Mono<AcknowledgeReviewAlarmPayload> acknowledgeReviewAlarm(CurrentUser caller, @Argument ReviewAlarmService.AcknowledgeInput input) {
    return alarms.acknowledge(caller, input).map(AcknowledgeReviewAlarmPayload::new);
  }

  private static Period period(int year, Integer fromMonth, Integer toMonth) {
    return new Period(year, fromMonth == null ? 1 : fromMonth, toMonth == null ? 12 : toMonth);
  }
}
