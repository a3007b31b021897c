package com.jifen.tenancy;

import com.jifen.shared.TenantId;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Work a feature adds at the end of every tenant transaction, before it commits, so that it commits or rolls
 * back with the change (the audit trail writes its row here). Tenancy knows nothing of the features that add it.
 */
public interface TransactionHook {
  Mono<Void> beforeCommit(DatabaseClient db, TenantId tenant);
}
