package com.jifen.ledger.internal;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.ledger.LedgerEntry;
import com.jifen.ledger.LedgerEntry.ReviewStatus;
import com.jifen.ledger.RankingService;
import com.jifen.organization.MemberService;
import com.jifen.organization.OrganizationService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.DomainException;
import com.jifen.shared.BranchId;
import com.jifen.shared.EntryId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 加减分审核: additions and deductions of kinds the scheme marks for approval wait as PENDING until the role the
 * scheme names approves them (then they count) or rejects them with a reason (they never count). Each decision is
 * one row, written once, and audited in the same transaction.
 */
@Service
public class ReviewEntry {
  private final TenantScope scope;
  private final MemberService members;
  private final OrganizationService organizations;
  private final SchemeService schemes;
  private final RankingService rankings;
  private final AuditLog audit;
  private final Clock clock;

  ReviewEntry(TenantScope scope, MemberService members, OrganizationService organizations, SchemeService schemes,
      RankingService rankings, AuditLog audit, Clock clock) {
    this.scope = scope;
    this.members = members;
    this.organizations = organizations;
    this.schemes = schemes;
    this.rankings = rankings;
    this.audit = audit;
    this.clock = clock;
  }

  public record ReviewEntryInput(String entryId, String reason) {}

  /** Entries of a branch's year that needed approval, in one status (PENDING by default), by month and time. */
  public Mono<List<LedgerEntry>> list(CurrentUser user, String branchId, int year, ReviewStatus status) {
    TenantId tenant = user.requireTenant();
    BranchId branch = BranchId.parse(branchId);
    ReviewStatus wanted = status == null ? ReviewStatus.PENDING : status;
    return scope.inTx(tenant, tx -> members.requireManages(tx, user, branch.organization(), "只有本支部书记或乡镇管理员可以查看待审核的加减分")
        .then(LedgerQueries.awaitingReview(tx, branch, year, wanted)));
  }

  public Mono<LedgerEntry> approve(CurrentUser user, ReviewEntryInput in) {
    return decide(user, in, ReviewStatus.APPROVED, "approveEntry");
  }

  public Mono<LedgerEntry> reject(CurrentUser user, ReviewEntryInput in) {
    if (in.reason() == null || in.reason().isBlank()) {
      throw DomainException.badRequest("REASON_REQUIRED", "不予认定须写明理由，党员可在积分卡上看到");
    }
    return decide(user, in, ReviewStatus.REJECTED, "rejectEntry");
  }

  private Mono<LedgerEntry> decide(CurrentUser user, ReviewEntryInput in, ReviewStatus decision, String action) {
    TenantId tenant = user.requireTenant();
    EntryId id = EntryId.parse(in.entryId());
    String reason = in.reason() == null || in.reason().isBlank() ? null : in.reason().trim();
    return scope.inTx(tenant, tx -> Entries.find(tx, id).flatMap(e -> {
      if (e.review() == null || e.reverses() != null) {
        return Mono.error(DomainException.badRequest("NO_APPROVAL_NEEDED", "该记录无须审核（方案未要求该类加减分审核，或是冲销记录）"));
      }
      if (e.review().status() != ReviewStatus.PENDING) {
        return Mono.error(DomainException.conflict("ALREADY_REVIEWED",
            "该记录已于 %s 由 %s 审核（%s）".formatted(e.review().decidedAt(), e.review().decidedBy(), e.review().status()),
            Map.of("status", e.review().status().name())));
      }
      return schemes.engine(tx, e.schemeCode(), e.schemeVersion())
          .flatMap(engine -> requireApprover(tx, user, e, engine.scheme().entryKind(e.code()).map(Scheme.EntryKind::approval)
              .orElse(Scheme.Approval.TOWNSHIP_ADMIN)))
          .then(LedgerQueries.insertReview(tx, id, decision, reason, user.username(), clock.instant()))
          .then(audit.record(tx, user.username(), action, id.toString(),
              reason == null ? Map.of("decision", decision.name()) : Map.of("decision", decision.name(), "reason", reason)))
          .then(organizations.find(tx, e.branchId().organization()))
          .flatMap(branch -> Entries.find(tx, id).map(updated -> Map.entry(branch, updated)));
    })).flatMap(t -> rankings.invalidate(tenant, t.getKey(), t.getValue().year(), t.getValue().month()).thenReturn(t.getValue()));
  }

  /** The role the scheme names: the branch committee (its secretary, or the township) or the township admin only. */
  private Mono<Void> requireApprover(TenantTx tx, CurrentUser user, LedgerEntry e, Scheme.Approval approval) {
    if (approval == Scheme.Approval.TOWNSHIP_ADMIN) {
      return user.managesTownship() ? Mono.empty()
          : Mono.error(DomainException.forbidden("方案规定该类加减分由乡镇党委审核"));
    }
    return members.requireManages(tx, user, e.branchId().organization(), "方案规定该类加减分由本支部支委会审核");
  }
}
