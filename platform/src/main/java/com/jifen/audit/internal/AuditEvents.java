package com.jifen.audit.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.identity.Role;
import com.jifen.shared.DomainException;
import com.jifen.shared.Page;
import com.jifen.tenancy.TenantScope;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Reading the audit trail: a township admin reads the own township's (row-level security keeps it there), the
 * platform operator every township's, through a read-only transaction that only the audit table's policy admits.
 */
@Service
class AuditEvents {
  private final TenantScope scope;

  AuditEvents(TenantScope scope) {
    this.scope = scope;
  }

  Mono<Window<AuditEvent>> events(CurrentUser user, AuditEventQueries.Filter filter, Page.Request page) {
    AuditEventQueries.Filter f = filter == null ? AuditEventQueries.Filter.NONE : filter;
    // one query for both readers: the operator's read is no township's transaction, so page takes a DatabaseClient
    var rows = user.has(Role.PLATFORM_ADMIN)
        ? scope.platformRead(db -> AuditEventQueries.newestFirst(db, f, page))
        : townshipAdmin(user).flatMapMany(u -> scope.inTxMany(u.requireTenant(), tx -> AuditEventQueries.newestFirst(tx.db(), f, page)));
    return rows.collectList().map(list -> Page.window(list, page.limit(), AuditEventQueries::cursor));
  }

  private static Mono<CurrentUser> townshipAdmin(CurrentUser user) {
    if (!user.has(Role.TENANT_ADMIN)) {
      return Mono.error(DomainException.forbidden("只有乡镇党委组织委员和平台运维可以查看审计日志 (township admins and the operator only)"));
    }
    return Mono.just(user);
  }
}
