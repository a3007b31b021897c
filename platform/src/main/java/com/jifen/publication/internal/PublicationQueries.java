package com.jifen.publication.internal;

import com.jifen.publication.PublicationService.CalendarDayInput;
import com.jifen.publication.WorkingDays;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.MemberId;
import com.jifen.shared.ObjectionId;
import com.jifen.shared.SettlementId;
import com.jifen.shared.Sql;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantTx;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The SQL of publication: the township's calendar, publication windows and their extensions, objections and their
 * answers, final results; and what the public board reads of the branches and the published month sheets.
 */
final class PublicationQueries {
  private PublicationQueries() {}

  /** A window as published (endsOn extended by any holiday added during it); finalSettlement: null until final. */
  record Window(UUID publication, LocalDate startsOn, LocalDate endsOn, int settlementRun, SettlementId finalSettlement) {}

  /** A window whose results are not final yet, with its effective last day. */
  record OpenWindow(UUID publication, LocalDate startsOn, LocalDate endsOn) {}

  record NewObjection(ObjectionId id, Objection.Kind kind, BranchId branch, int year, Integer month, MemberId member, String text) {}

  /** A branch as the public board lists it. */
  record BoardBranch(BranchId id, String code, String name) {}

  /** A window's last day: as published, or as a holiday added during it extended it. */
  private static final String EFFECTIVE_END = "greatest(p.ends_on, (select max(x.ends_on) from publication_extension x "
      + "where x.tenant_id = p.tenant_id and x.publication_id = p.publication_id))";

  private static final String OBJECTION = "select o.*, a.upheld, a.answer, a.answered_by, a.answered_at from objection o "
      + "left join objection_answer a on a.tenant_id = o.tenant_id and a.objection_id = o.objection_id";

  static Mono<WorkingDays> workingDays(TenantTx tx) {
    return tx.sql("select day, kind from calendar_day where tenant_id = :tenant").bind("tenant", tx.tenant().value())
        .map(r -> Map.entry(r.get("day", LocalDate.class), r.get("kind", String.class))).all().collectList()
        .map(rows -> {
          Set<LocalDate> holidays = new HashSet<>();
          Set<LocalDate> makeup = new HashSet<>();
          rows.forEach(e -> (e.getValue().equals("HOLIDAY") ? holidays : makeup).add(e.getKey()));
          return new WorkingDays(holidays, makeup);
        });
  }

  /** The days given replace whatever the calendar said of them. */
  static Mono<Long> replaceCalendarDays(TenantTx tx, List<CalendarDayInput> days) {
    LocalDate[] dates = days.stream().map(CalendarDayInput::day).toArray(LocalDate[]::new);
    return tx.sql("delete from calendar_day where tenant_id = :tenant and day = any(:days)")
        .bind("tenant", tx.tenant().value()).bind("days", dates).fetch().rowsUpdated()
        .then(tx.sql("insert into calendar_day (tenant_id, day, kind, name) select :tenant, d, k, n "
                + "from unnest(:days::date[], :kinds::text[], :names::text[]) as u(d, k, n)")
            .bind("tenant", tx.tenant().value()).bind("days", dates)
            .bind("kinds", days.stream().map(CalendarDayInput::kind).toArray(String[]::new))
            .bind("names", days.stream().map(CalendarDayInput::name).toArray(String[]::new))
            .fetch().rowsUpdated());
  }

  /** Windows whose results are not final yet, with their effective last day. */
  static Flux<OpenWindow> windowsNotFinal(TenantTx tx) {
    return tx.sql("select p.publication_id, p.starts_on, " + EFFECTIVE_END + " as ends_on from publication p "
            + "where p.tenant_id = :tenant and not exists (select 1 from final_result f "
            + "where f.tenant_id = p.tenant_id and f.branch_id = p.branch_id and f.year = p.year)")
        .bind("tenant", tx.tenant().value())
        .map(r -> new OpenWindow(r.get("publication_id", UUID.class), r.get("starts_on", LocalDate.class),
            r.get("ends_on", LocalDate.class)))
        .all();
  }

