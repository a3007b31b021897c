package com.jifen.publication.internal;

import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.MemberId;
import com.jifen.shared.NoticeId;
import com.jifen.shared.RemovalCaseId;
import com.jifen.shared.SettlementId;
import com.jifen.shared.Sql;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantTx;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/** The SQL of 组织处理: notices and their outcomes, removal cases and their steps. */
final class FollowUpQueries {
  private FollowUpQueries() {}

  record NewNotice(MemberId member, int year, Notice.Kind kind, String grade, LocalDate issuedOn, LocalDate deadline,
      String issuedBy) {}

  record NewStep(RemovalCaseId removalCase, int step, String note, String approvedBySuperior, String actor) {}

  private static final String NOTICE = "select n.*, o.improved, o.note from notice n left join notice_outcome o "
      + "on o.tenant_id = n.tenant_id and o.notice_id = n.notice_id";

  /** The settlement that became the branch's final result of the year, if it did. */
  static Mono<SettlementId> finalSettlement(TenantTx tx, BranchId branch, int year) {
    return tx.sql("select settlement_id from final_result where tenant_id = :tenant and branch_id = :branch and year = :year")
        .bind("tenant", tx.tenant().value()).bind("branch", branch.value()).bind("year", year)
        .map(r -> new SettlementId(r.get("settlement_id", UUID.class))).one();
  }

  /** A member has at most one notice of a kind a year: issuing again adds nothing. */
  static Mono<Long> insertNotice(TenantTx tx, NewNotice n) {
    return tx.sql("insert into notice (tenant_id, notice_id, member_id, year, kind, grade, issued_on, deadline, issued_by) "
            + "values (:tenant, :notice, :member, :year, :kind, :grade, :issuedOn, :deadline, :issuedBy) on conflict do nothing")
        .bind("tenant", tx.tenant().value()).bind("notice", Ids.newId()).bind("member", n.member().value())
        .bind("year", n.year()).bind("kind", n.kind().name()).bind("grade", n.grade()).bind("issuedOn", n.issuedOn())
        .bind("deadline", n.deadline()).bind("issuedBy", n.issuedBy()).fetch().rowsUpdated();
  }

  /** The township's notices of a year (of one branch, when given), by deadline; overdue: still open past it. */
  static Mono<List<Notice>> notices(TenantTx tx, int year, BranchId branch, boolean overdueOnly, LocalDate today) {
    var spec = tx.sql(NOTICE + " join member m on m.tenant_id = n.tenant_id and m.member_id = n.member_id "
            + "where n.tenant_id = :tenant and n.year = :year" + (branch == null ? "" : " and m.branch_id = :branch")
            + (overdueOnly ? " and o.notice_id is null and n.deadline < :today" : "") + " order by n.deadline, m.code")
        .bind("tenant", tx.tenant().value()).bind("year", year);
    if (branch != null) {
      spec = spec.bind("branch", branch.value());
    }
    if (overdueOnly) {
      spec = spec.bind("today", today);
    }
    return spec.map(r -> readNotice(r, today)).all().collectList();
  }

  /** A member's notices, every year, latest first. */
  static Mono<List<Notice>> noticesOf(TenantTx tx, MemberId member, LocalDate today) {
    return tx.sql(NOTICE + " where n.tenant_id = :tenant and n.member_id = :member order by n.year desc, n.deadline")
        .bind("tenant", tx.tenant().value()).bind("member", member.value())
        .map(r -> readNotice(r, today)).all().collectList();
  }

