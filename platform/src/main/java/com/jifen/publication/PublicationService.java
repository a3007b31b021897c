package com.jifen.publication;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.settlement.SettlementService;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 张榜公示 and 异议: a settlement is published for at least seven working days; members object within the window;
 * the branch answers each objection; the results become final only when the window has closed and every
 * objection is answered. Objections on a month's scores (半年评议) follow the same answer path.
 */
@Service
public class PublicationService {
  public static final int WINDOW_WORKING_DAYS = 7;

  private final TenantScope scope;
  private final MemberService members;
  private final SettlementService settlements;
  private final Clock clock;

  PublicationService(TenantScope scope, MemberService members, SettlementService settlements, Clock clock) {
    this.scope = scope;
    this.members = members;
    this.settlements = settlements;
    this.clock = clock;
  }

  public enum State { OPEN, CLOSED, FINAL }

  public record Objection(TenantId tenantId, UUID id, String kind, UUID memberId, int year, Integer month, String text,
      Instant filedAt, Boolean upheld, String answer, String answeredBy, Instant answeredAt) {}

  public record Publication(UUID branchId, int year, LocalDate startsOn, LocalDate endsOn, State state, int settlementRun,
      List<Objection> objections) {}

  public record CalendarDayInput(LocalDate day, String kind, String name) {}

