package com.jifen.statistics.internal;

import com.jifen.identity.CurrentUser;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class CountyStatisticsController {
  private final CountyStatisticsService statistics;

  CountyStatisticsController(CountyStatisticsService statistics) {
    this.statistics = statistics;
  }

  @QueryMapping
  Mono<CountyStatisticsService.CountyStatistics> countyStatistics(CurrentUser caller, @Argument int year) {
    return statistics.statistics(caller, year);
  }
}
