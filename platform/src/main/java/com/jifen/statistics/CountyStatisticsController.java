package com.jifen.statistics;

import com.jifen.identity.CurrentUsers;
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
  Mono<CountyStatisticsService.CountyStatistics> countyStatistics(@Argument int year) {
    return CurrentUsers.current().flatMap(u -> statistics.statistics(u, year));
  }
}
