package com.jifen.publication.internal;

import com.jifen.settlement.SettlementGuard;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.tenancy.TenantTx;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A year whose results are final is not settled again: the final result keeps the run that was published and finalized,
 * and a newer run would make the year-end page and its sheets contradict it. A correction goes through an objection.
 */
@Component
class FinalYearGuard implements SettlementGuard {
  @Override
  public Mono<Void> check(TenantTx tx, BranchId branch, int year) {
    return PublicationQueries.lockBranchYear(tx, branch, year).then(PublicationQueries.isFinal(tx, branch, year)).flatMap(isFinal -> isFinal
        ? Mono.error(DomainException.conflict("RESULTS_FINAL",
            "该支部 %d 年度结果已确定（公示期满定稿），不能重新结算；如需更正请走异议/更正程序".formatted(year),
            Map.of("branchId", branch.toString(), "year", year)))
        : Mono.empty());
  }
}
