package com.jifen.organization.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.OrganizationKind;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Moves an active member to another branch (组织关系转接), the reason kept in the audit trail. */
@Component
class TransferMember {
  private final MemberChange change;
  private final ReadOrganizations organizations;
  private final Clock clock;

  TransferMember(MemberChange change, ReadOrganizations organizations, Clock clock) {
    this.change = change;
    this.organizations = organizations;
    this.clock = clock;
  }

  record TransferMemberInput(String id, Integer version, String branchId, String reason) {}

  Mono<Member> transfer(CurrentUser user, TransferMemberInput in) {
    Inputs.requireReason(in.reason(), "组织关系转接须填写原因");
    BranchId target = BranchId.parse(in.branchId());
    return change.apply(user, in.id(), in.version(), "transferMember", (tx, m) -> {
      if (m.status() != Member.MemberStatus.ACTIVE) {
        return Mono.error(DomainException.badRequest("MEMBER_LEFT", "该党员已离开，不能转接"));
      }
      return organizations.find(tx, target.organization()).flatMap(branch -> {
        if (branch.kind() != OrganizationKind.BRANCH) {
          return Mono.error(DomainException.badRequest("NOT_A_BRANCH", "党员只能转入党支部，“%s”是%s".formatted(branch.name(), branch.kind().chinese())));
        }
        if (target.equals(m.branchId())) {
          return Mono.error(DomainException.badRequest("SAME_BRANCH", "该党员已在“%s”".formatted(branch.name())));
        }
        return OrganizationQueries.moveMember(tx, m, target, clock.instant())
            .thenReturn(Map.<String, Object>of("from", m.branchId().toString(), "to", target.toString(), "reason", in.reason()));
      });
    });
  }
}
