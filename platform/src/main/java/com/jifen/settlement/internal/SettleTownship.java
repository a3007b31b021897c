package com.jifen.settlement.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.OrganizationService;
import com.jifen.settlement.SettlementService.BranchProblem;
import com.jifen.settlement.SettlementService.TownshipSettlement;
import com.jifen.settlement.internal.SettlementRuns.Run;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.Hashes;
import com.jifen.shared.OrganizationId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * 全镇年终结算: every branch with scored members, each in its own transaction, so one branch's gap stops no other. Two
 * at a time, in branch order: one branch's year is read from PostgreSQL while another's is computed. What the runs show
 * besides their results (exempt grades, confirmed stars) and the branches that could not be settled are read once for
 * the whole township at the end.
 */
@Component
public class SettleTownship {
  private final TenantScope scope;
  private final OrganizationService organizations;
  private final SettlementQueries queries;
  private final SettleBranch settleBranch;
  private final SettlementRuns runs;

  SettleTownship(TenantScope scope, OrganizationService organizations, SettlementQueries queries, SettleBranch settleBranch,
      SettlementRuns runs) {
    this.scope = scope;
    this.organizations = organizations;
    this.queries = queries;
    this.settleBranch = settleBranch;
    this.runs = runs;
  }

  /** acknowledgeMissingMonths applies to every branch (see {@link SettleBranch.SettleBranchInput}). */
  public record SettleTownshipInput(int year, List<Integer> acknowledgeMissingMonths, String idempotencyKey) {}

  private record Failure(BranchId branch, DomainException error) {}

  /**
   * With an idempotency key each branch's run is keyed by it (a key per branch derived from it), so a retry after a crash
   * answers the branches already stored and settles only the others.
   */
  public Mono<TownshipSettlement> settle(CurrentUser user, int year, List<Integer> acknowledgeMissingMonths, String idempotencyKey) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    if (idempotencyKey != null && (idempotencyKey.length() < 8 || idempotencyKey.length() > 100)) {
      throw DomainException.badRequest("INVALID_IDEMPOTENCY_KEY", "幂等键须为 8 到 100 个字符 (idempotencyKey)");
    }
    String keyPrefix = idempotencyKey == null ? null : "settleTownship:" + Hashes.sha256(idempotencyKey).substring(0, 24) + ":";
    return scope.inTx(tenant, tx -> queries.branchesWithScoredMembers(tx).collectList())
        .flatMapMany(Flux::fromIterable)
        .flatMapSequential(branch -> settleBranch.settle(user, branch, year, acknowledgeMissingMonths,
                keyPrefix == null ? null : keyPrefix + branch, (tx, run) -> Mono.just(run))
            .map(run -> (Object) run)
            .onErrorResume(DomainException.class, e -> Mono.just(new Failure(branch, e))), 2)
        .collectList()
        .flatMap(all -> {
          List<Run> settled = all.stream().filter(Run.class::isInstance).map(Run.class::cast).toList();
          List<Failure> failed = all.stream().filter(Failure.class::isInstance).map(Failure.class::cast).toList();
          return Mono.zip(scope.inTx(tenant, tx -> runs.assembleAll(tx, settled)),
                  failed.isEmpty() ? Mono.just(Map.<OrganizationId, com.jifen.organization.Organization>of())
                      : organizations.byIds(tenant, failed.stream().map(f -> f.branch().organization()).toList()))
              .map(t -> new TownshipSettlement(t.getT1(), failed.stream()
                  .map(f -> new BranchProblem(t.getT2().get(f.branch().organization()), f.error().code(), f.error().getMessage())).toList()));
        });
  }
}
