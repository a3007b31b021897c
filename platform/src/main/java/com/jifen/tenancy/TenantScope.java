package com.jifen.tenancy;

import com.jifen.shared.DomainException;
import com.jifen.shared.ErrorKind;
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

  /**
   * Sets the tenant and, in the same round trip, reads its status (enter_tenant): a suspended township is refused
   * here, the one door every township request passes, whatever the feature.
   */
  private Mono<Void> setTenant(TenantId tenant) {
    return db.sql("select enter_tenant(:tenant) as status")
        .bind("tenant", tenant.value())
        .map(r -> java.util.Optional.ofNullable(r.get("status", String.class)))
        .one()
        .flatMap(status -> "SUSPENDED".equals(status.orElse(null))
            ? Mono.error(new DomainException(ErrorKind.FORBIDDEN, "TOWNSHIP_SUSPENDED",
                "本乡镇已被平台暂停使用，数据均已保留；请联系平台运维恢复 (township suspended by the platform operator)"))
            : Mono.<Void>empty());
  }
}
