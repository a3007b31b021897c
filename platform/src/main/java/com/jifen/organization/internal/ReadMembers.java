package com.jifen.organization.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.internal.OrganizationQueries.Reach;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.MemberId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Members by id, code or branch: one for the caller who may see them, and the lookups other features build on. */
@Component
public class ReadMembers {
  private final TenantScope scope;
  private final RosterAccess access;

  ReadMembers(TenantScope scope, RosterAccess access) {
    this.scope = scope;
    this.access = access;
  }

  /** A member as the caller may see them: anyone in reach, or oneself. */
  Mono<Member> get(CurrentUser user, String id) {
    TenantId tenant = user.requireTenant();
    MemberId memberId = MemberId.parse(id);
    return scope.inTx(tenant, tx -> find(tx, memberId).flatMap(m -> access.reach(tx, user).flatMap(r -> switch (r) {
      case Reach.All a -> Mono.just(m);
      case Reach.Self s when s.memberCode().equals(m.code()) -> Mono.just(m);
      case Reach.Subtree t -> OrganizationQueries.inSubtree(tx, m.branchId().organization(), t.pathPrefix())
          .flatMap(in -> in || m.code().equals(user.memberCode().orElse(null))
              ? Mono.just(m) : Mono.error(DomainException.forbidden("只能查看本支部党员的信息")));
      default -> Mono.error(DomainException.forbidden("只能查看本人的信息"));
    })));
  }

  public Mono<Member> find(TenantTx tx, MemberId id) {
    return OrganizationQueries.member(tx, id).switchIfEmpty(Mono.error(() -> DomainException.notFound("党员", id)));
  }

  public Mono<Member> lock(TenantTx tx, MemberId id) {
    return OrganizationQueries.lockMember(tx, id).switchIfEmpty(Mono.error(() -> DomainException.notFound("党员", id)));
  }

  public Mono<Member> getByCode(CurrentUser user, String code) {
    return scope.inTx(user.requireTenant(), tx -> getByCode(tx, code));
  }

  public Mono<Member> getByCode(TenantTx tx, String code) {
    return OrganizationQueries.memberByCode(tx, code);
  }

  public Mono<Map<MemberId, Member>> byIds(TenantId tenant, Collection<MemberId> ids) {
    return scope.inTx(tenant, tx -> byIds(tx, ids));
  }

  public Mono<Map<MemberId, Member>> byIds(TenantTx tx, Collection<MemberId> ids) {
    return OrganizationQueries.membersByIds(tx, ids).collectMap(Member::id, Function.identity());
  }

  public Flux<Member> inBranch(TenantTx tx, BranchId branch) {
    return OrganizationQueries.membersInBranch(tx, branch);
  }

  public Flux<Member> scoredUnder(TenantTx tx, String pathPrefix) {
    return OrganizationQueries.scoredMembersUnder(tx, pathPrefix);
  }

  public Flux<Member> scoredUnderPage(TenantTx tx, String pathPrefix, MemberId after, int limit) {
    return OrganizationQueries.scoredMembersUnderPage(tx, pathPrefix, after, limit);
  }
}
