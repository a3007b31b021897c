package com.jifen.organization;

import static com.jifen.organization.MemberService.blankToNull;
import static com.jifen.organization.MemberService.rejectProblems;
import static com.jifen.organization.MemberService.trim;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.Sql;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The changes township admins make to the roster: add a member, edit, transfer to another branch, exempt from
 * scoring, mark as left. Each checks the member rules and the record's version and is audited in its own transaction.
 */
@Service
class MemberChanges {
  private final TenantScope scope;
  private final MemberService members;
  private final OrganizationService organizations;
  private final AuditLog audit;
  private final Clock clock;

  MemberChanges(TenantScope scope, MemberService members, OrganizationService organizations, AuditLog audit, Clock clock) {
    this.scope = scope;
    this.members = members;
    this.organizations = organizations;
    this.audit = audit;
    this.clock = clock;
  }

  record CreateMemberInput(
      String code, String name, Gender gender, MemberCategory category, VillageType villageType,
      String branchId, LocalDate joinDate, String phone, String account) {}

  record UpdateMemberInput(
      String id, Integer version, String name, Gender gender, MemberCategory category, VillageType villageType,
      LocalDate joinDate, String phone, String account) {}

  record TransferMemberInput(String id, Integer version, String branchId, String reason) {}

  record SetMemberExemptInput(String id, Integer version, Boolean exempt, String reason) {}

  record MarkMemberLeftInput(String id, Integer version, LocalDate leftOn, String reason) {}

