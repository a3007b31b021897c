package com.jifen.statistics.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.shared.DomainException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * A county's alarm thresholds (docs/county-review.md explains each default). A county that never changed them
 * gets the defaults; a change is a new version, audited in the county's own trail.
 */
@Service
public class ReviewSettingsService {
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
    return CountyQueries.reviewSettings(db, county).defaultIfEmpty(DEFAULTS);
  }

  /** Optimistic: the version read must still be current (0 = the defaults, never saved). */
  public Mono<ReviewSettings> update(CurrentUser user, ReviewSettingsInput in) {
    String county = CountyDirectory.countyOf(user);
    return directory.inCounty(county, db -> CountyQueries.reviewSettingsForUpdate(db, county).defaultIfEmpty(DEFAULTS)
        .flatMap(current -> {
          if (current.version() != in.version()) {
            return Mono.error(DomainException.conflict("STALE_VERSION", "县级预警阈值已被他人修改，请刷新后重试",
                Map.of("currentVersion", current.version())));
          }
          ReviewSettings next = merged(current, in);
          OffsetDateTime now = OffsetDateTime.now(clock);
          return CountyQueries.saveReviewSettings(db, county, next, current.version() + 1, user.username(), now)
              .then(CountyQueries.recordCountyAudit(db, county, user.username(), now, "updateReviewSettings", county, changes(current, next)))
              .then(read(db, county));
        }));
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
}
