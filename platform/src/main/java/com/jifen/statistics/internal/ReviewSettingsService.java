package com.jifen.statistics.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A county's alarm thresholds (docs/county-review.md explains each default). A county that never changed them
 * gets the defaults; a change is a new version, audited in the county's own trail.
 */
@Service
public class ReviewSettingsService {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public record ReviewSettings(BigDecimal uniformShare, BigDecimal uniformSpread, int minGroup, int lateConfirmDays,
      int sameDayMonths, BigDecimal ballotShare, BigDecimal quorumMargin, int selfCopyMonths, BigDecimal flatSpread,
      int version, String updatedBy, OffsetDateTime updatedAt) {}

  public record ReviewSettingsInput(BigDecimal uniformShare, BigDecimal uniformSpread, Integer minGroup, Integer lateConfirmDays,
      Integer sameDayMonths, BigDecimal ballotShare, BigDecimal quorumMargin, Integer selfCopyMonths, BigDecimal flatSpread,
      int version) {}

  static final ReviewSettings DEFAULTS = new ReviewSettings(new BigDecimal("0.900"), new BigDecimal("1.00"), 5, 30, 3,
      new BigDecimal("0.900"), new BigDecimal("0.100"), 3, new BigDecimal("2.00"), 0, null, null);

  private final CountyDirectory directory;
  private final Clock clock;

