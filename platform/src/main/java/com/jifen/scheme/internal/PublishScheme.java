package com.jifen.scheme.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.scheme.SchemeService.SchemeVersion;
import com.jifen.scheme.config.SchemeLoader;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.DomainException;
import com.jifen.shared.Hashes;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Publishing a scheme: a published version never changes (the service's role may only insert); editing publishes
 * the next version.
 */
@Component
public class PublishScheme {
  private final TenantScope scope;
  private final SchemeEngines engines;
  private final Clock clock;

  PublishScheme(TenantScope scope, SchemeEngines engines, Clock clock) {
    this.scope = scope;
    this.engines = engines;
    this.clock = clock;
  }

  Mono<SchemeVersion> publish(CurrentUser user, String yaml, String note) {
    user.requireTownshipManager();
    return publish(user.requireTenant(), user.username(), yaml, note);
  }

  /** Publishes a version; the same text as the latest version returns that version (a retry publishes nothing). */
  public Mono<SchemeVersion> publish(TenantId tenant, String actor, String yaml, String note) {
    Scheme scheme = SchemeLoader.load("schemes/draft.yaml", yaml);
    String checksum = Hashes.sha256(yaml);
    return scope.inTx(tenant, tx -> SchemeQueries.latest(tx, scheme.code()).map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(latest -> {
          if (latest.isPresent() && latest.get().checksum().equals(checksum)) {
            return Mono.just(latest.get());
          }
          int next = latest.map(v -> v.version() + 1).orElse(1);
          return SchemeQueries.publish(tx, scheme, next, yaml, checksum, actor, note, clock.instant())
              .then(engines.version(tx, scheme.code(), next));
        }))
        .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict(
            "CONCURRENT_PUBLISH", "另一位管理员刚刚发布了该方案的新版本，请刷新后重试", Map.of()));
  }
}
