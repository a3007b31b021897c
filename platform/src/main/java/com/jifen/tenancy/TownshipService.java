package com.jifen.tenancy;

import com.jifen.shared.TenantId;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

@Service
public class TownshipService {
  private final TenantScope scope;
  private final PlatformDatabase platform;
  private final Clock clock;

  TownshipService(TenantScope scope, PlatformDatabase platform, Clock clock) {
    this.scope = scope;
    this.platform = platform;
    this.clock = clock;
  }

  public Mono<Township> get(TenantId tenant) {
    return scope.inTx(tenant, this::get);
  }

  /** {@link #get(TenantId)} inside the caller's tenant transaction. */
  public Mono<Township> get(TenantTx tx) {
    return tx.sql("select tenant_id, name, county_id, ranking_visibility from tenant where tenant_id = :t")
        .bind("t", tx.tenant().value())
        .map(r -> new Township(r.get("tenant_id", String.class), r.get("name", String.class),
            r.get("county_id", String.class), r.get("ranking_visibility", String.class)))
        .one();
  }

  public Mono<Township> update(com.jifen.identity.CurrentUser user, String rankingVisibility) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    if (rankingVisibility == null) {
      return get(tenant);
    }
    return scope.inTx(tenant, tx -> tx.sql("update tenant set ranking_visibility = :v where tenant_id = :t")
        .bind("v", rankingVisibility).bind("t", tenant.value()).fetch().rowsUpdated()).then(get(tenant));
  }

  /**
   * Provisions a township (demo data, tests; operators onboard through OnboardTownship): the county row first, then
   * the tenant, as the platform role: the service's own role may not create either.
   */
  public Mono<Void> provision(TenantId tenant, String name, String county, String countyName) {
    Instant at = clock.instant();
    return platform.mono(db -> db.sql("insert into county (county_id, name, created_at) values (:c, :n, :at) on conflict do nothing")
        .bind("c", county).bind("n", countyName).bind("at", at).then()
        .then(db.sql("insert into tenant (tenant_id, county_id, name, created_at) values (:t, :c, :n, :at) on conflict do nothing")
            .bind("t", tenant.value()).bind("c", county).bind("n", name).bind("at", at).then()));
  }
}