  ReviewSettingsService(CountyDirectory directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  public Mono<ReviewSettings> get(CurrentUser user) {
    String county = CountyDirectory.countyOf(user);
    return directory.inCounty(county, db -> read(db, county));
  }

  Mono<ReviewSettings> read(DatabaseClient db, String county) {
    return db.sql("select * from review_settings where county_id = :c").bind("c", county).map(ReviewSettingsService::row).one()
        .defaultIfEmpty(DEFAULTS);
  }

  /** Optimistic: the version read must still be current (0 = the defaults, never saved). */
  public Mono<ReviewSettings> update(CurrentUser user, ReviewSettingsInput in) {
    String county = CountyDirectory.countyOf(user);
    return directory.inCounty(county, db -> db.sql("select * from review_settings where county_id = :c for update")
        .bind("c", county).map(ReviewSettingsService::row).one().defaultIfEmpty(DEFAULTS)
        .flatMap(current -> {
          if (current.version() != in.version()) {
            return Mono.error(DomainException.conflict("STALE_VERSION", "县级预警阈值已被他人修改，请刷新后重试",
                Map.of("currentVersion", current.version())));
          }
          ReviewSettings next = merged(current, in);
          OffsetDateTime now = OffsetDateTime.now(clock);
          return db.sql("""
                  insert into review_settings (county_id, uniform_share, uniform_spread, min_group, late_confirm_days, same_day_months,
                    ballot_share, quorum_margin, self_copy_months, flat_spread, version, updated_by, updated_at)
                  values (:c, :us, :usp, :mg, :lcd, :sdm, :bs, :qm, :scm, :fs, :v, :by, :at)
                  on conflict (county_id) do update set uniform_share = excluded.uniform_share, uniform_spread = excluded.uniform_spread,
                    min_group = excluded.min_group, late_confirm_days = excluded.late_confirm_days, same_day_months = excluded.same_day_months,
                    ballot_share = excluded.ballot_share, quorum_margin = excluded.quorum_margin, self_copy_months = excluded.self_copy_months,
                    flat_spread = excluded.flat_spread, version = excluded.version, updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
              .bind("c", county).bind("us", next.uniformShare()).bind("usp", next.uniformSpread()).bind("mg", next.minGroup())
              .bind("lcd", next.lateConfirmDays()).bind("sdm", next.sameDayMonths()).bind("bs", next.ballotShare())
              .bind("qm", next.quorumMargin()).bind("scm", next.selfCopyMonths()).bind("fs", next.flatSpread())
              .bind("v", current.version() + 1).bind("by", user.username()).bind("at", now)
              .fetch().rowsUpdated()
              .then(audit(db, county, user.username(), now, "updateReviewSettings", county, changes(current, next)))
              .then(read(db, county));
        }));
  }

  /** A county-level action's audit row (county_audit_event: the same shape as a township's audit_event). */
  static Mono<Void> audit(DatabaseClient db, String county, String actor, OffsetDateTime at, String action, String subject, Map<String, ?> detail) {
    return db.sql("insert into county_audit_event (county_id, event_id, at, actor, action, subject, detail) "
            + "values (:c, :id, :at, :actor, :action, :subject, :detail)")
        .bind("c", county).bind("id", Ids.newId()).bind("at", at).bind("actor", actor).bind("action", action)
        .bind("subject", subject).bind("detail", Json.of(JSON.writeValueAsString(detail)))
        .then();
  }

  private static ReviewSettings merged(ReviewSettings c, ReviewSettingsInput in) {
    ReviewSettings n = new ReviewSettings(
        share("uniformShare", in.uniformShare(), c.uniformShare()),
        nonNegative("uniformSpread", in.uniformSpread(), c.uniformSpread()),
        atLeast("minGroup", in.minGroup(), c.minGroup(), 5, "不少于 5 人（少于 5 人的群体不单独展示，以保护党员隐私）"),
        atLeast("lateConfirmDays", in.lateConfirmDays(), c.lateConfirmDays(), 1, "至少 1 天"),
        atLeast("sameDayMonths", in.sameDayMonths(), c.sameDayMonths(), 2, "至少 2 个月"),
        share("ballotShare", in.ballotShare(), c.ballotShare()),
        share("quorumMargin", in.quorumMargin(), c.quorumMargin()),
        atLeast("selfCopyMonths", in.selfCopyMonths(), c.selfCopyMonths(), 1, "至少 1 个月"),
        nonNegative("flatSpread", in.flatSpread(), c.flatSpread()),
        c.version(), c.updatedBy(), c.updatedAt());
    return n;
  }

  private static BigDecimal share(String field, BigDecimal given, BigDecimal current) {
    if (given == null) {
      return current;
    }
    if (given.signum() < 0 || given.compareTo(BigDecimal.ONE) > 0 || given.scale() > 3) {
      throw DomainException.badRequest("INVALID_THRESHOLD", "%s 应为 0 到 1 之间的比例（最多三位小数），填写的是 %s".formatted(field, given.toPlainString()));
    }
    if (given.signum() == 0 && !"quorumMargin".equals(field)) {
      throw DomainException.badRequest("INVALID_THRESHOLD", "%s 应大于 0".formatted(field));
    }
    return given;
  }

  private static BigDecimal nonNegative(String field, BigDecimal given, BigDecimal current) {
    if (given == null) {
      return current;
    }
    if (given.signum() < 0 || given.compareTo(new BigDecimal("100")) > 0 || given.scale() > 2) {
      throw DomainException.badRequest("INVALID_THRESHOLD", "%s 应为 0 到 100 之间的分值（最多两位小数），填写的是 %s".formatted(field, given.toPlainString()));
    }
    return given;
  }

  private static int atLeast(String field, Integer given, int current, int min, String rule) {
    if (given == null) {
      return current;
    }
    if (given < min || given > 366) {
      throw DomainException.badRequest("INVALID_THRESHOLD", "%s %s，填写的是 %d".formatted(field, rule, given));
    }
    return given;
  }

  private static Map<String, Object> changes(ReviewSettings before, ReviewSettings after) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("before", values(before));
    d.put("after", values(after));
    return d;
  }

  private static Map<String, Object> values(ReviewSettings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("uniformShare", s.uniformShare().toPlainString());
    m.put("uniformSpread", s.uniformSpread().toPlainString());
    m.put("minGroup", s.minGroup());
    m.put("lateConfirmDays", s.lateConfirmDays());
    m.put("sameDayMonths", s.sameDayMonths());
    m.put("ballotShare", s.ballotShare().toPlainString());
    m.put("quorumMargin", s.quorumMargin().toPlainString());
    m.put("selfCopyMonths", s.selfCopyMonths());
    m.put("flatSpread", s.flatSpread().toPlainString());
    return m;
  }

  private static ReviewSettings row(Readable r) {
    return new ReviewSettings(r.get("uniform_share", BigDecimal.class), r.get("uniform_spread", BigDecimal.class),
        r.get("min_group", Integer.class), r.get("late_confirm_days", Integer.class), r.get("same_day_months", Integer.class),
        r.get("ballot_share", BigDecimal.class), r.get("quorum_margin", BigDecimal.class), r.get("self_copy_months", Integer.class),
        r.get("flat_spread", BigDecimal.class), r.get("version", Integer.class), r.get("updated_by", String.class),
        r.get("updated_at", OffsetDateTime.class));
  }
}
