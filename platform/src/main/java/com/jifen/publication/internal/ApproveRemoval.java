package com.jifen.publication.internal;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.identity.Role;
import com.jifen.shared.DomainException;
import com.jifen.shared.RemovalCaseId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TownshipService;
import java.time.Clock;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Step 6, 报上级党组织审批, recorded by the superior itself: a county reviewer of the township's county, who names the
 * township (a county account carries no township) and is checked against it.
 */
@Component
class ApproveRemoval {
  private final TenantScope scope;
  private final TownshipService townships;
  private final AuditLog audit;
  private final Clock clock;

  ApproveRemoval(TenantScope scope, TownshipService townships, AuditLog audit, Clock clock) {
    this.scope = scope;
    this.townships = townships;
    this.audit = audit;
    this.clock = clock;
  }

  record ApproveRemovalInput(String township, String caseId, String note) {}

  Mono<RemovalCase> approve(CurrentUser user, ApproveRemovalInput in) {
    user.require(Role.COUNTY_REVIEWER);
    String county = user.county().orElseThrow(() -> DomainException.forbidden("该账号未关联县 (no county on this account)"));
    if (in.note() == null || in.note().isBlank()) {
      throw DomainException.badRequest("REASON_REQUIRED", "须写明审批意见和文号");
    }
    if (in.township() == null || in.township().isBlank()) {
      throw DomainException.badRequest("TOWNSHIP_REQUIRED", "请指定乡镇编码 (township)");
    }
    TenantId tenant = new TenantId(in.township().trim());
    RemovalCaseId id = RemovalCaseId.parse(in.caseId());
    return scope.inTx(tenant, tx -> townships.get(tx)
            .filter(t -> county.equals(t.county()))
            .switchIfEmpty(Mono.error(() -> DomainException.forbidden("只能审批本县乡镇的除名程序")))
            .then(FollowUpQueries.removalCase(tx, id))
            .flatMap(c -> {
              c.requireAwaitingApproval();
              String approver = "%s 县委组织部 %s".formatted(county, user.username());
              return FollowUpQueries.insertStep(tx, new FollowUpQueries.NewStep(id, RemovalCase.SUPERIOR_APPROVAL, in.note().trim(),
                      approver, user.username()), clock.instant())
                  .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("ALREADY_APPROVED", "该除名程序已审批", Map.of()))
                  // the mutation's one audit row says which county approved
                  .then(audit.record(tx, user.username(), "approveRemoval", id.toString(), Map.of("county", county)));
            })
            .then(FollowUpQueries.removalCase(tx, id)));
  }
}
