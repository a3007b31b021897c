package com.jifen.statistics.internal;

import com.jifen.shared.Ids;
import com.jifen.statistics.internal.ReviewSettingsService.ReviewSettings;
import com.jifen.tenancy.Township;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of county-level rows, run in a transaction whose {@code app.county_id} is the reviewer's county: the
 * county's townships, its alarm thresholds and its own audit trail. Figures about a township are ReviewQueries'.
 */
final class CountyQueries {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private CountyQueries() {}

  /** The county's active townships, by id. */
  static Mono<List<Township>> townships(DatabaseClient db, String county) {
    return db.sql("select tenant_id, name, county_id, ranking_visibility from tenant where county_id = :c and status = 'ACTIVE' order by tenant_id")
        .bind("c", county)
        .map(r -> new Township(r.get("tenant_id", String.class), r.get("name", String.class), r.get("county_id", String.class),
            r.get("ranking_visibility", String.class)))
        .all().collectList();
  }

  /** The county's saved thresholds, if it ever saved any. */
  static Mono<ReviewSettings> reviewSettings(DatabaseClient db, String county) {
    return db.sql("select * from review_settings where county_id = :c").bind("c", county).map(CountyQueries::settings).one();
  }

  /** The same, locked until the transaction ends (an update reads the version it replaces). */
  static Mono<ReviewSettings> reviewSettingsForUpdate(DatabaseClient db, String county) {
    return db.sql("select * from review_settings where county_id = :c for update").bind("c", county).map(CountyQueries::settings).one();
  }

  static Mono<Long> saveReviewSettings(DatabaseClient db, String county, ReviewSettings s, int version, String by, OffsetDateTime at) {
    return db.sql("""
            insert into review_settings (county_id, uniform_share, uniform_spread, min_group, late_confirm_days, same_day_months,
              ballot_share, quorum_margin, self_copy_months, flat_spread, version, updated_by, updated_at)
            values (:c, :us, :usp, :mg, :lcd, :sdm, :bs, :qm, :scm, :fs, :v, :by, :at)
            on conflict (county_id) do update set uniform_share = excluded.uniform_share, uniform_spread = excluded.uniform_spread,
              min_group = excluded.min_group, late_confirm_days = excluded.late_confirm_days, same_day_months = excluded.same_day_months,
              ballot_share = excluded.ballot_share, quorum_margin = excluded.quorum_margin, self_copy_months = excluded.self_copy_months,
              flat_spread = excluded.flat_spread, version = excluded.version, updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
        .bind("c", county).bind("us", s.uniformShare()).bind("usp", s.uniformSpread()).bind("mg", s.minGroup())
        .bind("lcd", s.lateConfirmDays()).bind("sdm", s.sameDayMonths()).bind("bs", s.ballotShare())
        .bind("qm", s.quorumMargin()).bind("scm", s.selfCopyMonths()).bind("fs", s.flatSpread())
        .bind("v", version).bind("by", by).bind("at", at)
        .fetch().rowsUpdated();
  }

  /** A county-level action's audit row (county_audit_event: the same shape as a township's audit_event). */
  static Mono<Void> recordCountyAudit(DatabaseClient db, String county, String actor, OffsetDateTime at, String action, String subject,
      Map<String, ?> detail) {
    return db.sql("insert into county_audit_event (county_id, event_id, at, actor, action, subject, detail) "
            + "values (:c, :id, :at, :actor, :action, :subject, :detail)")
        .bind("c", county).bind("id", Ids.newId()).bind("at", at).bind("actor", actor).bind("action", action)
        .bind("subject", subject).bind("detail", Json.of(JSON.writeValueAsString(detail)))
        .then();
  }

  private static ReviewSettings settings(Readable r) {
    return new ReviewSettings(r.get("uniform_share", BigDecimal.class), r.get("uniform_spread", BigDecimal.class),
        r.get("min_group", Integer.class), r.get("late_confirm_days", Integer.class), r.get("same_day_months", Integer.class),
        r.get("ballot_share", BigDecimal.class), r.get("quorum_margin", BigDecimal.class), r.get("self_copy_months", Integer.class),
        r.get("flat_spread", BigDecimal.class), r.get("version", Integer.class), r.get("updated_by", String.class),
        r.get("updated_at", OffsetDateTime.class));
  }
}