  static Mono<Notice> notice(TenantTx tx, NoticeId id, LocalDate today) {
    return tx.sql(NOTICE + " where n.tenant_id = :tenant and n.notice_id = :notice")
        .bind("tenant", tx.tenant().value()).bind("notice", id.value()).map(r -> readNotice(r, today)).one()
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("通知书", id.value())));
  }

  static Mono<Long> insertOutcome(TenantTx tx, NoticeId id, boolean improved, String note, String decidedBy, LocalDate on) {
    return tx.sql("insert into notice_outcome (tenant_id, notice_id, improved, note, decided_by, decided_on) "
            + "values (:tenant, :notice, :improved, :note, :decidedBy, :decidedOn)")
        .bind("tenant", tx.tenant().value()).bind("notice", id.value()).bind("improved", improved).bind("note", note)
        .bind("decidedBy", decidedBy).bind("decidedOn", on).fetch().rowsUpdated();
  }

  static Mono<Long> insertRemovalCase(TenantTx tx, RemovalCaseId id, MemberId member, RemovalCase.Ground ground, String openedBy,
      Instant openedAt) {
    return tx.sql("insert into removal_case (tenant_id, case_id, member_id, ground, opened_by, opened_at) "
            + "values (:tenant, :removalCase, :member, :ground, :openedBy, :at)").bind("at", openedAt)
        .bind("tenant", tx.tenant().value()).bind("removalCase", id.value()).bind("member", member.value())
        .bind("ground", ground.name()).bind("openedBy", openedBy).fetch().rowsUpdated();
  }

  static Mono<Long> insertStep(TenantTx tx, NewStep s, Instant recordedAt) {
    var spec = tx.sql("insert into removal_step (tenant_id, case_id, step, note, approved_by_superior, actor, recorded_at) "
            + "values (:tenant, :removalCase, :step, :note, :approvedBySuperior, :actor, :at)").bind("at", recordedAt)
        .bind("tenant", tx.tenant().value()).bind("removalCase", s.removalCase().value()).bind("step", s.step())
        .bind("note", s.note()).bind("actor", s.actor());
    return Sql.bind(spec, "approvedBySuperior", s.approvedBySuperior(), String.class).fetch().rowsUpdated();
  }

  static Mono<RemovalCase> removalCase(TenantTx tx, RemovalCaseId id) {
    return tx.sql("select member_id, ground from removal_case where tenant_id = :tenant and case_id = :removalCase")
        .bind("tenant", tx.tenant().value()).bind("removalCase", id.value())
        .map(r -> new RemovalCase(tx.tenant(), id, new MemberId(r.get("member_id", UUID.class)),
            RemovalCase.Ground.valueOf(r.get("ground", String.class)), List.of()))
        .one()
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("除名程序", id.value())))
        .flatMap(c -> tx.sql("select * from removal_step where tenant_id = :tenant and case_id = :removalCase order by step")
            .bind("tenant", tx.tenant().value()).bind("removalCase", id.value())
            .map(FollowUpQueries::readStep).all().collectList()
            .map(steps -> new RemovalCase(c.tenantId(), c.id(), c.memberId(), c.ground(), steps)));
  }

  /**
   * The township's removal cases, open ones first, then newest first: two queries for the whole list (cases, then
   * every step of them), not one per case.
   */
  static Mono<List<RemovalCase>> removalCases(TenantTx tx) {
    TenantId tenant = tx.tenant();
    return tx.sql("select case_id, member_id, ground from removal_case where tenant_id = :tenant order by opened_at desc, case_id")
        .bind("tenant", tenant.value())
        .map(r -> new RemovalCase(tenant, new RemovalCaseId(r.get("case_id", UUID.class)), new MemberId(r.get("member_id", UUID.class)),
            RemovalCase.Ground.valueOf(r.get("ground", String.class)), List.of()))
        .all().collectList()
        .flatMap(cases -> tx.sql("select * from removal_step where tenant_id = :tenant order by case_id, step")
            .bind("tenant", tenant.value())
            .map(r -> Map.entry(new RemovalCaseId(r.get("case_id", UUID.class)), readStep(r))).all()
            .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())))
            .map(steps -> cases.stream()
                .map(c -> new RemovalCase(tenant, c.id(), c.memberId(), c.ground(), steps.getOrDefault(c.id(), List.of())))
                .sorted(Comparator.comparing(RemovalCase::complete))
                .toList()));
  }

  private static RemovalCase.Step readStep(Readable r) {
    int step = r.get("step", Integer.class);
    return new RemovalCase.Step(step, RemovalCase.STEPS.get(step - 1), r.get("note", String.class),
        r.get("approved_by_superior", String.class), r.get("actor", String.class),
        r.get("recorded_at", OffsetDateTime.class).toInstant());
  }

  private static Notice readNotice(Readable r, LocalDate today) {
    Boolean improved = r.get("improved", Boolean.class);
    LocalDate deadline = r.get("deadline", LocalDate.class);
    return new Notice(new TenantId(r.get("tenant_id", String.class)), new NoticeId(r.get("notice_id", UUID.class)),
        new MemberId(r.get("member_id", UUID.class)), r.get("year", Integer.class), Notice.Kind.valueOf(r.get("kind", String.class)),
        r.get("grade", String.class), r.get("issued_on", LocalDate.class), deadline,
        improved == null && deadline.isBefore(today), improved, r.get("note", String.class));
  }
}
