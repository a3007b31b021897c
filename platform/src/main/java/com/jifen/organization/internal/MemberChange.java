package com.jifen.organization.internal;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.shared.DomainException;
import com.jifen.shared.MemberId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.util.Map;
import java.util.function.BiFunction;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The shared shape of every change township admins make to a member: admin only, optimistic version (a stale version
 * is a CONFLICT carrying the current one, so no update is lost), audit in the same transaction, the fresh record returned.
 */
@Component
class MemberChange {
  private final TenantScope scope;
  private final ReadMembers members;
  private final AuditLog audit;

  MemberChange(TenantScope scope, ReadMembers members, AuditLog audit) {
    this.scope = scope;
    this.members = members;
    this.audit = audit;
  }

  /** Runs {@code work} on the member at {@code version}; its answer is the audit detail of {@code action}. */
  Mono<Member> apply(CurrentUser user, String id, Integer version, String action,
      BiFunction<TenantTx, Member, Mono<Map<String, Object>>> work) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    MemberId memberId = MemberId.parse(id);
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
}
