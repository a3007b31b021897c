package com.jifen.tenancy;

import com.jifen.shared.DomainException;
import com.jifen.shared.ErrorKind;
import com.jifen.shared.TenantId;
import java.util.List;
import java.util.Optional;
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
  private final List<TransactionHook> hooks;

  public TenantScope(DatabaseClient db, TransactionalOperator tx, List<TransactionHook> hooks) {
    this.db = db;
    this.tx = tx;
    this.hooks = List.copyOf(hooks);
  }

  /** Work in one township's transaction, handed a {@link TenantTx} that carries the township. */
  public <T> Mono<T> inTx(TenantId tenant, Function<TenantTx, Mono<T>> work) {
    return tx.transactional(setTenant(tenant)
        .then(Mono.defer(() -> work.apply(new TenantTx(db, tenant))))
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(result -> beforeCommit(tenant).then(Mono.justOrEmpty(result))));
  }

  /** {@link #inTx} for many results. */
  public <T> Flux<T> inTxMany(TenantId tenant, Function<TenantTx, Flux<T>> work) {
    return tx.transactional(setTenant(tenant)
        .thenMany(Flux.defer(() -> work.apply(new TenantTx(db, tenant))))
        .concatWith(Mono.defer(() -> beforeCommit(tenant)).then(Mono.empty())));
  }

  /**
   * Work in a county's transaction, for its reviewers: the same transaction-local setting as a township's, with
   * {@code app.county_id} instead of the tenant, so row-level security admits the county's own rows (review settings,
   * county audit) and the directory of its townships, and no township's data. Figures about a township are read in
   * that township's own transaction ({@link #inTx}).
   */
  public <T> Mono<T> inCounty(String county, Function<DatabaseClient, Mono<T>> work) {
    return tx.transactional(setCounty(county).then(Mono.defer(() -> work.apply(db))));
  }

  /**
   * A read across every township, for the platform operator: read-only, and only tables whose policy admits
   * {@code app_operator()} (the audit trail) show rows; every other table still sees none.
   */
  public <T> Flux<T> platformRead(Function<DatabaseClient, Flux<T>> work) {
    return tx.transactional(db.sql("set transaction read only").then()
        .then(db.sql("select set_config('app.operator', 'on', true)").fetch().first())
        .thenMany(Flux.defer(() -> work.apply(db))));
  }

  private Mono<Void> setCounty(String county) {
    return db.sql("select set_config('app.county_id', :county, true)").bind("county", county).fetch().first().then();
  }

  private Mono<Void> beforeCommit(TenantId tenant) {
    return Flux.fromIterable(hooks).concatMap(h -> h.beforeCommit(db, tenant)).then();
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
