package com.jifen.organization.internal;

import static com.jifen.organization.internal.Inputs.rejectProblems;
import static com.jifen.organization.internal.Inputs.trim;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.organization.Gender;
import com.jifen.organization.Member;
import com.jifen.organization.MemberCategory;
import com.jifen.organization.MemberRules;
import com.jifen.organization.MemberService.NewMember;
import com.jifen.organization.VillageType;
import com.jifen.shared.BranchId;
import com.jifen.shared.Ids;
import com.jifen.shared.MemberId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Adds members to the roster: one from the form (createMember), or any number at once (import, demo data). */
@Component
public class AddMember {
  private final TenantScope scope;
  private final ReadMembers members;
  private final ReadOrganizations organizations;
  private final AuditLog audit;
  private final Clock clock;

  AddMember(TenantScope scope, ReadMembers members, ReadOrganizations organizations, AuditLog audit, Clock clock) {
    this.scope = scope;
    this.members = members;
    this.organizations = organizations;
    this.audit = audit;
    this.clock = clock;
  }

  record CreateMemberInput(
      String code, String name, Gender gender, MemberCategory category, VillageType villageType,
      String branchId, LocalDate joinDate, String phone, String account) {}

  Mono<Member> create(CurrentUser user, CreateMemberInput in) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    BranchId branchId = BranchId.parse(in.branchId());
    return scope.inTx(tenant, tx -> organizations.find(tx, branchId.organization()).flatMap(branch -> {
      var draft = new MemberRules.Draft(trim(in.code()), trim(in.name()), in.gender(), in.category(), in.villageType(),
          branch, in.joinDate(), trim(in.phone()));
      rejectProblems(MemberRules.check(draft, LocalDate.now(clock)));
      MemberId id = new MemberId(Ids.newId());
      return insert(tx, List.of(new NewMember(id, draft, trim(in.account()), null)))
          .then(audit.record(tx, user.username(), "createMember", id.toString(), Map.of("code", draft.code(), "name", draft.name())))
          .then(members.find(tx, id));
    }));
  }

  /** Checked drafts in one statement whatever their number, inside the caller's transaction (which audits them). */
  public Mono<Long> insert(TenantTx tx, List<NewMember> drafts) {
    return drafts.isEmpty() ? Mono.just(0L) : OrganizationQueries.insertMembers(tx, drafts, clock.instant());
  }
}
