package com.jifen.settlement.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.MemberService;
import com.jifen.settlement.SettlementService.Computed;
import com.jifen.settlement.SettlementService.ExemptResult;
import com.jifen.settlement.SettlementService.Settlement;
import com.jifen.settlement.SettlementService.StarQuota;
import com.jifen.settlement.internal.SettlementQueries.StoredRun;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.SettlementId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored runs as shown: a run's computed results with its branch's exempt grades and the annual stars confirmed so
 * far. Every run is kept; the latest is the branch's current one.
 */
@Component
public class SettlementRuns {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TenantScope scope;
  private final MemberService members;
  private final SettlementQueries queries;

  SettlementRuns(TenantScope scope, MemberService members, SettlementQueries queries) {
    this.scope = scope;
    this.members = members;
    this.queries = queries;
  }

  public Mono<Settlement> current(TenantTx tx, BranchId branch, int year) {
    return queries.currentRun(tx, branch, year).flatMap(run -> assemble(tx, run));
  }

  /** One run by its id, whether or not it is still the current one. */
  Mono<Settlement> run(TenantTx tx, SettlementId id) {
    return queries.runById(tx, id).flatMap(run -> assemble(tx, run));
  }

  /** The current run as the caller may see it: whole for those who manage the branch, a member only their own row. */
  public Mono<Settlement> visibleTo(CurrentUser user, BranchId branch, int year) {
    return scope.inTx(user.requireTenant(), tx -> members.manages(tx, user, branch.organization()).flatMap(manages -> current(tx, branch, year)
        .flatMap(s -> {
          if (manages) {
            return Mono.just(s);
          }
          return user.memberCode().map(code -> members.getByCode(user, code)
                  .filter(m -> m.branchId().equals(branch))
                  .map(m -> new Settlement(s.tenantId(), s.id(), s.branchId(), s.year(), s.run(), s.schemeCode(), s.schemeVersion(),
                      s.computedBy(), s.computedAt(), s.members().stream().filter(r -> r.memberId().equals(m.id())).toList(),
                      null, s.exempt().stream().filter(r -> r.memberId().equals(m.id())).toList(), s.missingMonths())))
              .orElse(Mono.empty())
              .switchIfEmpty(Mono.error(DomainException.forbidden("只能查看本支部的年终总评")));
        })));
  }

  static String json(Computed computed) {
    return JSON.writeValueAsString(computed);
  }

  /** A run with its results: as read back, or (a run just stored) as computed. */
  record Run(SettlementId id, BranchId branch, int year, int run, String schemeCode, int schemeVersion, String computedBy,
      Instant computedAt, Computed computed) {
    static Run of(StoredRun stored) {
      return new Run(stored.id(), stored.branch(), stored.year(), stored.run(), stored.schemeCode(), stored.schemeVersion(),
          stored.computedBy(), stored.computedAt(), JSON.readValue(stored.resultsJson(), Computed.class));
    }
  }

  private Mono<Settlement> assemble(TenantTx tx, StoredRun run) {
    return shown(tx, Run.of(run));
  }

  Mono<Settlement> shown(TenantTx tx, Run run) {
    return assembleAll(tx, List.of(run)).map(List::getFirst);
  }

  /** Runs of one year as shown, their exempt grades and confirmed stars read once for all their branches. */
  Mono<List<Settlement>> assembleAll(TenantTx tx, List<Run> runs) {
    if (runs.isEmpty()) {
      return Mono.just(List.of());
    }
    int year = runs.getFirst().year();
    List<BranchId> branches = runs.stream().map(Run::branch).toList();
    return Mono.zip(queries.exemptGradesOf(tx, branches, year), queries.confirmedStarsOf(tx, branches, year, StarPeriod.Y))
        .map(t -> runs.stream().map(run -> {
          Computed c = run.computed();
          List<ExemptResult> exempt = t.getT1().getOrDefault(run.branch(), List.of());
          StarQuota annual = c.annualStars() == null ? null : new StarQuota(c.annualStars().basis(), c.annualStars().quota(),
              c.annualStars().candidates(), t.getT2().getOrDefault(run.branch(), List.of()));
          return new Settlement(tx.tenant(), run.id(), run.branch(), run.year(), run.run(), run.schemeCode(),
              run.schemeVersion(), run.computedBy(), run.computedAt(), c.members(), annual, exempt,
              c.missingMonths() == null ? List.of() : c.missingMonths());
        }).toList());
  }
}
