package com.jifen.statistics.internal;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.shared.DomainException;
import com.jifen.shared.ErrorKind;
import com.jifen.shared.TenantId;
import com.jifen.statistics.internal.CountyReview.ReviewBranch;
import com.jifen.statistics.internal.ReviewQueries.Branch;
import com.jifen.statistics.internal.ReviewQueries.BranchMonth;
import com.jifen.statistics.internal.ReviewSettingsService.ReviewSettings;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.Township;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 预警: the documented rules of docs/county-review.md over a township's review figures, with the county's
 * thresholds. An alarm is computed, not stored; its acknowledgement is stored (with the township) and shown with
 * it, so an acknowledged alarm stays visible as history.
 */
@Service
public class ReviewAlarmService {

  private final CountyDirectory directory;
  private final TenantScope scope;
  private final ReviewSettingsService settings;
  private final AuditLog audit;
  private final Clock clock;

  ReviewAlarmService(CountyDirectory directory, TenantScope scope, ReviewSettingsService settings, AuditLog audit, Clock clock) {
    this.directory = directory;
    this.scope = scope;
    this.settings = settings;
    this.audit = audit;
    this.clock = clock;
  }

  public record Figure(String code, BigDecimal value) {}

  public record Acknowledgement(String by, OffsetDateTime at, String comment) {}

  /** id = township code + "|" + key; key = rule:branch:period, stable across reads. */
  public record ReviewAlarm(String id, AlarmRule rule, Township township, ReviewBranch branch, int year, String period,
      List<Figure> figures, String message, Acknowledgement acknowledgement) {}

  public record AcknowledgeInput(String alarmId, String comment) {}

  public Mono<List<ReviewAlarm>> alarms(CurrentUser user, int year, boolean includeAcknowledged) {
    String county = CountyDirectory.countyOf(user);
    CountyReview.Period.of(year); // refuses a year out of range before anything is read
    return directory.inCounty(county, db -> settings.read(db, county)).flatMap(s -> directory.townships(county)
        .flatMapSequential(t -> township(t, year, s), CountyReview.CONCURRENCY)
        .flatMapIterable(Function.identity())
        .filter(a -> includeAcknowledged || a.acknowledgement() == null)
        .collectList());
  }

  /** A township's alarms of a year, with their acknowledgements. */
  Mono<List<ReviewAlarm>> township(Township t, int year, ReviewSettings s) {
    TenantId tenant = new TenantId(t.id());
    return scope.inTx(tenant, tx -> Mono.zip(ReviewQueries.branches(tx), ReviewQueries.months(tx, year, year),
            ReviewQueries.tallies(tx, year), ReviewQueries.quarterStars(tx, year), ReviewQueries.acks(tx)))
        .map(z -> {
          Map<UUID, Branch> branches = z.getT1().stream().collect(Collectors.toMap(Branch::id, Function.identity()));
          Map<String, ReviewQueries.Ack> acks = z.getT5().stream().collect(Collectors.toMap(ReviewQueries.Ack::alarmKey, Function.identity()));
          List<BranchMonth> months = z.getT2();
          return AlarmRules.evaluate(year, s, months, z.getT3(), z.getT4()).stream()
              .filter(f -> branches.containsKey(f.branchId()))
              .map(f -> {
                Branch b = branches.get(f.branchId());
                ReviewQueries.Ack ack = acks.get(f.key());
                return new ReviewAlarm(t.id() + "|" + f.key(), f.rule(), t, new ReviewBranch(b.id(), b.code(), b.name()), year, f.period(),
                    f.figures(), "%s %s: %s".formatted(b.name(), f.period(), f.message()),
                    ack == null ? null : new Acknowledgement(ack.by(), ack.at(), ack.comment()));
              })
              .sorted(Comparator.comparing((ReviewAlarm a) -> a.branch().code()).thenComparing(a -> a.rule().ordinal())
                  .thenComparing(ReviewAlarm::period))
              .toList();
        });
  }

  /** The reviewer acknowledges a current alarm of a township of their county, with a comment; audited there. */
  public Mono<ReviewAlarm> acknowledge(CurrentUser user, AcknowledgeInput in) {
    String county = CountyDirectory.countyOf(user);
    String comment = in.comment() == null ? "" : in.comment().strip();
    if (comment.isEmpty() || comment.length() > 500) {
      throw DomainException.badRequest("COMMENT_REQUIRED", "请填写处理意见（1–500 字）");
    }
    int bar = in.alarmId() == null ? -1 : in.alarmId().indexOf('|');
    if (bar < 1) {
      throw new DomainException(ErrorKind.NOT_FOUND, "NOT_FOUND", "没有找到该预警，请刷新预警列表后重试");
    }
    String townshipId = in.alarmId().substring(0, bar);
    int year = yearOf(in.alarmId());
    return directory.inCounty(county, db -> settings.read(db, county)).flatMap(s -> directory.township(county, townshipId)
        .flatMap(t -> township(t, year, s))
        .flatMap(list -> {
          ReviewAlarm alarm = list.stream().filter(a -> a.id().equals(in.alarmId())).findFirst()
              .orElseThrow(() -> new DomainException(ErrorKind.NOT_FOUND, "NOT_FOUND", "没有找到该预警，请刷新预警列表后重试"));
          if (alarm.acknowledgement() != null) {
            throw DomainException.conflict("ALREADY_ACKNOWLEDGED", "该预警已由 %s 处理".formatted(alarm.acknowledgement().by()), Map.of());
          }
          TenantId tenant = new TenantId(townshipId);
          String key = in.alarmId().substring(bar + 1);
          OffsetDateTime now = OffsetDateTime.now(clock);
          return scope.inTx(tenant, tx -> ReviewQueries.acknowledge(tx, key, county, user.username(), now, comment)
                  .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("ALREADY_ACKNOWLEDGED", "该预警已被处理", Map.of()))
                  .then(audit.record(tx, user.username(), "acknowledgeReviewAlarm", key,
                      Map.of("county", county, "rule", alarm.rule().name(), "period", alarm.period(), "comment", comment))))
              .thenReturn(new ReviewAlarm(alarm.id(), alarm.rule(), alarm.township(), alarm.branch(), alarm.year(), alarm.period(),
                  alarm.figures(), alarm.message(), new Acknowledgement(user.username(), now, comment)));
        }));
  }

  /** Every period of a key starts with its year (2026-03, 2026-12-04, 2026). */
  private static int yearOf(String alarmId) {
    String[] parts = alarmId.split(":");
    try {
      return Integer.parseInt(parts[parts.length - 1].substring(0, 4));
    } catch (RuntimeException e) {
      throw new DomainException(ErrorKind.NOT_FOUND, "NOT_FOUND", "没有找到该预警，请刷新预警列表后重试");
    }
  }

  static BigDecimal share(int part, int whole) {
    return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 3, RoundingMode.HALF_UP);
  }
}
