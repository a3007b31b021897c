package com.jifen.tenancy;

import com.jifen.shared.TenantId;
import java.util.Objects;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * An open transaction of one township: the tenant is already set for row-level security and the audit hook runs
 * before it commits. Only {@link TenantScope} makes one, so a method that takes a {@code TenantTx} cannot be called
 * outside a tenant transaction, and it needs no second parameter saying which township it works for.
 */
public final class TenantTx {
  private final DatabaseClient db;
  private final TenantId tenant;

  TenantTx(DatabaseClient db, TenantId tenant) {
    this.db = Objects.requireNonNull(db);
    this.tenant = Objects.requireNonNull(tenant);
  }

  public TenantId tenant() {
    return tenant;
  }

  /** A statement in this transaction; row-level security limits it to {@link #tenant()}. */
  public DatabaseClient.GenericExecuteSpec sql(String sql) {
    return db.sql(sql);
  }

  /** For code written against {@link DatabaseClient} (bulk inserts, shared helpers): the same transaction. */
  public DatabaseClient db() {
    return db;
  }
}
