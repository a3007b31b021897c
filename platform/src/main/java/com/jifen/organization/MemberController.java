package com.jifen.organization;

import com.jifen.identity.CurrentUser;
import com.jifen.identity.CurrentUsers;
import com.jifen.shared.Page;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class MemberController {
  private final MemberService members;
  private final OrganizationService organizations;
  private final MemberChanges changes;
  private final RosterImportService roster;

  MemberController(MemberService members, OrganizationService organizations, MemberChanges changes, RosterImportService roster) {
    this.members = members;
    this.organizations = organizations;
    this.changes = changes;
    this.roster = roster;
  }

  record MemberPayload(Member member) {}

  @QueryMapping
  Mono<Member> member(CurrentUser caller, @Argument String id) {
    return members.get(caller, id);
  }

  @QueryMapping
  Mono<Window<Member>> members(CurrentUser caller, ScrollSubrange subrange, @Argument MemberService.MemberFilter filter) {
    return members.list(caller, Page.request(subrange), filter);
  }

  @MutationMapping
  Mono<MemberPayload> createMember(CurrentUser caller, @Argument MemberChanges.CreateMemberInput input) {
    return changes.create(caller, input).map(MemberPayload::new);
  }

  @MutationMapping
  Mono<MemberPayload> updateMember(CurrentUser caller, @Argument MemberChanges.UpdateMemberInput input) {
    return changes.update(caller, input).map(MemberPayload::new);
  }

  @MutationMapping
  Mono<MemberPayload> transferMember(CurrentUser caller, @Argument MemberChanges.TransferMemberInput input) {
    return changes.transfer(caller, input).map(MemberPayload::new);
  }

  @MutationMapping
  Mono<MemberPayload> setMemberExempt(CurrentUser caller, @Argument MemberChanges.SetMemberExemptInput input) {
    return changes.setExempt(caller, input).map(MemberPayload::new);
  }

  @MutationMapping
  Mono<MemberPayload> markMemberLeft(CurrentUser caller, @Argument MemberChanges.MarkMemberLeftInput input) {
    return changes.markLeft(caller, input).map(MemberPayload::new);
  }

  @MutationMapping
  Mono<RosterImportService.ImportRosterPayload> importRoster(CurrentUser caller, @Argument RosterImportService.ImportRosterInput input) {
    return roster.importRoster(caller, input);
  }

  /** Phone numbers are personal details: an integrating app gets them only with the member-personal role. */
  @BatchMapping
  Mono<Map<Member, String>> phone(List<Member> list) {
    return CurrentUsers.current().map(u -> {
      Map<Member, String> phones = new java.util.HashMap<>();
      if (u.mayReadPersonalDetails()) {
        list.stream().filter(m -> m.phone() != null).forEach(m -> phones.put(m, m.phone()));
      }
      return phones;
    });
  }

  @BatchMapping
  Mono<Map<Member, Organization>> branch(List<Member> list) {
    var ids = list.stream().map(Member::branchId).collect(Collectors.toSet());
    return organizations.byIds(list.getFirst().tenantId(), ids).map(branches -> list.stream()
        .collect(Collectors.toMap(Function.identity(), m -> branches.get(m.branchId()))));
  }
}
