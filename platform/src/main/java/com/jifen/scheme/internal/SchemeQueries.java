package com.jifen.scheme.internal;

import com.jifen.scheme.SchemeService.PinnedScheme;
import com.jifen.scheme.SchemeService.SchemeVersion;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.Sql;
import com.jifen.tenancy.TenantTx;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The SQL of schemes: published versions (insert only) and the version pinned per year and member category. */
final class SchemeQueries {
  private SchemeQueries() {}

  /** The township's every version, by code and version. */
  static Flux<SchemeVersion> versions(TenantTx tx) {
    return tx.sql("select * from scheme_version where tenant_id = :t order by scheme_code, version")
        .bind("t", tx.tenant().value()).map(SchemeQueries::version).all();
  }

  /** The newest version of a scheme, if it has one. */
  static Mono<SchemeVersion> latest(TenantTx tx, String code) {
    return tx.sql("select * from scheme_version where tenant_id = :t and scheme_code = :c order by version desc limit 1")
        .bind("t", tx.tenant().value()).bind("c", code).map(SchemeQueries::version).one();
  }

  /** One version, if it was published. */
  static Mono<SchemeVersion> version(TenantTx tx, String code, int version) {
    return tx.sql("select * from scheme_version where tenant_id = :t and scheme_code = :c and version = :v")
        .bind("t", tx.tenant().value()).bind("c", code).bind("v", version).map(SchemeQueries::version).one();
  }

  static Mono<Long> publish(TenantTx tx, Scheme scheme, int version, String yaml, String checksum, String actor, String note,
      Instant publishedAt) {
    var insert = tx.sql("insert into scheme_version (tenant_id, scheme_code, version, name, subject, source_yaml, "
            + "checksum, published_by, note, published_at) values (:t, :code, :v, :name, :subject, :yaml, :checksum, :by, :note, :at)")
        .bind("at", publishedAt)
        .bind("t", tx.tenant().value()).bind("code", scheme.code()).bind("v", version).bind("name", scheme.name())
        .bind("subject", scheme.subject().name()).bind("yaml", yaml).bind("checksum", checksum).bind("by", actor);
    return Sql.bind(insert, "note", note, String.class).fetch().rowsUpdated();
  }

  /** The versions pinned for a year, by member category. */
  static Mono<List<PinnedScheme>> pins(TenantTx tx, int year) {
    return tx.sql("select year, category, scheme_code, version from scoring_year where tenant_id = :t and year = :y order by category")
        .bind("t", tx.tenant().value()).bind("y", year)
        .map(r -> new PinnedScheme(r.get("year", Integer.class), r.get("category", String.class),
            r.get("scheme_code", String.class), r.get("version", Integer.class)))
        .all().collectList();
  }

  static Mono<Long> pin(TenantTx tx, PinnedScheme pin, String actor, Instant pinnedAt) {
    return tx.sql("insert into scoring_year (tenant_id, year, category, scheme_code, version, pinned_by, pinned_at) "
            + "values (:t, :y, :c, :code, :v, :by, :at)").bind("at", pinnedAt)
        .bind("t", tx.tenant().value()).bind("y", pin.year()).bind("c", pin.category()).bind("code", pin.schemeCode())
        .bind("v", pin.version()).bind("by", actor).fetch().rowsUpdated();
  }

  /**
   * Another version for a pinned year and category, only while the year has no ledger entries for the category and
   * no settlement with the version pinned: 0 rows once it has.
   */
  static Mono<Long> repinWhileUnused(TenantTx tx, PinnedScheme pin, String actor, Instant pinnedAt) {
    return tx.sql("update scoring_year y set scheme_code = :code, version = :v, pinned_by = :by, pinned_at = :at "
            + "where y.tenant_id = :t and y.year = :y and y.category = :c and not exists (select 1 from ledger_entry e "
            + "join member m on m.tenant_id = e.tenant_id and m.member_id = e.member_id where e.tenant_id = :t "
            + "and e.year = :y and m.category = :c) and not exists (select 1 from settlement s where s.tenant_id = :t "
            + "and s.year = :y and s.scheme_code = y.scheme_code and s.scheme_version = y.version)")
        .bind("t", tx.tenant().value()).bind("y", pin.year()).bind("c", pin.category()).bind("code", pin.schemeCode())
        .bind("v", pin.version()).bind("by", actor).bind("at", pinnedAt).fetch().rowsUpdated();
  }

  private static SchemeVersion version(Readable r) {
    return new SchemeVersion(r.get("scheme_code", String.class), r.get("version", Integer.class),
        r.get("name", String.class), r.get("published_at", OffsetDateTime.class).toInstant(),
        r.get("published_by", String.class), r.get("note", String.class), r.get("checksum", String.class),
        r.get("source_yaml", String.class));
  }
}
