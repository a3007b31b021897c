package com.jifen.audit;

import com.jifen.audit.internal.AuditRows;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantTx;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who did what, when and why: one row per Mutation field execution, written in the same transaction as the
 * change it describes. Most mutations are recorded without code of their own: a hook adds the row before a
 * mutation's tenant transaction commits. A feature calls {@link #record} when it knows more than the arguments say
 * (the id it just created, what changed); the row keeps the execution's event id, so the hook adds no second one.
 * Reading the trail is this feature's own (audit.internal).
 */
@Component
public class AuditLog {
  private final AuditRows rows;

  AuditLog(AuditRows rows) {
    this.rows = rows;
  }

  /** Records an action explicitly, with its subject and detail; {@code action} is the Mutation field name. */
  public Mono<Void> record(TenantTx tx, String actor, String action, String subject, Map<String, ?> detail) {
    return rows.record(tx.db(), tx.tenant(), actor, action, subject, detail);
  }

  /**
   * {@link #record(TenantTx, String, String, String, Map)} for operations, whose platform transactions (not one
   * township's, so without a TenantTx) name the township they act on.
   */
  public Mono<Void> record(
      DatabaseClient db, TenantId tenant, String actor, String action, String subject, Map<String, ?> detail) {
    return rows.record(db, tenant, actor, action, subject, detail);
  }
}
