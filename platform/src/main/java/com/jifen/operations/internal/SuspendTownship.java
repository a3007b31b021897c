package com.jifen.operations.internal;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.identity.Role;
import com.jifen.shared.DomainException;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.PlatformDatabase;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 暂停 / 恢复: a suspended township's users and clients are refused at the tenant door (TenantScope, TOWNSHIP_SUSPENDED);
 * nothing is deleted, and resuming lets them in again.
 */
@Service
public class SuspendTownship {
  private final PlatformDatabase platform;
  private final AuditLog audit;
  private final Clock clock;

  SuspendTownship(PlatformDatabase platform, AuditLog audit, Clock clock) {
    this.platform = platform;
    this.audit = audit;
    this.clock = clock;
  }

  public Mono<OperationsQueries.TownshipRow> suspend(CurrentUser operator, String code, String reason) {
    if (reason == null || reason.isBlank()) {
      throw DomainException.badRequest("REASON_REQUIRED", "请写明暂停原因（如欠费、合同到期）");
    }
    return change(operator, code, "SUSPENDED", "suspendTownship", Map.of("reason", reason.trim()));
  }

  public Mono<OperationsQueries.TownshipRow> resume(CurrentUser operator, String code) {
    return change(operator, code, "ACTIVE", "resumeTownship", Map.of());
  }

  private Mono<OperationsQueries.TownshipRow> change(CurrentUser operator, String code, String status, String action, Map<String, ?> detail) {
    operator.require(Role.PLATFORM_ADMIN);
    return platform.mono(db -> OperationsQueries.township(db, code)
        .switchIfEmpty(Mono.error(DomainException.notFound("乡镇", code)))
        .flatMap(t -> OperationsQueries.setStatus(db, code, status, clock.instant()))
        .then(audit.record(db, new TenantId(code), operator.username(), action, code, detail))
        .then(OperationsQueries.township(db, code)));
  }
}
