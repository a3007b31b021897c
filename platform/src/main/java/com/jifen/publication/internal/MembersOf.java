package com.jifen.publication.internal;

import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.shared.MemberId;
import com.jifen.shared.TenantId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/** The member field of a page of objections, notices or cases, in one read (a @BatchMapping's answer). */
final class MembersOf {
  private MembersOf() {}

  static <T> Mono<Map<T, Member>> batch(MemberService members, List<T> list, Function<T, MemberId> member,
      Function<T, TenantId> tenant) {
    return members.byIds(tenant.apply(list.getFirst()), list.stream().map(member).collect(Collectors.toSet()))
        .map(byId -> list.stream().collect(Collectors.toMap(Function.identity(), t -> byId.get(member.apply(t)))));
  }
}
