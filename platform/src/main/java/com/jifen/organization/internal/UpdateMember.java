package com.jifen.organization.internal;

import static com.jifen.organization.internal.Inputs.blankToNull;
import static com.jifen.organization.internal.Inputs.rejectProblems;
import static com.jifen.organization.internal.Inputs.trim;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Gender;
import com.jifen.organization.Member;
import com.jifen.organization.MemberCategory;
import com.jifen.organization.MemberRules;
import com.jifen.organization.VillageType;
import com.jifen.organization.internal.OrganizationQueries.MemberFields;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Edits a member's own fields (not code, branch or status); the result must still satisfy the member rules. */
@Component
class UpdateMember {
  private final MemberChange change;
  private final ReadOrganizations organizations;
  private final Clock clock;

  UpdateMember(MemberChange change, ReadOrganizations organizations, Clock clock) {
    this.change = change;
    this.organizations = organizations;
    this.clock = clock;
  }

  record UpdateMemberInput(
      String id, Integer version, String name, Gender gender, MemberCategory category, VillageType villageType,
      LocalDate joinDate, String phone, String account) {}

  Mono<Member> update(CurrentUser user, UpdateMemberInput in) {
    return change.apply(user, in.id(), in.version(), "updateMember", (tx, m) ->
        organizations.find(tx, m.branchId().organization()).flatMap(branch -> {
          // a category that is not typed drops the type unless the input names one (which the rules then refuse)
          VillageType type = in.villageType() != null ? in.villageType()
              : in.category() != null && !in.category().typed() ? null : m.villageType();
          var draft = new MemberRules.Draft(m.code(), in.name() == null ? m.name() : trim(in.name()),
              in.gender() == null ? m.gender() : in.gender(), in.category() == null ? m.category() : in.category(),
              type, branch, in.joinDate() == null ? m.joinDate() : in.joinDate(),
              in.phone() == null ? m.phone() : trim(in.phone()));
          rejectProblems(MemberRules.check(draft, LocalDate.now(clock)));
          var fields = new MemberFields(draft.name(), draft.gender(), draft.category(), draft.villageType(), draft.joinDate(),
              blankToNull(draft.phone()), in.account() == null ? m.account() : blankToNull(trim(in.account())));
          return OrganizationQueries.updateMember(tx, m, fields, clock.instant()).thenReturn(Map.<String, Object>of("name", m.name()));
        }));
  }
}
