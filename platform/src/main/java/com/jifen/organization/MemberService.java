package com.jifen.organization;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.internal.AddMember;
import com.jifen.organization.internal.MarkMemberLeft;
import com.jifen.organization.internal.ReadMembers;
import com.jifen.organization.internal.RosterAccess;
import com.jifen.shared.BranchId;
import com.jifen.shared.MemberId;
import com.jifen.shared.OrganizationId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantTx;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The roster as other features see it: members by id, code or branch, who manages which branch, and the two changes
 * other features make (a completed removal case, demo data). Everything else of the roster is this module's own.
 */
@Service
public class MemberService {
  private final ReadMembers members;
  private final RosterAccess access;
  private final AddMember add;
  private final MarkMemberLeft left;

  MemberService(ReadMembers members, RosterAccess access, AddMember add, MarkMemberLeft left) {
    this.members = members;
    this.access = access;
    this.add = add;
    this.left = left;
  }

  /** A new member ready to insert: validated draft plus id, optional account and exemption reason. */
  public record NewMember(MemberId id, MemberRules.Draft draft, String account, String exemptReason) {}

  /** NOT_FOUND when there is no such member. */
  public Mono<Member> find(TenantTx tx, MemberId id) {
    return members.find(tx, id);
  }

  /** Locks a member's row for the transaction: postings for one member queue, so caps cannot be raced past. */
  public Mono<Member> lock(TenantTx tx, MemberId id) {
    return members.lock(tx, id);
  }

  /** The member with this code, or empty; no reader check (the callers decide). */
  public Mono<Member> getByCode(CurrentUser user, String code) {
    return members.getByCode(user, code);
  }

  /** {@link #getByCode(CurrentUser, String)} inside the caller's tenant transaction. */
  public Mono<Member> getByCode(TenantTx tx, String code) {
    return members.getByCode(tx, code);
  }

  public Mono<Map<MemberId, Member>> byIds(TenantId tenant, Collection<MemberId> ids) {
    return members.byIds(tenant, ids);
  }

  /** {@link #byIds(TenantId, Collection)} inside the caller's tenant transaction. */
  public Mono<Map<MemberId, Member>> byIds(TenantTx tx, Collection<MemberId> ids) {
    return members.byIds(tx, ids);
  }

  /** Members currently registered in a branch, by code. */
  public Flux<Member> inBranch(TenantTx tx, BranchId branch) {
    return members.inBranch(tx, branch);
  }

  /** Scored members (active, not exempt) of the branches under an organization path ("/" for the township). */
  public Flux<Member> scoredUnder(TenantTx tx, String pathPrefix) {
    return members.scoredUnder(tx, pathPrefix);
  }

  /**
   * One page of {@link #scoredUnder} in member-id order: the {@code limit} members after {@code after} (null: from the
   * first), so a township of a million members can be walked without holding it.
   */
  public Flux<Member> scoredUnderPage(TenantTx tx, String pathPrefix, MemberId after, int limit) {
    return members.scoredUnderPage(tx, pathPrefix, after, limit);
  }

  /**
   * Whether the caller may write for (and read all of) an organization: township admins and integrating apps always;
   * a branch secretary for the organization they manage and its subtree.
   */
  public Mono<Boolean> manages(TenantTx tx, CurrentUser user, OrganizationId organization) {
    return access.manages(tx, user, organization);
  }

  /** {@link #manages} as a guard: FORBIDDEN with the feature's own words when the caller does not manage it. */
  public Mono<Void> requireManages(TenantTx tx, CurrentUser user, OrganizationId organization, String message) {
    return access.requireManages(tx, user, organization, message);
  }

  /**
   * A completed removal or self-separation case (除名): the member leaves the active set (no longer scored, ranked or
   * balloted), the case named in the reason. Runs in the caller's transaction, which audits the step.
   */
  public Mono<Void> leaveByRemoval(TenantTx tx, MemberId member, LocalDate on, String reason) {
    return left.byRemoval(tx, member, on, reason);
  }

  /** Any number of members in one statement, in the caller's transaction (demo data). */
  public Mono<Long> insert(TenantTx tx, List<NewMember> newMembers) {
    return add.insert(tx, newMembers);
  }
}
