package com.jifen.organization;

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
  private final RosterImportService roster;

  MemberController(MemberService members, OrganizationService organizations, RosterImportService roster) {
    this.members = members;
    this.organizations = organizations;
    this.roster = roster;
  }

  record MemberPayload(Member member) {}

  @QueryMapping
  Mono<Member> member(@Argument String id) {
    return CurrentUsers.current().flatMap(u -> members.get(u, id));
  }

  @QueryMapping
  Mono<Window<Member>> members(ScrollSubrange subrange, @Argument MemberService.MemberFilter filter) {
    return CurrentUsers.current().flatMap(u -> members.list(u, Page.request(subrange), filter));
  }

  @MutationMapping
  Mono<MemberPayload> createMember(@Argument MemberService.CreateMemberInput input) {
    return CurrentUsers.current().flatMap(u -> members.create(u, input)).map(MemberPayload::new);
  }

  @MutationMapping
  Mono<MemberPayload> updateMember(@Argument MemberService.UpdateMemberInput input) {
    return CurrentUsers.current().flatMap(u -> members.update(u, input)).map(MemberPayload::new);
  }

  @MutationMapping
  Mono<MemberPayload> transferMember(@Argument MemberService.TransferMemberInput input) {
    return CurrentUsers.current().flatMap(u -> members.transfer(u, input)).map(MemberPayload::new);
  }

  @MutationMapping
  Mono<MemberPayload> setMemberExempt(@Argument MemberService.SetMemberExemptInput input) {
    return CurrentUsers.current().flatMap(u -> members.setExempt(u, input)).map(MemberPayload::new);
  }

  @MutationMapping
  Mono<MemberPayload> markMemberLeft(@Argument MemberService.MarkMemberLeftInput input) {
    return CurrentUsers.current().flatMap(u -> members.markLeft(u, input)).map(MemberPayload::new);
  }

  @MutationMapping
  Mono<RosterImportService.ImportRosterPayload> importRoster(@Argument RosterImportService.ImportRosterInput input) {
    return CurrentUsers.current().flatMap(u -> roster.importRoster(u, input));
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
