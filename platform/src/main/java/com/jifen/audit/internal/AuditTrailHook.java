package com.jifen.audit.internal;

import com.jifen.shared.TenantId;
import com.jifen.tenancy.TransactionHook;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Every tenant transaction of a mutation that wrote something ends with the mutation's audit row. */
@Component
class AuditTrailHook implements TransactionHook {
  private final AuditRows audit;

  AuditTrailHook(AuditRows audit) {
    this.audit = audit;
  }

  @Override
  public Mono<Void> beforeCommit(DatabaseClient db, TenantId tenant) {
    return audit.recordIfWritten(db, tenant);
  }
}
