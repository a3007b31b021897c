package com.jifen.ledger;

import com.jifen.shared.DomainException;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import io.r2dbc.postgresql.codec.Json;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keyed writes: the same key with the same input returns the first result and posts nothing; the same key
 * with another input is a CONFLICT. The key row is inserted in the same transaction as the work, so when
 * concurrent requests race, PostgreSQL's primary key lets exactly one commit; the others roll back their work
 * and replay the winner's result.
 */
@Component
public class Idempotency {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TenantScope scope;
  private final Clock clock;

  Idempotency(TenantScope scope, Clock clock) {
    this.scope = scope;
    this.clock = clock;
  }

  /** Raised inside the transaction when another request holds the key; rolls the work back. */
  private static final class KeyTaken extends RuntimeException {
    KeyTaken() {
      super(null, null, false, false);
    }
  }

  private record Stored(String operation, String hash, Map<String, Object> response) {}

  /**
   * @param work runs in the tenant transaction and returns the response to remember (ids, counts)
   * @param replay turns a remembered response into the payload (in a new transaction)
   */
  public <T> Mono<T> run(TenantId tenant, String key, String operation, String canonicalInput, String actor,
      Function<TenantTx, Mono<Map<String, Object>>> work, Function<Map<String, Object>, Mono<T>> replay) {
    if (key == null || key.length() < 8 || key.length() > 100) {
      return Mono.error(DomainException.badRequest("INVALID_IDEMPOTENCY_KEY", "幂等键须为 8 到 100 个字符 (idempotencyKey)"));
    }
    String hash = com.jifen.shared.Hashes.sha256(operation + "\n" + canonicalInput);
    Supplier<Mono<T>> fromStored = () -> scope.inTx(tenant, tx -> stored(tx, key))
        .flatMap(s -> {
          if (!s.operation().equals(operation) || !s.hash().equals(hash)) {
            return Mono.error(DomainException.conflict("IDEMPOTENCY_KEY_REUSED",
                "该幂等键已用于另一项不同的请求，请换一个键 (same key, different input)", Map.of()));
          }
          return replay.apply(s.response());
        });
    // the first look for the key and the work share one transaction: a retry costs one query, a first request no extra one
    return scope.inTx(tenant, tx -> stored(tx, key).map(s -> java.util.Optional.<Map<String, Object>>empty())
            .switchIfEmpty(Mono.defer(() -> work.apply(tx).flatMap(response -> tx.sql(
                        "insert into idempotency_key (tenant_id, key, operation, request_hash, response, actor, created_at) "
                            + "values (:t, :k, :op, :h, :r, :a, :at) on conflict do nothing")
                    .bind("at", clock.instant()).bind("t", tenant.value()).bind("k", key).bind("op", operation).bind("h", hash)
                    .bind("r", Json.of(JSON.writeValueAsString(response))).bind("a", actor)
                    .fetch().rowsUpdated()
                    .flatMap(n -> n == 1 ? Mono.just(java.util.Optional.of(response)) : Mono.error(new KeyTaken()))))))
        .flatMap(done -> done.isPresent() ? replay.apply(done.get()) : fromStored.get())
        .onErrorResume(KeyTaken.class, e -> fromStored.get());
  }

  @SuppressWarnings("unchecked")
  private static Mono<Stored> stored(TenantTx tx, String key) {
    return tx.sql("select operation, request_hash, response from idempotency_key where tenant_id = :t and key = :k")
        .bind("t", tx.tenant().value()).bind("k", key)
        .map(r -> new Stored(r.get("operation", String.class), r.get("request_hash", String.class),
            (Map<String, Object>) JSON.readValue(r.get("response", Json.class).asString(), Map.class)))
        .one();
  }
}
