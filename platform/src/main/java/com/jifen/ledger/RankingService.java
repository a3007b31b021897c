package com.jifen.ledger;

import com.jifen.ledger.internal.RankingBoard;
import com.jifen.ledger.internal.RedisOutage;
import com.jifen.organization.Organization;
import com.jifen.shared.BranchId;
import com.jifen.shared.RedisKeys;
import com.jifen.shared.TenantId;
import java.time.Duration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Running rankings are Redis sorted sets ({@link RedisKeys#ranking}, the tenant in a hash tag so one township's sets
 * share a Redis Cluster slot). PostgreSQL is the truth: a write deletes the sets it touches (here) and a read rebuilds
 * a missing set from the ledger (internal.Rankings), so a set is never half-updated.
 */
@Service
public class RankingService {
  private final ReactiveStringRedisTemplate redis;
  private final RedisOutage outage;

  RankingService(ReactiveStringRedisTemplate redis, RedisOutage outage) {
    this.redis = redis;
    this.outage = outage;
  }

  /** Every set a write to (branch, month) can change: 3 periods × (branch, each ancestor subtree, township). */
  public Mono<Void> invalidate(TenantId tenant, Organization branch, int year, int month) {
    return invalidate(tenant, branch.branchId(), branch.path(), year, month);
  }

  public Mono<Void> invalidate(TenantId tenant, BranchId branchId, String branchPath, int year, int month) {
    var keys = RankingBoard.keysChangedBy(tenant, branchId, branchPath, year, month);
    Mono<Void> delete = redis.delete(keys.toArray(String[]::new)).timeout(RedisOutage.REDIS_TIMEOUT).then()
        .onErrorResume(e -> {
          // Redis is down: its sets may be stale when it returns; the TTL bounds how long
          outage.warnOncePerMinute("ranking invalidation skipped, Redis unavailable: " + e);
          return Mono.empty();
        });
    // a rebuild that read PostgreSQL just before this write committed may land after the first delete; the
    // second delete, a moment later, removes such a set
    delete.delaySubscription(Duration.ofSeconds(1)).subscribe();
    return delete;
  }

  /**
   * Every set of a township: after its ledger was written in bulk (demo data) or the township was deleted. The hash
   * tag keeps them in one Redis Cluster slot, so one SCAN pattern finds them.
   */
  public Mono<Void> invalidateTownship(TenantId tenant) {
    return redis.scan(ScanOptions.scanOptions().match(RedisKeys.rankingPattern(tenant)).count(1000).build())
        .buffer(500)
        .concatMap(keys -> redis.delete(keys.toArray(String[]::new)))
        .then()
        .timeout(Duration.ofSeconds(10))
        .onErrorResume(e -> {
          outage.warnOncePerMinute("township rankings not cleared, Redis unavailable (they expire within two days): " + e);
          return Mono.empty();
        });
  }
}
