package com.jifen.ledger;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.organization.MemberService;
import com.jifen.organization.OrganizationService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 加减分审核: additions and deductions of kinds the scheme marks for approval wait as PENDING until the role the
 * scheme names approves them (then they count) or rejects them with a reason (they never count). Each decision is
 * one row, written once, and audited in the same transaction.
 */
@Service
public class EntryReviewService {
  private final TenantScope scope;
  private final MemberService members;
  private final OrganizationService organizations;
  private final SchemeService schemes;
  private final RankingService rankings;
  private final AuditLog audit;

  EntryReviewService(TenantScope scope, MemberService members, OrganizationService organizations, SchemeService schemes,
      RankingService rankings, AuditLog audit) {
    this.scope = scope;
    this.members = members;
    this.organizations = organizations;
    this.schemes = schemes;
    this.rankings = rankings;
    this.audit = audit;
  }

  public enum Status { PENDING, APPROVED, REJECTED }

  public record ReviewInput(String entryId, String reason) {}

  /** Entries of a branch's year that needed approval, in one status (PENDING by default), by month and time. */
  public Mono<List<LedgerEntry>> list(CurrentUser user, String branchId, int year, Status status) {
    TenantId tenant = user.requireTenant();
    UUID branch = Ids.parse("党支部", branchId);
    Status wanted = status == null ? Status.PENDING : status;
    return scope.mono(tenant, db -> members.requireManages(db, user, branch, "只有本支部书记或乡镇管理员可以查看待审核的加减分")
        .then(db.sql(LedgerEntry.SELECT + " where e.tenant_id = :t and e.branch_id = :b and e.year = :y and e.needs_review "
                + "and e.reverses is null and coalesce(r.decision, 'PENDING') = :s order by e.month, e.recorded_at")
            .bind("t", tenant.value()).bind("b", branch).bind("y", year).bind("s", wanted.name())
            .map(LedgerEntry::read).all().collectList()));
  }

  public Mono<LedgerEntry> approve(CurrentUser user, ReviewInput in) {
    return decide(user, in, Status.APPROVED, "approveEntry");
  }

  public Mono<LedgerEntry> reject(CurrentUser user, ReviewInput in) {
    if (in.reason() == null || in.reason().isBlank()) {
      throw DomainException.badRequest("REASON_REQUIRED", "不予认定须写明理由，党员可在积分卡上看到");
    }
    return decide(user, in, Status.REJECTED, "rejectEntry");
  }

  private Mono<LedgerEntry> decide(CurrentUser user, ReviewInput in, Status decision, String action) {
    TenantId tenant = user.requireTenant();
    UUID id = Ids.parse("积分记录", in.entryId());
    String reason = in.reason() == null || in.reason().isBlank() ? null : in.reason().trim();
    return scope.mono(tenant, db -> entry(db, tenant, id).flatMap(e -> {
      if (e.review() == null || e.reverses() != null) {
        return Mono.error(DomainException.badRequest("NO_APPROVAL_NEEDED", "该记录无须审核（方案未要求该类加减分审核，或是冲销记录）"));
      }
      if (!"PENDING".equals(e.review().status())) {
        return Mono.error(DomainException.conflict("ALREADY_REVIEWED",
            "该记录已于 %s 由 %s 审核（%s）".formatted(e.review().decidedAt(), e.review().decidedBy(), e.review().status()),
            Map.of("status", e.review().status())));
      }
      return schemes.engine(tenant, db, e.schemeCode(), e.schemeVersion())
          .flatMap(engine -> requireApprover(db, user, e, engine.scheme().entryKind(e.code()).map(Scheme.EntryKind::approval)
              .orElse(Scheme.Approval.TOWNSHIP_ADMIN)))
          .then(insert(db, tenant, user, id, decision, reason))
          .then(audit.record(db, tenant, user.username(), action, id.toString(),
              reason == null ? Map.of("decision", decision.name()) : Map.of("decision", decision.name(), "reason", reason)))
          .then(organizations.find(db, tenant, e.branchId()))
          .flatMap(branch -> entry(db, tenant, id).map(updated -> Map.entry(branch, updated)));
    })).flatMap(t -> rankings.invalidate(tenant, t.getKey(), t.getValue().year(), t.getValue().month()).thenReturn(t.getValue()));
  }

  /** The role the scheme names: the branch committee (its secretary, or the township) or the township admin only. */
  private Mono<Void> requireApprover(DatabaseClient db, CurrentUser user, LedgerEntry e, Scheme.Approval approval) {
    if (approval == Scheme.Approval.TOWNSHIP_ADMIN) {
      return user.managesTownship() ? Mono.empty()
          : Mono.error(DomainException.forbidden("方案规定该类加减分由乡镇党委审核"));
    }
    return members.requireManages(db, user, e.branchId(), "方案规定该类加减分由本支部支委会审核");
  }

  private Mono<Long> insert(DatabaseClient db, TenantId tenant, CurrentUser user, UUID id, Status decision, String reason) {
    return com.jifen.shared.Sql.bind(db.sql("insert into entry_review (tenant_id, entry_id, decision, reason, decided_by) "
                + "values (:t, :id, :d, :r, :by)")
            .bind("t", tenant.value()).bind("id", id).bind("d", decision.name()).bind("by", user.username()), "r", reason, String.class)
        .fetch().rowsUpdated()
        .onErrorMap(DuplicateKeyException.class, x -> DomainException.conflict("ALREADY_REVIEWED", "该记录已被审核，请刷新", Map.of()));
  }

  private static Mono<LedgerEntry> entry(DatabaseClient db, TenantId tenant, UUID id) {
    return db.sql(LedgerEntry.SELECT + " where e.tenant_id = :t and e.entry_id = :id")
        .bind("t", tenant.value()).bind("id", id).map(LedgerEntry::read).one()
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("积分记录", id)));
  }
}
