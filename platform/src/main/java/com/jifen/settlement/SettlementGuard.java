package com.jifen.settlement;

import com.jifen.shared.BranchId;
import com.jifen.tenancy.TenantTx;
import reactor.core.publisher.Mono;

/**
 * A rule of another feature on whether a branch's year may be settled again, asked in the settling transaction before
 * a run is stored. It exists because the features that know (publication: results final once the window closed) depend
 * on settlement, not the other way round, so settlement cannot read their tables itself.
 */
public interface SettlementGuard {
  /** Completes empty when the year may be settled; errors with a classified {@code DomainException} when not. */
  Mono<Void> check(TenantTx tx, BranchId branch, int year);
}
