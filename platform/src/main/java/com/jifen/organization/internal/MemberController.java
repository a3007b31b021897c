package com.jifen.organization.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.identity.CurrentUsers;
import com.jifen.organization.Member;
import com.jifen.organization.Organization;
import com.jifen.shared.Page;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class MemberController {
  private final ReadMembers members;
  private final ListMembers list;
  private final ReadOrganizations organizations;
  private final AddMember add;
  private final UpdateMember update;
  private final TransferMember transfer;
  private final SetMemberExempt exempt;
  private final MarkMemberLeft left;
  private final ImportRoster roster;

  MemberController(ReadMembers members, ListMembers list, ReadOrganizations organizations, AddMember add,
      UpdateMember update, TransferMember transfer, SetMemberExempt exempt, MarkMemberLeft left, ImportRoster roster) {
    this.members = members;
    this.list = list;
    this.organizations = organizations;
    this.add = add;
    this.update = update;
    this.transfer = transfer;
    this.exempt = exempt;
    this.left = left;
    this.roster = roster;
  }

  record MemberPayload(Member member) {}

  @QueryMapping
  Mono<Member> member(CurrentUser caller, @Argument String id) {
    return members.get(caller, id);
  }

  @QueryMapping
  Mono<Window<Member>> members(CurrentUser caller, ScrollSubrange subrange, @Argument ListMembers.MemberFilter filter) {
    return list.list(caller, Page.request(subrange), filter);
  }

  @MutationMapping
  Mono<MemberPayload> createMember(CurrentUser caller, @Argument AddMember.CreateMemberInput input) {
    return add.create(caller, input).map(MemberPayload::new);
  }

  @MutationMapping
  Mono<MemberPayload> updateMember(CurrentUser caller, @Argument UpdateMember.UpdateMemberInput input) {
    return update.update(caller, input).map(MemberPayload::new);
  }

  @MutationMapping
  Mono<MemberPayload> transferMember(CurrentUser caller, @Argument TransferMember.TransferMemberInput input) {
    return transfer.transfer(caller, input).map(MemberPayload::new);
  }

  @MutationMapping
  Mono<MemberPayload> setMemberExempt(CurrentUser caller, @Argument SetMemberExempt.SetMemberExemptInput input) {
    return exempt.setExempt(caller, input).map(MemberPayload::new);
  }

  @MutationMapping
  Mono<MemberPayload> markMemberLeft(CurrentUser caller, @Argument MarkMemberLeft.MarkMemberLeftInput input) {
    return left.markLeft(caller, input).map(MemberPayload::new);
  }

  @MutationMapping
  Mono<ImportRoster.ImportRosterPayload> importRoster(CurrentUser caller, @Argument ImportRoster.ImportRosterInput input) {
    return roster.importRoster(caller, input);
  }

  /** Phone numbers are personal details: an integrating app gets them only with the member-personal role. */
  @BatchMapping
  Mono<Map<Member, String>> phone(List<Member> list) {
    return CurrentUsers.current().map(u -> {
      Map<Member, String> phones = new HashMap<>();
      if (u.mayReadPersonalDetails()) {
        list.stream().filter(m -> m.phone() != null).forEach(m -> phones.put(m, m.phone()));
      }
      return phones;
    });
  }

  @BatchMapping
  Mono<Map<Member, Organization>> branch(List<Member> list) {
    var ids = list.stream().map(m -> m.branchId().organization()).collect(Collectors.toSet());
    return organizations.byIds(list.getFirst().tenantId(), ids).map(branches -> list.stream()
        .collect(Collectors.toMap(Function.identity(), m -> branches.get(m.branchId().organization()))));
  }
}
