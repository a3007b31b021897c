package com.jifen.settlement.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationService;
import com.jifen.scheme.SchemeService;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.MemberId;
import com.jifen.tenancy.TenantTx;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Who and what a branch's year is scored with: the branch, its scored members and the scheme version pinned for them. */
@Component
class BranchYears {
  private final MemberService members;
  private final OrganizationService organizations;
  private final SchemeService schemes;

  BranchYears(MemberService members, OrganizationService organizations, SchemeService schemes) {
    this.members = members;
    this.organizations = organizations;
    this.schemes = schemes;
  }

  /** The branch, its scored members and the pinned engine. */
  record BranchYear(Organization branch, List<Member> scored, SchemeService.Pinned pinned) {
    BranchId branchId() {
      return branch.branchId();
    }

    List<MemberId> memberIds() {
      return scored.stream().map(Member::id).toList();
    }

    /** The same members scored by another engine (a draft). */
    BranchYear scoredBy(SchemeService.Pinned other) {
      return new BranchYear(branch, scored, other);
    }
  }

  /** A branch's year for one who manages the branch (its secretary, the township). */
  Mono<BranchYear> managed(TenantTx tx, CurrentUser user, BranchId branchId, int year) {
    return members.requireManages(tx, user, branchId.organization(), "只有本支部书记或乡镇管理员可以办理本支部的年终总评")
        .then(organizations.find(tx, branchId.organization()))
        .flatMap(branch -> members.inBranch(tx, branchId)
            .filter(Member::scored).collectList()
            .flatMap(scored -> {
              var category = branch.scoringCategory(scored);
              if (category.isEmpty()) {
                return Mono.error(DomainException.badRequest("EMPTY_BRANCH", "该支部没有参加积分管理的党员"));
              }
              return of(tx, branch, scored, year, category.get().name());
            }));
  }

  /** Members already loaded: only the pinned engine is read. */
  Mono<BranchYear> of(TenantTx tx, Organization branch, List<Member> scored, int year, String category) {
    return schemes.pinnedEngine(tx, year, category).map(p -> new BranchYear(branch, scored, p));
  }

  /** A member whose year-end record the caller keeps, with the scheme pinned for the member's category. */
  Mono<SchemeService.Pinned> managedMember(TenantTx tx, CurrentUser user, MemberId memberId, int year, String forbidden) {
    return members.find(tx, memberId)
        .flatMap(m -> members.requireManages(tx, user, m.branchId().organization(), forbidden)
            .then(schemes.pinnedEngine(tx, year, m.category().name())));
  }
}
