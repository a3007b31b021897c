package com.jifen.settlement.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.ledger.YearLedger;
import com.jifen.scheme.engine.Results;
import com.jifen.scheme.engine.ScoringEngine;
import com.jifen.scheme.engine.ScoringException;
import com.jifen.scheme.engine.SubjectYear;
import com.jifen.settlement.SettlementService.ConfirmStarsInput;
import com.jifen.settlement.SettlementService.QuarterScore;
import com.jifen.settlement.SettlementService.QuarterSummary;
import com.jifen.settlement.SettlementService.Settlement;
import com.jifen.settlement.SettlementService.StarQuota;
import com.jifen.settlement.internal.BranchYears.BranchYear;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.MemberId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Quarter summaries and the stars a branch confirms from the candidates (季度之星, 年度之星); the quota holds. */
@Component
public class StarAwards {
  private final TenantScope scope;
  private final BranchYears branchYears;
  private final SettlementQueries queries;
  private final SettlementRuns runs;
  private final Clock clock;

  StarAwards(TenantScope scope, BranchYears branchYears, SettlementQueries queries, SettlementRuns runs, Clock clock) {
    this.scope = scope;
    this.branchYears = branchYears;
    this.queries = queries;
    this.runs = runs;
    this.clock = clock;
  }

  public Mono<QuarterSummary> quarter(CurrentUser user, BranchId branch, int year, int quarter) {
    var tenant = user.requireTenant();
    if (quarter < 1 || quarter > 4) {
      throw DomainException.badRequest("INVALID_PERIOD", "季度须为 1–4");
    }
    return scope.inTx(tenant, tx -> branchYears.managed(tx, user, branch, year).flatMap(by -> quarterSummary(tx, by, year, quarter)));
  }

  private Mono<QuarterSummary> quarterSummary(TenantTx tx, BranchYear by, int year, int quarter) {
    ScoringEngine engine = by.pinned().engine();
    List<MemberId> ids = by.memberIds();
    return Mono.zip(YearLedger.of(tx, ids, year, engine.scheme()),
            queries.confirmedStarsOf(tx, List.of(by.branchId()), year, StarPeriod.quarter(quarter)))
        .map(t -> {
          List<MemberId> confirmed = t.getT2().getOrDefault(by.branchId(), List.of());
          List<SubjectYear> inputs = ids.stream().map(id -> SubjectYear.ofMonthly(id.toString(), t.getT1().get(id).monthly(), null, List.of())).toList();
          Results.QuarterResult q = engine.quarters(inputs).get(quarter - 1);
          List<QuarterScore> scores = new ArrayList<>();
          q.ranking().ranks().forEach((id, rank) -> scores.add(new QuarterScore(MemberId.parse(id), q.scores().get(id), rank)));
          StarQuota stars = q.stars() == null ? new StarQuota(0, 0, List.of(), confirmed)
              : new StarQuota(q.stars().basis(), q.stars().quota(), q.stars().candidates().stream().map(MemberId::parse).toList(), confirmed);
          return new QuarterSummary(quarter, scores, stars);
        });
  }

  /** The branch confirms stars from the candidates; the quota holds, even when ties made more candidates. */
  public Mono<List<MemberId>> confirm(CurrentUser user, ConfirmStarsInput in) {
    var tenant = user.requireTenant();
    BranchId branch = BranchId.parse(in.branchId());
    List<MemberId> chosen = in.memberIds().stream().map(MemberId::parse).toList();
    StarPeriod period = StarPeriod.of(in.period());
    return scope.inTx(tenant, tx -> branchYears.managed(tx, user, branch, in.year()).flatMap(by -> {
      Mono<StarQuota> quota = period.annual()
          ? runs.current(tx, branch, in.year()).map(Settlement::annualStars)
              .switchIfEmpty(Mono.error(DomainException.badRequest("NOT_SETTLED", "年终总评尚未结算，不能评选年度之星")))
          : quarterSummary(tx, by, in.year(), period.quarterNumber()).map(QuarterSummary::stars);
      return quota.flatMap(q -> {
        if (!q.confirmed().isEmpty()) {
          return Mono.error(DomainException.conflict("STARS_CONFIRMED", "本期之星已确认", Map.of()));
        }
        try {
          ScoringEngine.confirmStars(new Results.StarQuota(q.basis(), q.quota(), q.candidates().stream().map(MemberId::toString).toList()),
              chosen.stream().map(MemberId::toString).toList());
        } catch (ScoringException e) {
          return Mono.error(DomainException.badRequest(e.code(), e.getMessage()));
        }
        return queries.awardStars(tx, branch, in.year(), period, chosen, user.username(), clock.instant())
            .thenReturn(chosen);
      });
    }));
  }
}
