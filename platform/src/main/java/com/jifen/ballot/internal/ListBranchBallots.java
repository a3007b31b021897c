package com.jifen.ballot.internal;

import com.jifen.ballot.Ballot;
import com.jifen.identity.CurrentUser;
import com.jifen.organization.MemberService;
import com.jifen.shared.BranchId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * 本支部历次测评: a branch's ballots, open and closed, for the branch's secretary or the township admin. Codes issued and
 * spent are counted; who spent a code is never known (see CastVote), so it cannot be listed either.
 */
@Component
class ListBranchBallots {
  private final TenantScope scope;
  private final MemberService members;

  ListBranchBallots(TenantScope scope, MemberService members) {
    this.scope = scope;
    this.members = members;
  }

  Mono<List<Ballot>> list(CurrentUser user, String branchId) {
    TenantId tenant = user.requireTenant();
    BranchId branch = BranchId.parse(branchId);
    return scope.inTx(tenant, tx -> members.requireManages(tx, user, branch.organization(), "只有本支部书记或乡镇管理员可以查看本支部的测评")
        .then(BallotQueries.ballotsOfBranch(tx, branch).collectList()));
  }
}
