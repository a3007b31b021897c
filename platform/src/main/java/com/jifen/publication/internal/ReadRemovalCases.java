package com.jifen.publication.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.shared.RemovalCaseId;
import com.jifen.tenancy.TenantScope;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Removal cases: one for the member's branch secretary or a township admin; the township's list for its admins. */
@Component
class ReadRemovalCases {
  private final TenantScope scope;
  private final FollowUpAccess access;

  ReadRemovalCases(TenantScope scope, FollowUpAccess access) {
    this.scope = scope;
    this.access = access;
  }

  Mono<RemovalCase> removalCase(CurrentUser user, String caseId) {
    RemovalCaseId id = RemovalCaseId.parse(caseId);
    return scope.inTx(user.requireTenant(), tx -> FollowUpQueries.removalCase(tx, id)
        .flatMap(c -> access.managedMember(tx, user, c.memberId()).thenReturn(c)));
  }

  Mono<List<RemovalCase>> removalCases(CurrentUser user) {
    user.requireTownshipManager();
    return scope.inTx(user.requireTenant(), FollowUpQueries::removalCases);
  }
}
