package com.jifen.tenancy;

import com.jifen.shared.TenantId;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs work in a transaction whose first statement sets the tenant for row-level security.
 * {@code set_config(…, true)} is transaction-local, so a pooled connection never carries a tenant into the
 * next request; {@code SET} cannot take a bind parameter and {@code SET LOCAL} outside a transaction does
 * nothing (two bugs seen in public examples).
 */
@Component
public class TenantScope {
  private final DatabaseClient db;
  private final TransactionalOperator tx;

  public TenantScope(DatabaseClient db, TransactionalOperator tx) {
    this.db = db;
    this.tx = tx;
  }

  public <T> Mono<T> mono(TenantId tenant, Function<DatabaseClient, Mono<T>> work) {
    return tx.transactional(setTenant(tenant).then(Mono.defer(() -> work.apply(db))));
  }

  public <T> Flux<T> flux(TenantId tenant, Function<DatabaseClient, Flux<T>> work) {
    return tx.transactional(setTenant(tenant).thenMany(Flux.defer(() -> work.apply(db))));
  }

  private Mono<Void> setTenant(TenantId tenant) {
    return db.sql("select set_config('app.tenant_id', :tenant, true)")
        .bind("tenant", tenant.value())
        .fetch()
        .first()
        .then();
  }
}
