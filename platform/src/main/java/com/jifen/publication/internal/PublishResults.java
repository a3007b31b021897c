package com.jifen.publication.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.publication.PublicationService.PublishSettlementInput;
import com.jifen.settlement.SettlementService;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** 张榜公示: a branch's current settlement goes on the board for at least seven working days. */
@Component
public class PublishResults {
  public static final int WINDOW_WORKING_DAYS = 7;

  private final TenantScope scope;
  private final SettlementService settlements;
  private final PublicationLookup lookup;
  private final Clock clock;

  PublishResults(TenantScope scope, SettlementService settlements, PublicationLookup lookup, Clock clock) {
    this.scope = scope;
    this.settlements = settlements;
    this.lookup = lookup;
    this.clock = clock;
  }

  Mono<Publication> publish(CurrentUser user, PublishSettlementInput in) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    BranchId branch = BranchId.parse(in.branchId());
    // a window that began in the past would close at once and let results be finalized unseen (docs/DOMAIN.md, 6)
    LocalDate today = LocalDate.now(clock);
    if (in.startsOn() == null || in.startsOn().isBefore(today)) {
      throw DomainException.badRequest("START_IN_PAST",
          "公示开始日期不能早于今天（%s）：公示须张榜满 %d 个工作日后才能确认结果".formatted(today, WINDOW_WORKING_DAYS));
    }
    return window(user, tenant, branch, in);
  }

  /**
   * A window that already took place, brought over from the township's records of a past year (the demo's previous
   * year is one): the only way to a start date before today, and never offered through the API.
   */
  public Mono<Publication> importPastWindow(CurrentUser user, PublishSettlementInput in) {
    user.requireTownshipManager();
    return window(user, user.requireTenant(), BranchId.parse(in.branchId()), in);
  }

  private Mono<Publication> window(CurrentUser user, TenantId tenant, BranchId branch, PublishSettlementInput in) {
    return scope.inTx(tenant, tx -> settlements.current(tx, branch, in.year())
        .switchIfEmpty(Mono.error(DomainException.badRequest("NOT_SETTLED", "该支部 %d 年尚未结算，不能公示".formatted(in.year()))))
        .flatMap(s -> PublicationQueries.workingDays(tx).flatMap(days -> PublicationQueries.insertPublication(tx, branch,
                in.year(), s.id(), in.startsOn(), days.end(in.startsOn(), WINDOW_WORKING_DAYS), user.username(),
                clock.instant())
            .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("ALREADY_PUBLISHED", "该支部本年度结果已公示", Map.of()))))
        .then(lookup.publication(tx, branch, in.year())));
  }
}
