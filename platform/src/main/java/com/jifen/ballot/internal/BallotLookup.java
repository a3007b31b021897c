package com.jifen.ballot.internal;

import com.jifen.ballot.Ballot;
import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.BallotId;
import com.jifen.shared.BranchId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What every ballot use case looks up: the ballot for a manager of its branch, its scheme, the members it rates. */
@Component
class BallotLookup {
  private final TenantScope scope;
  private final MemberService members;
  private final SchemeService schemes;

  BallotLookup(TenantScope scope, MemberService members, SchemeService schemes) {
    this.scope = scope;
    this.members = members;
    this.schemes = schemes;
  }

  /** The ballot query: for the branch's secretary or a township admin only. */
  Mono<Ballot> managed(CurrentUser user, String ballotId) {
    BallotId id = BallotId.parse(ballotId);
    return scope.inTx(user.requireTenant(), tx -> managed(tx, user, id));
  }

  /** The ballot, for the branch's secretary or a township admin only. */
  Mono<Ballot> managed(TenantTx tx, CurrentUser user, BallotId id) {
    return BallotQueries.ballot(tx, id).flatMap(b -> requireManages(tx, user, b.branchId()).thenReturn(b));
  }

  Mono<Void> requireManages(TenantTx tx, CurrentUser user, BranchId branch) {
    return members.requireManages(tx, user, branch.organization(), "只有本支部书记或乡镇管理员可以管理本支部的测评");
  }

  /** The scheme version the ballot was opened with. */
  Mono<Scheme> scheme(TenantTx tx, Ballot ballot) {
    return schemes.engine(tx, ballot.schemeCode(), ballot.schemeVersion()).map(e -> e.scheme());
  }

  /** The members a ballot of the branch rates: the scored ones, as they are now. */
  Mono<List<Member>> subjects(TenantTx tx, BranchId branch) {
    return members.inBranch(tx, branch).filter(Member::scored).collectList();
  }
}
