package com.jifen.settlement.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.ledger.Idempotency;
import com.jifen.settlement.SettlementGuard;
import com.jifen.settlement.SettlementService.Settlement;
import com.jifen.settlement.internal.SettlementQueries.NewRun;
import com.jifen.settlement.internal.SettlementRuns.Run;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.SettlementId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * 年终结算 of one branch: its year with the year's pinned scheme version, stored as a new run. One run is stored in one
 * statement of one transaction, so a run is there completely or not at all.
 */
@Component
public class SettleBranch {
  private final TenantScope scope;
  private final Idempotency idempotency;
  private final BranchYears branchYears;
  private final YearComputation computation;
  private final SettlementQueries queries;
  private final SettlementRuns runs;
  private final List<SettlementGuard> guards;

  SettleBranch(TenantScope scope, Idempotency idempotency, BranchYears branchYears, YearComputation computation,
      SettlementQueries queries, SettlementRuns runs, ObjectProvider<SettlementGuard> guards) {
    this.scope = scope;
    this.idempotency = idempotency;
    this.branchYears = branchYears;
    this.computation = computation;
    this.queries = queries;
    this.runs = runs;
    this.guards = guards.orderedStream().toList();
  }

  /**
   * @param acknowledgeMissingMonths the months (1–12) the caller knows have no scores and accepts as zero; settling
   *     before the year's last month or with unconfirmed months is refused unless every missing month is listed
   */
  public record SettleBranchInput(String branchId, int year, List<Integer> acknowledgeMissingMonths, String idempotencyKey) {}

  public Mono<Settlement> settle(CurrentUser user, SettleBranchInput in) {
    return settle(user, BranchId.parse(in.branchId()), in.year(), in.acknowledgeMissingMonths(), in.idempotencyKey(),
        runs::shown);
  }

  /**
   * A run, and in the same transaction what the caller makes of it. With an idempotency key, a retry of a run that was
   * stored (its answer lost to a crash or a network cut) answers that run instead of storing another; the key is stored
   * in the run's own transaction, and a replay answers the run it stored even once the year is final, since it stores
   * nothing.
   */
  <T> Mono<T> settle(CurrentUser user, BranchId branch, int year, List<Integer> acknowledgeMissingMonths, String idempotencyKey,
      BiFunction<TenantTx, Run, Mono<T>> shown) {
    TenantId tenant = user.requireTenant();
    if (idempotencyKey == null) {
      return scope.inTx(tenant, tx -> store(tx, user, branch, year, acknowledged(acknowledgeMissingMonths))
          .flatMap(run -> shown.apply(tx, run)));
    }
    Set<Integer> acknowledged = acknowledged(acknowledgeMissingMonths);
    String canonical = branch + "|" + year + "|" + acknowledged;
    return idempotency.run(tenant, idempotencyKey, "settleBranch", canonical, user.username(),
        tx -> store(tx, user, branch, year, acknowledged).map(run -> Map.<String, Object>of("settlementId", run.id().toString())),
        stored -> scope.inTx(tenant, tx -> queries.runById(tx, SettlementId.parse((String) stored.get("settlementId")))
            .flatMap(run -> shown.apply(tx, Run.of(run)))));
  }

  private Mono<Run> store(TenantTx tx, CurrentUser user, BranchId branch, int year, Set<Integer> acknowledged) {
    return branchYears.managed(tx, user, branch, year)
        // after the access check, so a year's state is told only to whoever may settle it
        .flatMap(by -> Flux.fromIterable(guards).concatMap(g -> g.check(tx, branch, year)).then(Mono.just(by)))
        .flatMap(by -> computation.compute(tx, by, year, acknowledged).flatMap(computed -> {
          var id = new SettlementId(Ids.newId());
          var pinned = by.pinned();
          return queries.storeNextRun(tx, new NewRun(id, branch, year, pinned.schemeCode(), pinned.version(), user.username(),
                  SettlementRuns.json(computed)))
              .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("CONCURRENT_SETTLEMENT",
                  "另一位管理员正在结算该支部，请稍后刷新", Map.of()))
              // the run just stored, shown from what was computed rather than read back
              .map(n -> new Run(id, branch, year, n.run(), pinned.schemeCode(), pinned.version(), user.username(),
                  n.computedAt(), computed));
        }));
  }

  static Set<Integer> acknowledged(List<Integer> months) {
    Set<Integer> set = new TreeSet<>(months == null ? List.of() : months);
    if (set.stream().anyMatch(m -> m < 1 || m > 12)) {
      throw DomainException.badRequest("INVALID_MONTH", "确认缺失的月份须为 1–12");
    }
    return set;
  }
}
