package com.jifen.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.jifen.shared.TenantId;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Values that reads need from a township, kept in this process (Caffeine) so a read does not open a PostgreSQL
 * transaction for them. Forgotten township by township, never by age alone:
 * <ul>
 *   <li>triggers on the tables the values come from send {@code pg_notify(channel, tenant)} at commit, whatever wrote
 *   them; every instance listens on a connection of its own;</li>
 *   <li>this instance also forgets the caller's township as each GraphQL mutation completes, before its answer is
 *   sent ({@link DirectoryMutations}), so the writer's next read never waits for the notification.</li>
 * </ul>
 * While the listening connection is down (PostgreSQL restarted) notifications may be missed: the cache is then
 * emptied and bypassed until it listens again. A value read from PostgreSQL is kept only if its township was not
 * forgotten meanwhile (a generation per township), so a read that raced a write never stores the old value.
 */
public class TownshipCache implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(TownshipCache.class);

  private final ConnectionFactory connections;
  private final String channel;
  private final ConcurrentHashMap<String, Township> townships = new ConcurrentHashMap<>();
  private volatile boolean live;
  private volatile Disposable listening;

  /** One township's entries and its generation (bumped each time it is forgotten). */
  private static final class Township {
    final AtomicLong generation = new AtomicLong();
    final Cache<Object, Object> entries = Caffeine.newBuilder().maximumSize(20_000)
        // a safety net only: every change is forgotten by notification long before this
        .expireAfterWrite(Duration.ofHours(1)).build();
  }

  /** @param channel the PostgreSQL notification channel whose payload names the township whose values changed */
  protected TownshipCache(ConnectionFactory connections, String channel) {
    this.connections = connections;
    this.channel = channel;
  }

  /** The generation to pass to {@link #put}: read it before reading PostgreSQL. */
  public long generation(TenantId tenant) {
    return generation(tenant.value());
  }

  /**
   * The generation of any key notified on this cache's channel (a subclass may notify keys that are not townships,
   * such as a county's own rows); bumped like a township's.
   */
  protected long generation(String key) {
    return townships.computeIfAbsent(key, k -> new Township()).generation.get();
  }

  /** The cached value, or null when absent or while notifications may be missed. */
  @SuppressWarnings("unchecked")
  public <T> T get(TenantId tenant, Object key) {
    return live ? (T) township(tenant).entries.getIfPresent(key) : null;
  }

  /** Keeps a value read from PostgreSQL, unless the township was forgotten since {@code generation} was read. */
  public void put(TenantId tenant, long generation, Object key, Object value) {
    Township t = township(tenant);
    if (live && value != null && t.generation.get() == generation) {
      t.entries.put(key, value);
      if (t.generation.get() != generation) {
        t.entries.invalidate(key); // forgotten while it was being stored
      }
    }
  }

  /**
   * A cached value, or the loader's (in a tenant transaction of its own) kept for the next read. The loader's
   * empty result is not cached. Reads that miss the same key while it is being loaded wait for that one load
   * instead of each starting their own: on publication day a township's members open the same board at once, and
   * with Redis down a board is a whole township's aggregate.
   */
  public <T> Mono<T> get(TenantId tenant, Object key, Mono<T> loader) {
    T cached = get(tenant, key);
    if (cached != null) {
      return Mono.just(cached);
    }
    return Mono.defer(() -> {
      // a load begun before the township was last forgotten may hold what a write has since changed: a read after
      // that write (the writer's own next read) starts a load of its own rather than join it
      long generation = generation(tenant);
      LoadKey id = new LoadKey(tenant, key, generation);
      @SuppressWarnings("unchecked")
      Mono<T> shared = (Mono<T>) loading.computeIfAbsent(id, k -> {
        // cache(): whoever joins before the load ends gets its value (or its error). It leaves the map with its
        // first signal, before anyone receives it, so a miss after that loads afresh.
        AtomicReference<Mono<?>> self = new AtomicReference<>();
        Mono<T> load = loader.doOnNext(v -> put(tenant, generation, key, v))
            .doOnEach(signal -> loading.remove(k, self.get())).cache();
        self.set(load);
        return load;
      });
      return shared;
    });
  }

  private record LoadKey(TenantId tenant, Object key, long generation) {}

  /** Loads under way, by township and key. */
  private final ConcurrentHashMap<LoadKey, Mono<?>> loading = new ConcurrentHashMap<>();

  public void forget(TenantId tenant) {
    forget(tenant.value());
  }

  /** Every township: after a write whose township is not the caller's (the platform operator's). */
  public void forgetAll() {
    townships.values().forEach(t -> {
      t.generation.incrementAndGet();
      t.entries.invalidateAll();
    });
  }

  private void forget(String tenant) {
    Township t = townships.get(tenant);
    if (t != null) {
      t.generation.incrementAndGet();
      t.entries.invalidateAll();
    }
  }

  private Township township(TenantId tenant) {
    return townships.computeIfAbsent(tenant.value(), k -> new Township());
  }

  /** Whether values are being served (for tests and health). */
  public boolean live() {
    return live;
  }

  // ---------------------------------------------------------------- listening

  @Override
  public void start() {
    ConnectionFactory factory = connections;
    while (!(factory instanceof io.r2dbc.postgresql.PostgresqlConnectionFactory) && factory instanceof Wrapped<?> w
        && w.unwrap() instanceof ConnectionFactory inner) {
      factory = inner;
    }
    if (!(factory instanceof io.r2dbc.postgresql.PostgresqlConnectionFactory postgres)) {
      log.warn("{} cache off: no PostgreSQL connection factory to listen on", channel);
      return;
    }
    listening = Mono.usingWhen(postgres.create(), c -> listen(c), PostgresqlConnection::close)
        .then(Mono.<Void>error(new IllegalStateException("notification stream ended")))
        .doOnError(e -> {
          if (live) {
            log.warn("{} cache bypassed until PostgreSQL notifications resume: {}", channel, e.toString());
          }
          live = false;
          forgetAll();
        })
        .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
        .subscribe(v -> { }, e -> log.error("{} cache listener stopped: {}", channel, e.toString()));
  }

  private Mono<Void> listen(PostgresqlConnection c) {
    // the notification stream first (it drops what arrives before a subscriber), then LISTEN; anything written
    // before LISTEN took effect is forgotten once it has
    return Mono.when(
        c.getNotifications().doOnNext(n -> {
          if (n.getParameter() != null) {
            forget(n.getParameter());
          }
        }),
        c.createStatement("LISTEN " + channel).execute().flatMap(r -> r.getRowsUpdated()).then(Mono.fromRunnable(() -> {
          forgetAll();
          live = true;
        })));
  }

  @Override
  public void stop() {
    live = false;
    Disposable d = listening;
    if (d != null) {
      d.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    return listening != null && !listening.isDisposed();
  }
}
