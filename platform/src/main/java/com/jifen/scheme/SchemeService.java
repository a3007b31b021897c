package com.jifen.scheme;

import com.jifen.identity.CurrentUser;
import com.jifen.scheme.config.SchemeLoader;
import com.jifen.scheme.engine.Scheme;
import com.jifen.scheme.engine.ScoringEngine;
import com.jifen.shared.DomainException;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Versioned schemes. A published version never changes (the service's role may only insert); editing publishes
 * the next version; a year is pinned to one version per member category, so its results can always be
 * recomputed the same way.
 */
@Service
public class SchemeService {
  private final TenantScope scope;
  /** Parsed engines by tenant, code, version and checksum: versions are immutable, so caching is safe. */
  private final Map<String, ScoringEngine> engines = new ConcurrentHashMap<>();

  SchemeService(TenantScope scope) {
    this.scope = scope;
  }

  public record SchemeVersion(
      String schemeCode, int version, String name, Instant publishedAt, String publishedBy, String note,
      String checksum, String yaml) {}

  public record SchemeSummary(String code, String name, List<SchemeVersion> versions) {}

  public record PinnedScheme(int year, String category, String schemeCode, int version) {}

  public Mono<SchemeVersion> publish(CurrentUser user, String yaml, String note) {
    user.requireTownshipManager();
    return publish(user.requireTenant(), user.username(), yaml, note);
  }

  /** Publishes a version; the same text as the latest version returns that version (a retry publishes nothing). */
  public Mono<SchemeVersion> publish(TenantId tenant, String actor, String yaml, String note) {
    Scheme scheme = SchemeLoader.load("schemes/draft.yaml", yaml);
    String checksum = com.jifen.shared.Hashes.sha256(yaml);
    return scope.inTx(tenant, tx -> latest(tx, scheme.code()).map(java.util.Optional::of)
        .defaultIfEmpty(java.util.Optional.empty())
        .flatMap(latest -> {
          if (latest.isPresent() && latest.get().checksum().equals(checksum)) {
            return Mono.just(latest.get());
          }
          int next = latest.map(v -> v.version() + 1).orElse(1);
          var insert = tx.sql("insert into scheme_version (tenant_id, scheme_code, version, name, subject, source_yaml, "
                  + "checksum, published_by, note) values (:t, :code, :v, :name, :subject, :yaml, :checksum, :by, :note)")
              .bind("t", tenant.value()).bind("code", scheme.code()).bind("v", next).bind("name", scheme.name())
              .bind("subject", scheme.subject().name()).bind("yaml", yaml).bind("checksum", checksum).bind("by", actor);
          insert = com.jifen.shared.Sql.bind(insert, "note", note, String.class);
          return insert.fetch().rowsUpdated().then(version(tx, scheme.code(), next));
        }))
        .onErrorMap(org.springframework.dao.DuplicateKeyException.class, e -> DomainException.conflict(
            "CONCURRENT_PUBLISH", "另一位管理员刚刚发布了该方案的新版本，请刷新后重试", Map.of()));
  }

  public Mono<List<SchemeSummary>> list(CurrentUser user) {
    TenantId tenant = user.requireTenant();
    return scope.inTxMany(tenant, tx -> tx.sql("select * from scheme_version where tenant_id = :t order by scheme_code, version")
            .bind("t", tenant.value()).map(SchemeService::read).all())
        .collectList()
        .map(all -> all.stream()
            .collect(java.util.stream.Collectors.groupingBy(SchemeVersion::schemeCode, java.util.TreeMap::new,
                java.util.stream.Collectors.toList()))
            .values().stream()
            .map(vs -> new SchemeSummary(vs.getFirst().schemeCode(), vs.getLast().name(), vs))
            .toList());
  }

  public Mono<PinnedScheme> pin(CurrentUser user, int year, String category, String code, int version) {
    user.requireTownshipManager();
    return pin(user.requireTenant(), user.username(), year, category, code, version);
  }

  /**
   * Pins a year and category to a version (same pin again is a no-op). Another version may replace it only while the
   * year has no ledger entries for the category and no settlement with it; after that the pin never changes.
   */
  public Mono<PinnedScheme> pin(TenantId tenant, String actor, int year, String category, String code, int version) {
    return scope.inTx(tenant, tx -> version(tx, code, version).flatMap(v -> {
      Scheme scheme = engine(tenant, v).scheme();
      if (!scheme.categories().contains(category)) {
        return Mono.error(DomainException.badRequest("CATEGORY_NOT_COVERED",
            "方案“%s”不适用于该类别党员 (%s)".formatted(scheme.name(), category)));
      }
      return pinned(tx, year).flatMap(pins -> {
        var existing = pins.stream().filter(p -> p.category().equals(category)).findFirst();
        if (existing.isPresent()) {
          if (existing.get().schemeCode().equals(code) && existing.get().version() == version) {
            return Mono.just(existing.get());
          }
          // a pin is fixed once the year has data for the category (results must stay recomputable); before that a
          // township may still correct its choice
          return tx.sql("update scoring_year y set scheme_code = :code, version = :v, pinned_by = :by, pinned_at = now() "
                  + "where y.tenant_id = :t and y.year = :y and y.category = :c and not exists (select 1 from ledger_entry e "
                  + "join member m on m.tenant_id = e.tenant_id and m.member_id = e.member_id where e.tenant_id = :t "
                  + "and e.year = :y and m.category = :c) and not exists (select 1 from settlement s where s.tenant_id = :t "
                  + "and s.year = :y and s.scheme_code = y.scheme_code and s.scheme_version = y.version)")
              .bind("t", tenant.value()).bind("y", year).bind("c", category).bind("code", code).bind("v", version)
              .bind("by", actor).fetch().rowsUpdated()
              .doOnNext(changed -> pinnedCache.remove(tenant + "/" + year + "/" + category))
              .flatMap(changed -> changed > 0 ? Mono.just(new PinnedScheme(year, category, code, version))
                  : Mono.error(DomainException.conflict("YEAR_ALREADY_PINNED",
                      "%d 年该类别已锁定方案 %s 第 %d 版，且已有积分记录或结算，不能更改（保证结果可复算）".formatted(year,
                          existing.get().schemeCode(), existing.get().version()),
                      Map.of("schemeCode", existing.get().schemeCode(), "version", existing.get().version()))));
        }
        return tx.sql("insert into scoring_year (tenant_id, year, category, scheme_code, version, pinned_by) "
                + "values (:t, :y, :c, :code, :v, :by)")
            .bind("t", tenant.value()).bind("y", year).bind("c", category).bind("code", code).bind("v", version)
            .bind("by", actor).fetch().rowsUpdated()
            .thenReturn(new PinnedScheme(year, category, code, version));
      });
    }));
  }

  public Mono<List<PinnedScheme>> pinned(CurrentUser user, int year) {
    TenantId tenant = user.requireTenant();
    return scope.inTx(tenant, tx -> pinned(tx, year));
  }

  Mono<List<PinnedScheme>> pinned(TenantTx tx, int year) {
    return tx.sql("select year, category, scheme_code, version from scoring_year where tenant_id = :t and year = :y order by category")
        .bind("t", tx.tenant().value()).bind("y", year)
        .map(r -> new PinnedScheme(r.get("year", Integer.class), r.get("category", String.class),
            r.get("scheme_code", String.class), r.get("version", Integer.class)))
        .all().collectList();
  }

  /** The engine pinned for a year and member category, inside the caller's tenant transaction. */
  public record Pinned(String schemeCode, int version, ScoringEngine engine) {}

  /**
   * Versions are immutable and a pin changes only while its year has no data (evicted here when it does), so a pin
   * found once can be kept: every ledger write asks for it. Another replica may keep a replaced pin until it restarts;
   * the change is allowed only before any entry, so at worst the first entries name the earlier version.
   */
  private final Map<String, Pinned> pinnedCache = new ConcurrentHashMap<>();

  public Mono<Pinned> pinnedEngine(TenantTx tx, int year, String category) {
    String key = tx.tenant() + "/" + year + "/" + category;
    Pinned cached = pinnedCache.get(key);
    if (cached != null) {
      return Mono.just(cached);
    }
    return findPinnedEngine(tx, year, category).doOnNext(p -> pinnedCache.put(key, p));
  }

  private Mono<Pinned> findPinnedEngine(TenantTx tx, int year, String category) {
    return pinned(tx, year).flatMap(pins -> pins.stream().filter(p -> p.category().equals(category)).findFirst()
        .map(p -> version(tx, p.schemeCode(), p.version()).map(v -> new Pinned(p.schemeCode(), p.version(), engine(tx.tenant(), v))))
        .orElseGet(() -> Mono.error(DomainException.badRequest("NO_SCHEME_PINNED",
            "%d 年尚未为该类别党员锁定积分方案，请乡镇管理员先锁定方案版本 (category %s)".formatted(year, category)))));
  }

  /** The engine of a given version, inside the caller's tenant transaction. */
  public Mono<ScoringEngine> engine(TenantTx tx, String code, int version) {
    return version(tx, code, version).map(v -> engine(tx.tenant(), v));
  }

  public Mono<ScoringEngine> engine(CurrentUser user, String code, int version) {
    TenantId tenant = user.requireTenant();
    return scope.inTx(tenant, tx -> engine(tx, code, version));
  }

  ScoringEngine engine(TenantId tenant, SchemeVersion v) {
    return engines.computeIfAbsent(tenant + "/" + v.schemeCode() + "/" + v.version() + "/" + v.checksum(),
        k -> new ScoringEngine(SchemeLoader.load(v.schemeCode() + "@" + v.version() + ".yaml", v.yaml())));
  }

  private Mono<SchemeVersion> latest(TenantTx tx, String code) {
    return tx.sql("select * from scheme_version where tenant_id = :t and scheme_code = :c order by version desc limit 1")
        .bind("t", tx.tenant().value()).bind("c", code).map(SchemeService::read).one();
  }

  private Mono<SchemeVersion> version(TenantTx tx, String code, int version) {
    return tx.sql("select * from scheme_version where tenant_id = :t and scheme_code = :c and version = :v")
        .bind("t", tx.tenant().value()).bind("c", code).bind("v", version).map(SchemeService::read).one()
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("方案版本", code + " 第 " + version + " 版")));
  }

  private static SchemeVersion read(io.r2dbc.spi.Readable r) {
    return new SchemeVersion(r.get("scheme_code", String.class), r.get("version", Integer.class),
        r.get("name", String.class), r.get("published_at", OffsetDateTime.class).toInstant(),
        r.get("published_by", String.class), r.get("note", String.class), r.get("checksum", String.class),
        r.get("source_yaml", String.class));
  }

}