  public Mono<Integer> setCalendar(CurrentUser user, List<CalendarDayInput> days) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    return scope.mono(tenant, db -> db.sql("delete from calendar_day where tenant_id = :t and day = any(:days)")
        .bind("t", tenant.value()).bind("days", days.stream().map(CalendarDayInput::day).toArray(LocalDate[]::new))
        .fetch().rowsUpdated()
        .then(db.sql("insert into calendar_day (tenant_id, day, kind, name) select :t, d, k, n "
                + "from unnest(:days::date[], :kinds::text[], :names::text[]) as u(d, k, n)")
            .bind("t", tenant.value()).bind("days", days.stream().map(CalendarDayInput::day).toArray(LocalDate[]::new))
            .bind("kinds", days.stream().map(CalendarDayInput::kind).toArray(String[]::new))
            .bind("names", days.stream().map(CalendarDayInput::name).toArray(String[]::new))
            .fetch().rowsUpdated())
        .flatMap(saved -> extendOpenWindows(db, tenant, user).thenReturn(saved.intValue())));
  }

  /**
   * Windows still open when the calendar changes are counted again with the new calendar: a holiday added inside one
   * extends it. A window never shrinks, and a closed one never reopens.
   */
  private Mono<Void> extendOpenWindows(DatabaseClient db, TenantId tenant, CurrentUser user) {
    LocalDate today = LocalDate.now(clock);
    return calendar(db, tenant).flatMap(days -> db.sql("select p.publication_id, p.starts_on, " + EFFECTIVE_END + " as ends_on "
                + "from publication p where p.tenant_id = :t and not exists (select 1 from final_result f "
                + "where f.tenant_id = p.tenant_id and f.branch_id = p.branch_id and f.year = p.year)")
            .bind("t", tenant.value())
            .map(r -> new Object[] {r.get("publication_id", UUID.class), r.get("starts_on", LocalDate.class), r.get("ends_on", LocalDate.class)})
            .all()
            .filter(row -> !today.isAfter((LocalDate) row[2]))
            .concatMap(row -> {
              LocalDate end = days.end((LocalDate) row[1], WINDOW_WORKING_DAYS);
              if (!end.isAfter((LocalDate) row[2])) {
                return Mono.empty();
              }
              return db.sql("insert into publication_extension (tenant_id, publication_id, ends_on, reason, recorded_by) "
                      + "values (:t, :p, :e, :r, :by)")
                  .bind("t", tenant.value()).bind("p", row[0]).bind("e", end)
                  .bind("r", "公示期内调整节假日，公示期顺延至 %s（满 %d 个工作日）".formatted(end, WINDOW_WORKING_DAYS))
                  .bind("by", user.username()).fetch().rowsUpdated();
            })
            .then());
  }

  /** A window's last day: as published, or as a holiday added during it extended it. */
  private static final String EFFECTIVE_END = "greatest(p.ends_on, (select max(x.ends_on) from publication_extension x "
      + "where x.tenant_id = p.tenant_id and x.publication_id = p.publication_id))";

  Mono<WorkingDays> calendar(DatabaseClient db, TenantId tenant) {
    return db.sql("select day, kind from calendar_day where tenant_id = :t").bind("t", tenant.value())
        .map(r -> Map.entry(r.get("day", LocalDate.class), r.get("kind", String.class))).all().collectList()
        .map(rows -> {
          Set<LocalDate> holidays = new HashSet<>();
          Set<LocalDate> makeup = new HashSet<>();
          rows.forEach(e -> (e.getValue().equals("HOLIDAY") ? holidays : makeup).add(e.getKey()));
          return new WorkingDays(holidays, makeup);
        });
  }

  public record PublishInput(String branchId, int year, LocalDate startsOn) {}

  public Mono<Publication> publish(CurrentUser user, PublishInput in) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    UUID branch = Ids.parse("党支部", in.branchId());
    // a window that began in the past would close at once and let results be finalized unseen (docs/DOMAIN.md, 6)
    LocalDate today = LocalDate.now(clock);
    if (in.startsOn() == null || in.startsOn().isBefore(today)) {
      throw DomainException.badRequest("START_IN_PAST",
          "公示开始日期不能早于今天（%s）：公示须张榜满 %d 个工作日后才能确认结果".formatted(today, WINDOW_WORKING_DAYS));
    }
    return window(user, tenant, branch, in);
  }

  /**
   * A window that already took place, brought over from the township's records of a past year (the demo's previous
   * year is one): the only way to a start date before today, and never offered through the API.
   */
  public Mono<Publication> importPastWindow(CurrentUser user, PublishInput in) {
    user.requireTownshipManager();
    return window(user, user.requireTenant(), Ids.parse("党支部", in.branchId()), in);
  }

  private Mono<Publication> window(CurrentUser user, TenantId tenant, UUID branch, PublishInput in) {
    return scope.mono(tenant, db -> settlements.current(db, tenant, branch, in.year())
        .switchIfEmpty(Mono.error(DomainException.badRequest("NOT_SETTLED", "该支部 %d 年尚未结算，不能公示".formatted(in.year()))))
        .flatMap(s -> calendar(db, tenant).flatMap(days -> db.sql("insert into publication (tenant_id, publication_id, branch_id, year, "
                + "settlement_id, starts_on, ends_on, published_by) values (:t, :id, :b, :y, :s, :start, :end, :by)")
            .bind("t", tenant.value()).bind("id", Ids.newId()).bind("b", branch).bind("y", in.year()).bind("s", s.id())
            .bind("start", in.startsOn()).bind("end", days.end(in.startsOn(), WINDOW_WORKING_DAYS)).bind("by", user.username())
            .fetch().rowsUpdated()
            .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("ALREADY_PUBLISHED", "该支部本年度结果已公示", Map.of()))))
        .then(load(db, tenant, branch, in.year())));
  }

  public Mono<Publication> get(CurrentUser user, String branchId, int year) {
    TenantId tenant = user.requireTenant();
    UUID branch = Ids.parse("党支部", branchId);
    return scope.mono(tenant, db -> members.manages(db, user, branch).flatMap(manages -> load(db, tenant, branch, year)
        .flatMap(p -> manages ? Mono.just(p) : own(user).map(me -> {
          if (!me.branchId().equals(branch)) {
            throw DomainException.forbidden("只能查看本支部的公示");
          }
          return new Publication(p.branchId(), p.year(), p.startsOn(), p.endsOn(), p.state(), p.settlementRun(),
              p.objections().stream().filter(o -> o.memberId().equals(me.id())).toList());
        }))));
  }

  private Mono<Member> own(CurrentUser user) {
    return user.memberCode().map(code -> members.getByCode(user, code))
        .orElse(Mono.error(DomainException.forbidden("该账号未关联党员档案")));
  }

  Mono<Publication> load(DatabaseClient db, TenantId tenant, UUID branch, int year) {
    LocalDate today = LocalDate.now(clock);
    return db.sql("select p.starts_on, " + EFFECTIVE_END + " as ends_on, s.run, f.settlement_id as final from publication p "
            + "join settlement s on s.tenant_id = p.tenant_id and s.settlement_id = p.settlement_id "
            + "left join final_result f on f.tenant_id = p.tenant_id and f.branch_id = p.branch_id and f.year = p.year "
            + "where p.tenant_id = :t and p.branch_id = :b and p.year = :y")
        .bind("t", tenant.value()).bind("b", branch).bind("y", year)
        .map(r -> new Object[] {r.get("starts_on", LocalDate.class), r.get("ends_on", LocalDate.class), r.get("run", Integer.class),
            r.get("final", UUID.class)})
        .one()
        .flatMap(row -> objections(db, tenant, branch, year, "SETTLEMENT").map(objections -> {
          LocalDate end = (LocalDate) row[1];
          State state = row[3] != null ? State.FINAL : today.isAfter(end) ? State.CLOSED : State.OPEN;
          return new Publication(branch, year, (LocalDate) row[0], end, state, (Integer) row[2], objections);
        }));
  }

  public Mono<List<Objection>> monthObjections(CurrentUser user, String branchId, int year) {
    TenantId tenant = user.requireTenant();
    UUID branch = Ids.parse("党支部", branchId);
    return scope.mono(tenant, db -> members.manages(db, user, branch).flatMap(manages -> objections(db, tenant, branch, year, "MONTH")
        .flatMap(list -> manages ? Mono.just(list)
            : own(user).map(me -> list.stream().filter(o -> o.memberId().equals(me.id())).toList()))));
  }

  private Mono<List<Objection>> objections(DatabaseClient db, TenantId tenant, UUID branch, int year, String kind) {
    return db.sql(SELECT + " where o.tenant_id = :t and o.branch_id = :b and o.year = :y and o.kind = :k order by o.filed_at")
        .bind("t", tenant.value()).bind("b", branch).bind("y", year).bind("k", kind)
        .map(PublicationService::read).all().collectList();
  }

  public record FileObjectionInput(String branchId, int year, Integer month, String text) {}

  /** A member objects for themself: to the results within the publication window, or to a confirmed month's scores. */
  public Mono<Objection> file(CurrentUser user, FileObjectionInput in) {
    TenantId tenant = user.requireTenant();
    UUID branch = Ids.parse("党支部", in.branchId());
    if (in.text() == null || in.text().isBlank()) {
      throw DomainException.badRequest("REASON_REQUIRED", "请写明异议的内容和理由");
    }
    return own(user).flatMap(me -> scope.mono(tenant, db -> {
      if (!me.branchId().equals(branch)) {
        return Mono.error(DomainException.forbidden("只能对本支部的公示提出异议"));
      }
      Mono<Void> allowed = in.month() == null
          ? load(db, tenant, branch, in.year())
              .switchIfEmpty(Mono.error(DomainException.badRequest("NOT_PUBLISHED", "本年度结果尚未公示")))
              .flatMap(p -> p.state() == State.OPEN ? Mono.<Void>empty()
                  : Mono.error(DomainException.badRequest("WINDOW_CLOSED", "公示期已于 %s 结束，不能再提出异议".formatted(p.endsOn()))))
          : db.sql("select state from month_sheet where tenant_id = :t and branch_id = :b and year = :y and month = :m")
              .bind("t", tenant.value()).bind("b", branch).bind("y", in.year()).bind("m", in.month())
              .map(r -> r.get("state", String.class)).one().defaultIfEmpty("OPEN")
              .flatMap(state -> "OPEN".equals(state) ? Mono.error(DomainException.badRequest("MONTH_NOT_CONFIRMED",
                  "该月积分尚未确认，请先与支部沟通")) : Mono.<Void>empty());
      UUID id = Ids.newId();
      var insert = db.sql("insert into objection (tenant_id, objection_id, kind, branch_id, year, month, member_id, text) "
              + "values (:t, :id, :k, :b, :y, :m, :member, :text)")
          .bind("t", tenant.value()).bind("id", id).bind("k", in.month() == null ? "SETTLEMENT" : "MONTH").bind("b", branch)
          .bind("y", in.year()).bind("member", me.id()).bind("text", in.text().trim());
      var spec = com.jifen.shared.Sql.bind(insert, "m", in.month(), Integer.class);
      return allowed.then(spec.fetch().rowsUpdated()).then(find(db, tenant, id));
    }));
  }

  public record AnswerObjectionInput(String objectionId, boolean upheld, String answer) {}

  public Mono<Objection> answer(CurrentUser user, AnswerObjectionInput in) {
    TenantId tenant = user.requireTenant();
    UUID id = Ids.parse("异议", in.objectionId());
    if (in.answer() == null || in.answer().isBlank()) {
      throw DomainException.badRequest("REASON_REQUIRED", "答复须写明调查结果；不予采纳的，须写明理由");
    }
    return scope.mono(tenant, db -> db.sql("select branch_id from objection where tenant_id = :t and objection_id = :id")
        .bind("t", tenant.value()).bind("id", id).map(r -> r.get("branch_id", UUID.class)).one()
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("异议", id)))
        .flatMap(branch -> members.manages(db, user, branch))
        .flatMap(ok -> ok ? db.sql("insert into objection_answer (tenant_id, objection_id, upheld, answer, answered_by) "
                + "values (:t, :id, :u, :a, :by)")
            .bind("t", tenant.value()).bind("id", id).bind("u", in.upheld()).bind("a", in.answer().trim()).bind("by", user.username())
            .fetch().rowsUpdated()
            .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("ALREADY_ANSWERED", "该异议已答复", Map.of()))
            : Mono.error(DomainException.forbidden("只有本支部书记或乡镇管理员可以答复异议")))
        .then(find(db, tenant, id)));
  }

  public record FinalizeInput(String branchId, int year) {}

  /** Final only when the window has closed and every objection is answered; the latest settlement run stands. */
  public Mono<Publication> finalizeResults(CurrentUser user, FinalizeInput in) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    UUID branch = Ids.parse("党支部", in.branchId());
    return scope.mono(tenant, db -> load(db, tenant, branch, in.year())
        .switchIfEmpty(Mono.error(DomainException.badRequest("NOT_PUBLISHED", "本年度结果尚未公示")))
        .flatMap(p -> {
          switch (p.state()) {
            case OPEN -> {
              return Mono.error(DomainException.badRequest("WINDOW_OPEN", "公示期至 %s 结束，期满后才能确认最终结果".formatted(p.endsOn())));
            }
            case FINAL -> {
              return Mono.error(DomainException.conflict("ALREADY_FINAL", "本年度结果已确认", Map.of()));
            }
            default -> { }
          }
          long pending = p.objections().stream().filter(o -> o.upheld() == null).count();
          if (pending > 0) {
            return Mono.error(DomainException.badRequest("OBJECTIONS_PENDING", "还有 %d 条异议未答复，不能确认最终结果".formatted(pending)));
          }
          return settlements.current(db, tenant, branch, in.year()).flatMap(s -> db.sql(
                  "insert into final_result (tenant_id, branch_id, year, settlement_id, finalized_by) values (:t, :b, :y, :s, :by)")
              .bind("t", tenant.value()).bind("b", branch).bind("y", in.year()).bind("s", s.id()).bind("by", user.username())
              .fetch().rowsUpdated());
        })
        .then(load(db, tenant, branch, in.year())));
  }

  private static final String SELECT = "select o.*, a.upheld, a.answer, a.answered_by, a.answered_at from objection o "
      + "left join objection_answer a on a.tenant_id = o.tenant_id and a.objection_id = o.objection_id";

  private Mono<Objection> find(DatabaseClient db, TenantId tenant, UUID id) {
    return db.sql(SELECT + " where o.tenant_id = :t and o.objection_id = :id").bind("t", tenant.value()).bind("id", id)
        .map(PublicationService::read).one();
  }

  private static Objection read(Readable r) {
    OffsetDateTime answered = r.get("answered_at", OffsetDateTime.class);
    return new Objection(new TenantId(r.get("tenant_id", String.class)), r.get("objection_id", UUID.class), r.get("kind", String.class),
        r.get("member_id", UUID.class), r.get("year", Integer.class), r.get("month", Integer.class), r.get("text", String.class),
        r.get("filed_at", OffsetDateTime.class).toInstant(), r.get("upheld", Boolean.class), r.get("answer", String.class),
        r.get("answered_by", String.class), answered == null ? null : answered.toInstant());
  }
}
