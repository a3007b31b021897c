package com.jifen.publication.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.shared.BranchId;
import com.jifen.shared.MemberId;
import com.jifen.tenancy.TenantTx;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Who may handle 组织处理 of a member: the member's branch secretary or a township admin; the member may read. */
@Component
class FollowUpAccess {
  private final MemberService members;

  FollowUpAccess(MemberService members) {
    this.members = members;
  }

  Mono<Void> requireManages(TenantTx tx, CurrentUser user, BranchId branch) {
    return members.requireManages(tx, user, branch.value(), "只有本支部书记或乡镇管理员可以办理组织处理");
  }

  /** The member, once the user may handle their case. */
  Mono<Member> managedMember(TenantTx tx, CurrentUser user, MemberId member) {
    return members.find(tx, member.value()).flatMap(m -> requireManages(tx, user, new BranchId(m.branchId())).thenReturn(m));
  }

  /** The member, once the user is the member or may handle their case. */
  Mono<Member> readableMember(TenantTx tx, CurrentUser user, MemberId member) {
    return members.find(tx, member.value()).flatMap(m -> user.memberCode().filter(m.code()::equals).isPresent()
        ? Mono.just(m) : requireManages(tx, user, new BranchId(m.branchId())).thenReturn(m));
  }
}