  static Mono<Long> extendWindow(TenantTx tx, UUID publication, LocalDate endsOn, String reason, String recordedBy,
      Instant recordedAt) {
    return tx.sql("insert into publication_extension (tenant_id, publication_id, ends_on, reason, recorded_by, recorded_at) "
            + "values (:tenant, :publication, :endsOn, :reason, :recordedBy, :at)").bind("at", recordedAt)
        .bind("tenant", tx.tenant().value()).bind("publication", publication).bind("endsOn", endsOn)
        .bind("reason", reason).bind("recordedBy", recordedBy).fetch().rowsUpdated();
  }

  static Mono<Long> insertPublication(TenantTx tx, BranchId branch, int year, SettlementId settlement, LocalDate startsOn,
      LocalDate endsOn, String publishedBy, Instant publishedAt) {
    return tx.sql("insert into publication (tenant_id, publication_id, branch_id, year, settlement_id, starts_on, ends_on, "
            + "published_by, published_at) values (:tenant, :publication, :branch, :year, :settlement, :startsOn, :endsOn, "
            + ":publishedBy, :at)").bind("at", publishedAt)
        .bind("tenant", tx.tenant().value()).bind("publication", Ids.newId()).bind("branch", branch.value())
        .bind("year", year).bind("settlement", settlement.value()).bind("startsOn", startsOn).bind("endsOn", endsOn)
        .bind("publishedBy", publishedBy).fetch().rowsUpdated();
  }

  static Mono<Window> windowOf(TenantTx tx, BranchId branch, int year) {
    return tx.sql("select p.publication_id, p.starts_on, " + EFFECTIVE_END + " as ends_on, s.run, f.settlement_id as final "
            + "from publication p join settlement s on s.tenant_id = p.tenant_id and s.settlement_id = p.settlement_id "
            + "left join final_result f on f.tenant_id = p.tenant_id and f.branch_id = p.branch_id and f.year = p.year "
            + "where p.tenant_id = :tenant and p.branch_id = :branch and p.year = :year")
        .bind("tenant", tx.tenant().value()).bind("branch", branch.value()).bind("year", year)
        .map(r -> {
          UUID finalRun = r.get("final", UUID.class);
          return new Window(r.get("publication_id", UUID.class), r.get("starts_on", LocalDate.class),
              r.get("ends_on", LocalDate.class), r.get("run", Integer.class), finalRun == null ? null : new SettlementId(finalRun));
        })
        .one();
  }

  /** Whether the branch's results of the year were finalized. */
  /**
   * Settling a branch's year and finalizing it take this lock until they commit, so neither reads the other's state
   * half done: a settle that passed the final check cannot store a run after a finalize recorded the one before it.
   */
  static Mono<Void> lockBranchYear(TenantTx tx, BranchId branch, int year) {
    return tx.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
        .bind("key", "branch-year:%s:%s:%d".formatted(tx.tenant().value(), branch.value(), year))
        .then();
  }

  static Mono<Boolean> isFinal(TenantTx tx, BranchId branch, int year) {
    return tx.sql("select exists (select 1 from final_result where tenant_id = :tenant and branch_id = :branch "
            + "and year = :year) as final")
        .bind("tenant", tx.tenant().value()).bind("branch", branch.value()).bind("year", year)
        .map(r -> r.get("final", Boolean.class)).one();
  }

  static Mono<Long> insertFinalResult(TenantTx tx, BranchId branch, int year, SettlementId settlement, String finalizedBy,
      Instant finalizedAt) {
    return tx.sql("insert into final_result (tenant_id, branch_id, year, settlement_id, finalized_by, finalized_at) "
            + "values (:tenant, :branch, :year, :settlement, :finalizedBy, :at)").bind("at", finalizedAt)
        .bind("tenant", tx.tenant().value()).bind("branch", branch.value()).bind("year", year)
        .bind("settlement", settlement.value()).bind("finalizedBy", finalizedBy).fetch().rowsUpdated();
  }

  static Mono<List<Objection>> objections(TenantTx tx, BranchId branch, int year, Objection.Kind kind) {
    return tx.sql(OBJECTION + " where o.tenant_id = :tenant and o.branch_id = :branch and o.year = :year and o.kind = :kind "
            + "order by o.filed_at")
        .bind("tenant", tx.tenant().value()).bind("branch", branch.value()).bind("year", year).bind("kind", kind.name())
        .map(PublicationQueries::readObjection).all().collectList();
  }