  Mono<Member> create(CurrentUser user, CreateMemberInput in) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    UUID branchId = Ids.parse("党支部", in.branchId());
    return scope.inTx(tenant, tx -> organizations.find(tx, branchId).flatMap(branch -> {
      var draft = new MemberRules.Draft(trim(in.code()), trim(in.name()), in.gender(), in.category(), in.villageType(),
          branch, in.joinDate(), trim(in.phone()));
      rejectProblems(MemberRules.check(draft, LocalDate.now(clock)));
      UUID id = Ids.newId();
      return members.insert(tx, List.of(new MemberService.NewMember(id, draft, trim(in.account()), null)))
          .then(audit.record(tx, user.username(), "createMember", id.toString(), Map.of("code", draft.code(), "name", draft.name())))
          .then(members.find(tx, id));
    }));
  }

  Mono<Member> update(CurrentUser user, UpdateMemberInput in) {
    return change(user, in.id(), in.version(), "updateMember", (tx, m) -> {
      var draft = new MemberRules.Draft(m.code(), in.name() == null ? m.name() : trim(in.name()),
          in.gender() == null ? m.gender() : in.gender(), in.category() == null ? m.category() : in.category(),
          in.villageType() == null ? (in.category() != null && !in.category().typed() ? null : m.villageType()) : in.villageType(),
          null, in.joinDate() == null ? m.joinDate() : in.joinDate(), in.phone() == null ? m.phone() : trim(in.phone()));
      return organizations.find(tx, m.branchId()).flatMap(branch -> {
        var withBranch = new MemberRules.Draft(draft.code(), draft.name(), draft.gender(), draft.category(),
            draft.villageType(), branch, draft.joinDate(), draft.phone());
        rejectProblems(MemberRules.check(withBranch, LocalDate.now(clock)));
        var spec = tx.sql("update member set name = :name, gender = :gender, category = :category, village_type = :vt, "
            + "join_date = :joinDate, phone = :phone, account = :account, version = version + 1, updated_at = now() "
            + "where tenant_id = :tenant and member_id = :id and version = :version")
            .bind("name", withBranch.name()).bind("gender", withBranch.gender().name())
            .bind("category", withBranch.category().name());
        spec = Sql.bind(spec, "vt", Sql.name(withBranch.villageType()), String.class);
        spec = Sql.bind(spec, "joinDate", withBranch.joinDate(), LocalDate.class);
        spec = Sql.bind(spec, "phone", blankToNull(withBranch.phone()), String.class);
        spec = Sql.bind(spec, "account", in.account() == null ? m.account() : blankToNull(trim(in.account())), String.class);
        return spec.bind("tenant", m.tenantId().value()).bind("id", m.id()).bind("version", m.version())
            .fetch().rowsUpdated().thenReturn(Map.<String, Object>of("name", m.name()));
      });
    });
  }

  Mono<Member> transfer(CurrentUser user, TransferMemberInput in) {
    requireReason(in.reason(), "组织关系转接须填写原因");
    UUID target = Ids.parse("党支部", in.branchId());
    return change(user, in.id(), in.version(), "transferMember", (tx, m) -> {
      if (m.status() != Member.MemberStatus.ACTIVE) {
        return Mono.error(DomainException.badRequest("MEMBER_LEFT", "该党员已离开，不能转接"));
      }
      return organizations.find(tx, target).flatMap(branch -> {
        if (branch.kind() != OrganizationKind.BRANCH) {
          return Mono.error(DomainException.badRequest("NOT_A_BRANCH", "党员只能转入党支部，“%s”是%s".formatted(branch.name(), branch.kind().chinese())));
        }
        if (branch.id().equals(m.branchId())) {
          return Mono.error(DomainException.badRequest("SAME_BRANCH", "该党员已在“%s”".formatted(branch.name())));
        }
        return tx.sql("update member set branch_id = :branch, version = version + 1, updated_at = now() "
                + "where tenant_id = :tenant and member_id = :id and version = :version")
            .bind("branch", target).bind("tenant", m.tenantId().value()).bind("id", m.id()).bind("version", m.version())
            .fetch().rowsUpdated()
            .thenReturn(Map.<String, Object>of("from", m.branchId().toString(), "to", target.toString(), "reason", in.reason()));
      });
    });
  }

  Mono<Member> setExempt(CurrentUser user, SetMemberExemptInput in) {
    boolean exempt = Boolean.TRUE.equals(in.exempt());
    if (exempt) {
      requireReason(in.reason(), "不列入积分管理须填写原因（如年老体弱、长期患病）");
    }
    return change(user, in.id(), in.version(), "setMemberExempt", (tx, m) -> {
      var spec = tx.sql("update member set exempt = :exempt, exempt_reason = :reason, version = version + 1, updated_at = now() "
              + "where tenant_id = :tenant and member_id = :id and version = :version")
          .bind("exempt", exempt);
      spec = Sql.bind(spec, "reason", exempt ? in.reason().trim() : null, String.class);
      return spec.bind("tenant", m.tenantId().value()).bind("id", m.id()).bind("version", m.version())
          .fetch().rowsUpdated()
          .thenReturn(Map.<String, Object>of("exempt", exempt, "reason", in.reason() == null ? "" : in.reason()));
    });
  }

  Mono<Member> markLeft(CurrentUser user, MarkMemberLeftInput in) {
    requireReason(in.reason(), "须填写离开原因（如转出、去世、除名）");
    if (in.leftOn() == null || in.leftOn().isAfter(LocalDate.now(clock))) {
      throw DomainException.badRequest("INVALID_DATE", "离开日期不能为空，也不能晚于今天");
    }
    return change(user, in.id(), in.version(), "markMemberLeft", (tx, m) -> {
      if (m.status() == Member.MemberStatus.LEFT) {
        return Mono.error(DomainException.badRequest("ALREADY_LEFT", "该党员已标记为离开"));
      }
      return tx.sql("update member set status = 'LEFT', left_on = :leftOn, left_reason = :reason, version = version + 1, "
              + "updated_at = now() where tenant_id = :tenant and member_id = :id and version = :version")
          .bind("leftOn", in.leftOn()).bind("reason", in.reason().trim())
          .bind("tenant", m.tenantId().value()).bind("id", m.id()).bind("version", m.version())
          .fetch().rowsUpdated()
          .thenReturn(Map.<String, Object>of("leftOn", in.leftOn().toString(), "reason", in.reason()));
    });
  }

  /**
   * The shared shape of every change: admin only, optimistic version (a stale version is a CONFLICT carrying
   * the current one, so no update is lost), audit in the same transaction, the fresh record returned.
   */
  private Mono<Member> change(CurrentUser user, String id, Integer version, String action,
      BiFunction<TenantTx, Member, Mono<Map<String, Object>>> work) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    UUID memberId = Ids.parse("党员", id);
    return scope.inTx(tenant, tx -> members.find(tx, memberId).flatMap(m -> {
      if (version == null || m.version() != version) {
        return Mono.error(DomainException.conflict("STALE_VERSION",
            "该党员信息已被他人修改，请刷新后重试 (current version %d)".formatted(m.version()),
            Map.of("currentVersion", m.version())));
      }
      return work.apply(tx, m)
          .flatMap(detail -> audit.record(tx, user.username(), action, memberId.toString(), detail))
          .then(members.find(tx, memberId));
    }));
  }

  private static void requireReason(String reason, String message) {
    if (reason == null || reason.isBlank()) {
      throw DomainException.badRequest("REASON_REQUIRED", message);
    }
  }
}
