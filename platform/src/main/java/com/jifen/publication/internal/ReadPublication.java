package com.jifen.publication.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.MemberService;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.MemberId;
import com.jifen.tenancy.TenantScope;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A branch's publication and month objections: whole for the branch's secretary and township admins; a member of the
 * branch sees the publication with their own objections only.
 */
@Component
class ReadPublication {
  private final TenantScope scope;
  private final MemberService members;
  private final PublicationLookup lookup;

  ReadPublication(TenantScope scope, MemberService members, PublicationLookup lookup) {
    this.scope = scope;
    this.members = members;
    this.lookup = lookup;
  }

  Mono<Publication> publication(CurrentUser user, String branchId, int year) {
    BranchId branch = BranchId.parse(branchId);
    return scope.inTx(user.requireTenant(), tx -> members.manages(tx, user, branch.organization())
        .flatMap(manages -> lookup.publication(tx, branch, year)
            .flatMap(p -> manages ? Mono.just(p) : lookup.own(user).map(me -> {
              if (!me.branchId().equals(branch)) {
                throw DomainException.forbidden("只能查看本支部的公示");
              }
              MemberId mine = me.id();
              return new Publication(p.branchId(), p.year(), p.startsOn(), p.endsOn(), p.state(), p.settlementRun(),
                  p.objections().stream().filter(o -> o.memberId().equals(mine)).toList());
            }))));
  }

  Mono<List<Objection>> monthObjections(CurrentUser user, String branchId, int year) {
    BranchId branch = BranchId.parse(branchId);
    return scope.inTx(user.requireTenant(), tx -> members.manages(tx, user, branch.organization())
        .flatMap(manages -> PublicationQueries.objections(tx, branch, year, Objection.Kind.MONTH)
            .flatMap(list -> manages ? Mono.just(list) : lookup.own(user)
                .map(me -> list.stream().filter(o -> o.memberId().equals(me.id())).toList()))));
  }
}
