package com.jifen.statistics.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.Township;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 县级统计: a county reviewer's comparison of the townships of their county. The township list comes through the
 * county-directory policy; each township's figures are aggregates read in that township's own tenant
 * transaction, so no personal data leaves a township and RLS still guards every row.
 */
@Service
public class CountyStatisticsService {
  private final CountyDirectory directory;
  private final TenantScope scope;
  private final Clock clock;

  CountyStatisticsService(CountyDirectory directory, TenantScope scope, Clock clock) {
    this.directory = directory;
    this.scope = scope;
    this.clock = clock;
  }

  public record CodeValue(String code, BigDecimal value) {}

  public record TownshipStatistics(Township township, int members, int exemptMembers, int branches, int branchesSettled,
      int branchesFinal, List<CodeValue> grades, BigDecimal averageTotal, int objections, int overdueNotices) {}

  public record CountyStatistics(String county, int year, List<TownshipStatistics> townships) {}

  public Mono<CountyStatistics> statistics(CurrentUser user, int year) {
    String county = CountyDirectory.countyOf(user);
    return directory.townships(county)
        .concatMap(t -> figures(t, year))
        .collectList()
        .map(list -> new CountyStatistics(county, year, list));
  }

  private Mono<TownshipStatistics> figures(Township t, int year) {
    TenantId tenant = new TenantId(t.id());
    LocalDate today = LocalDate.now(clock);
    return scope.inTx(tenant, tx -> Mono.zip(CountyStatisticsQueries.activeMembers(tx),
            CountyStatisticsQueries.branchesSettled(tx, year), CountyStatisticsQueries.finalResultsAndObjections(tx, year),
            CountyStatisticsQueries.overdueNotices(tx, year, today), CountyStatisticsQueries.grades(tx, year))
        .map(z -> {
          Map<String, CountyStatisticsQueries.Grade> g = z.getT5();
          long graded = g.values().stream().mapToLong(CountyStatisticsQueries.Grade::members).sum();
          BigDecimal sum = g.values().stream().map(v -> BigDecimal.valueOf(v.totalCents(), 2)).reduce(BigDecimal.ZERO, BigDecimal::add);
          List<CodeValue> grades = new ArrayList<>();
          g.forEach((grade, v) -> grades.add(new CodeValue(grade, BigDecimal.valueOf(v.members()))));
          return new TownshipStatistics(t, z.getT1().active(), z.getT1().exempt(), z.getT2().branches(), z.getT2().settled(),
              z.getT3().finalResults(), grades, graded == 0 ? null : sum.divide(BigDecimal.valueOf(graded), 2, RoundingMode.HALF_UP),
              z.getT3().objections(), z.getT4());
        }));
  }
}
