package com.jifen.operations.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The SQL of platform operations, run as the platform role (PlatformDatabase): onboarding, counties, a township's
 * county and status. The archive's SQL is ArchiveQueries'; the overview's, which spans townships, OverviewQueries'.
 */
final class OperationsQueries {
  private OperationsQueries() {}

  record Onboarding(String key, String tenant, String requestHash, String state, String adminUsername, String clientId) {}

  record TownshipRow(String code, String name, String county, String countyName, String status, List<String> categories,
      Instant statusChangedAt) {}

  static Mono<Onboarding> onboarding(DatabaseClient db, String key) {
    return db.sql("select * from onboarding where idempotency_key = :k for update").bind("k", key)
        .map(r -> new Onboarding(r.get("idempotency_key", String.class), r.get("township_code", String.class),
            r.get("request_hash", String.class), r.get("state", String.class), r.get("admin_username", String.class),
            r.get("client_id", String.class)))
        .one();
  }

  static Mono<Long> startOnboarding(DatabaseClient db, String key, String tenant, String hash, String admin, String client, String by,
      Instant requestedAt) {
    return db.sql("insert into onboarding (idempotency_key, township_code, request_hash, admin_username, client_id, requested_by, "
            + "requested_at) values (:k, :t, :h, :a, :c, :by, :at)")
        .bind("at", requestedAt).bind("k", key).bind("t", tenant).bind("h", hash).bind("a", admin).bind("c", client).bind("by", by).fetch().rowsUpdated();
  }

  static Mono<Long> forgetOnboarding(DatabaseClient db, String key) {
    return db.sql("delete from onboarding where idempotency_key = :k and state = 'PENDING'").bind("k", key).fetch().rowsUpdated();
  }

  static Mono<Long> finishOnboarding(DatabaseClient db, String key, Instant doneAt) {
    return db.sql("update onboarding set state = 'DONE', done_at = :at where idempotency_key = :k").bind("k", key).bind("at", doneAt)
        .fetch().rowsUpdated();
  }

  static Mono<Boolean> countyExists(DatabaseClient db, String county) {
    return db.sql("select exists (select 1 from county where county_id = :c) as found").bind("c", county)
        .map(r -> Boolean.TRUE.equals(r.get("found", Boolean.class))).one();
  }

  static Mono<Boolean> townshipExists(DatabaseClient db, String tenant) {
    return db.sql("select exists (select 1 from tenant where tenant_id = :t) as found").bind("t", tenant)
        .map(r -> Boolean.TRUE.equals(r.get("found", Boolean.class))).one();
  }

  static Mono<Long> insertTownship(DatabaseClient db, String tenant, String name, String county, String[] categories,
      Instant createdAt) {
    return db.sql("insert into tenant (tenant_id, county_id, name, categories, status, status_changed_at, created_at) "
            + "values (:t, :c, :n, :cat, 'ACTIVE', :at, :at)")
        .bind("at", createdAt).bind("t", tenant).bind("c", county).bind("n", name).bind("cat", categories).fetch().rowsUpdated();
  }

  static Mono<Long> insertCounty(DatabaseClient db, String county, String name, Instant createdAt) {
    return db.sql("insert into county (county_id, name, created_at) values (:c, :n, :at) on conflict do nothing").bind("c", county)
        .bind("n", name).bind("at", createdAt).fetch().rowsUpdated();
  }

  static Mono<Long> setCounty(DatabaseClient db, String tenant, String county) {
    return db.sql("update tenant set county_id = :c where tenant_id = :t").bind("t", tenant).bind("c", county).fetch().rowsUpdated();
  }

  static Mono<Long> setStatus(DatabaseClient db, String tenant, String status, Instant changedAt) {
    return db.sql("update tenant set status = :s, status_changed_at = :at where tenant_id = :t and status <> :s")
        .bind("t", tenant).bind("s", status).bind("at", changedAt).fetch().rowsUpdated();
  }

  static Mono<TownshipRow> township(DatabaseClient db, String tenant) {
    return db.sql("select t.*, c.name as county_name from tenant t join county c on c.county_id = t.county_id where t.tenant_id = :t")
        .bind("t", tenant).map(OperationsQueries::read).one();
  }

  private static TownshipRow read(io.r2dbc.spi.Readable r) {
    String[] categories = r.get("categories", String[].class);
    OffsetDateTime changed = r.get("status_changed_at", OffsetDateTime.class);
    return new TownshipRow(r.get("tenant_id", String.class), r.get("name", String.class), r.get("county_id", String.class),
        r.get("county_name", String.class), r.get("status", String.class), categories == null ? List.of() : List.of(categories),
        changed == null ? null : changed.toInstant());
  }

}
