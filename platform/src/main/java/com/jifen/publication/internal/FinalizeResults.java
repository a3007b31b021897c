package com.jifen.publication.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.publication.PublicationService.FinalizeSettlementInput;
import com.jifen.settlement.SettlementService;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.tenancy.TenantScope;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** 确认最终结果: final only when the window has closed and every objection is answered; the latest settlement run stands. */
@Component
public class FinalizeResults {
  private final TenantScope scope;
  private final SettlementService settlements;
  private final PublicationLookup lookup;
  private final Clock clock;

  FinalizeResults(TenantScope scope, SettlementService settlements, PublicationLookup lookup, Clock clock) {
    this.scope = scope;
    this.settlements = settlements;
    this.lookup = lookup;
    this.clock = clock;
  }

  public Mono<Publication> finalizeResults(CurrentUser user, FinalizeSettlementInput in) {
    user.requireTownshipManager();
    BranchId branch = BranchId.parse(in.branchId());
    return scope.inTx(user.requireTenant(), tx -> PublicationQueries.lockBranchYear(tx, branch, in.year())
        .then(lookup.published(tx, branch, in.year()))
        .flatMap(p -> {
          switch (p.state()) {
            case OPEN -> {
              return Mono.error(DomainException.badRequest("WINDOW_OPEN", "公示期至 %s 结束，期满后才能确认最终结果".formatted(p.endsOn())));
            }
            case FINAL -> {
              return Mono.error(DomainException.conflict("ALREADY_FINAL", "本年度结果已确认", Map.of()));
            }
            default -> { }
          }
          long pending = p.objections().stream().filter(o -> !o.answered()).count();
          if (pending > 0) {
            return Mono.error(DomainException.badRequest("OBJECTIONS_PENDING", "还有 %d 条异议未答复，不能确认最终结果".formatted(pending)));
          }
          return settlements.current(tx, branch, in.year())
              .flatMap(s -> PublicationQueries.insertFinalResult(tx, branch, in.year(), s.id(), user.username(), clock.instant()));
        })
        .then(lookup.publication(tx, branch, in.year())));
  }
}