  static Mono<Objection> objection(TenantTx tx, ObjectionId id) {
    return tx.sql(OBJECTION + " where o.tenant_id = :tenant and o.objection_id = :objection")
        .bind("tenant", tx.tenant().value()).bind("objection", id.value())
        .map(PublicationQueries::readObjection).one();
  }

  static Mono<BranchId> branchOfObjection(TenantTx tx, ObjectionId id) {
    return tx.sql("select branch_id from objection where tenant_id = :tenant and objection_id = :objection")
        .bind("tenant", tx.tenant().value()).bind("objection", id.value())
        .map(r -> new BranchId(r.get("branch_id", UUID.class))).one()
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("异议", id.value())));
  }

  static Mono<Long> insertObjection(TenantTx tx, NewObjection o, Instant filedAt) {
    var spec = tx.sql("insert into objection (tenant_id, objection_id, kind, branch_id, year, month, member_id, text, filed_at) "
            + "values (:tenant, :objection, :kind, :branch, :year, :month, :member, :text, :at)").bind("at", filedAt)
        .bind("tenant", tx.tenant().value()).bind("objection", o.id().value()).bind("kind", o.kind().name())
        .bind("branch", o.branch().value()).bind("year", o.year()).bind("member", o.member().value()).bind("text", o.text());
    return Sql.bind(spec, "month", o.month(), Integer.class).fetch().rowsUpdated();
  }

  static Mono<Long> insertAnswer(TenantTx tx, ObjectionId id, boolean upheld, String answer, String answeredBy,
      Instant answeredAt) {
    return tx.sql("insert into objection_answer (tenant_id, objection_id, upheld, answer, answered_by, answered_at) "
            + "values (:tenant, :objection, :upheld, :answer, :answeredBy, :at)").bind("at", answeredAt)
        .bind("tenant", tx.tenant().value()).bind("objection", id.value()).bind("upheld", upheld).bind("answer", answer)
        .bind("answeredBy", answeredBy).fetch().rowsUpdated();
  }

  /** The state of a branch's month sheet (ledger's table), OPEN when there is none yet. */
  static Mono<String> monthSheetState(TenantTx tx, BranchId branch, int year, int month) {
    return tx.sql("select state from month_sheet where tenant_id = :tenant and branch_id = :branch and year = :year "
            + "and month = :month")
        .bind("tenant", tx.tenant().value()).bind("branch", branch.value()).bind("year", year).bind("month", month)
        .map(r -> r.get("state", String.class)).one().defaultIfEmpty("OPEN");
  }

  /** The township's branches in code order. */
  static Mono<List<BoardBranch>> boardBranches(TenantTx tx) {
    return tx.sql("select org_id, code, name from organization where tenant_id = :tenant and kind = 'BRANCH' order by code")
        .bind("tenant", tx.tenant().value())
        .map(r -> new BoardBranch(new BranchId(r.get("org_id", UUID.class)), r.get("code", String.class), r.get("name", String.class)))
        .all().collectList();
  }

  static Mono<List<Integer>> publishedMonths(TenantTx tx, BranchId branch, int year) {
    return tx.sql("select month from published_sheet where tenant_id = :tenant and branch_id = :branch and year = :year "
            + "order by month")
        .bind("tenant", tx.tenant().value()).bind("branch", branch.value()).bind("year", year)
        .map(r -> r.get("month", Integer.class)).all().collectList();
  }

  private static Objection readObjection(Readable r) {
    OffsetDateTime answered = r.get("answered_at", OffsetDateTime.class);
    return new Objection(new TenantId(r.get("tenant_id", String.class)), new ObjectionId(r.get("objection_id", UUID.class)),
        Objection.Kind.valueOf(r.get("kind", String.class)), new MemberId(r.get("member_id", UUID.class)),
        r.get("year", Integer.class), r.get("month", Integer.class), r.get("text", String.class),
        r.get("filed_at", OffsetDateTime.class).toInstant(), r.get("upheld", Boolean.class), r.get("answer", String.class),
        r.get("answered_by", String.class), answered == null ? null : answered.toInstant());
  }
}
