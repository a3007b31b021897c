package com.jifen.scheme.internal;

import com.jifen.scheme.SchemeService.Pinned;
import com.jifen.scheme.SchemeService.SchemeVersion;
import com.jifen.scheme.config.SchemeLoader;
import com.jifen.scheme.engine.ScoringEngine;
import com.jifen.shared.DomainException;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantTx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The engines of published versions, and the engine pinned for a year and member category. */
@Component
public class SchemeEngines {
  /** Parsed engines by tenant, code, version and checksum: versions are immutable, so caching is safe. */
  private final Map<String, ScoringEngine> engines = new ConcurrentHashMap<>();

  /**
   * Versions are immutable and a pin changes only while its year has no data (evicted here when it does), so a pin
   * found once can be kept: every ledger write asks for it. Another replica may keep a replaced pin until it restarts;
   * the change is allowed only before any entry, so at worst the first entries name the earlier version.
   */
  private final Map<String, Pinned> pinnedCache = new ConcurrentHashMap<>();

  /** The engine pinned for a year and member category, inside the caller's tenant transaction. */
  public Mono<Pinned> pinned(TenantTx tx, int year, String category) {
    String key = pinKey(tx.tenant(), year, category);
    Pinned cached = pinnedCache.get(key);
    if (cached != null) {
      return Mono.just(cached);
    }
    return findPinned(tx, year, category).doOnNext(p -> pinnedCache.put(key, p));
  }

  /** A pin replaced: the next ask reads it again. */
  void forgetPin(TenantId tenant, int year, String category) {
    pinnedCache.remove(pinKey(tenant, year, category));
  }

  private static String pinKey(TenantId tenant, int year, String category) {
    return tenant + "/" + year + "/" + category;
  }

  private Mono<Pinned> findPinned(TenantTx tx, int year, String category) {
    return SchemeQueries.pins(tx, year).flatMap(pins -> pins.stream().filter(p -> p.category().equals(category)).findFirst()
        .map(p -> version(tx, p.schemeCode(), p.version()).map(v -> new Pinned(p.schemeCode(), p.version(), engine(tx.tenant(), v))))
        .orElseGet(() -> Mono.error(DomainException.badRequest("NO_SCHEME_PINNED",
            "%d 年尚未为该类别党员锁定积分方案，请乡镇管理员先锁定方案版本 (category %s)".formatted(year, category)))));
  }

  /** The engine of a given version, inside the caller's tenant transaction. */
  public Mono<ScoringEngine> engine(TenantTx tx, String code, int version) {
    return version(tx, code, version).map(v -> engine(tx.tenant(), v));
  }

  ScoringEngine engine(TenantId tenant, SchemeVersion v) {
    return engines.computeIfAbsent(tenant + "/" + v.schemeCode() + "/" + v.version() + "/" + v.checksum(),
        k -> new ScoringEngine(SchemeLoader.load(v.schemeCode() + "@" + v.version() + ".yaml", v.yaml())));
  }

  /** A published version; not found is the caller's error. */
  Mono<SchemeVersion> version(TenantTx tx, String code, int version) {
    return SchemeQueries.version(tx, code, version)
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("方案版本", code + " 第 " + version + " 版")));
  }
}
