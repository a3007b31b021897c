package com.jifen.statistics.internal;

import com.jifen.tenancy.TenantTx;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * The SQL of the county review, each read inside one township's tenant transaction. Every row is an aggregate
 * (per branch, month, category or ballot); none carries a member's id, name or score.
 */
final class ReviewQueries {
  private ReviewQueries() {}

  record Branch(UUID id, String code, String name, String category) {}

  /** A branch month from review_branch_month (kept by triggers on ledger_entry and month_sheet). */
  record BranchMonth(UUID branchId, int year, int month, String schemeCode, int membersScored, int modalMembers,
      BigDecimal totalMin, BigDecimal totalMax, BigDecimal totalStddev, int selfAssessed, int selfEqual, LocalDate enteredOn,
      int lateEntries, OffsetDateTime confirmedAt, OffsetDateTime publishedAt) {

    BigDecimal spread() {
      return totalMax == null ? null : totalMax.subtract(totalMin);
    }
  }

  /** Members of a branch and category as of a year: joined by its end, not left before its start. */
  record Membership(UUID branchId, String category, int year, int members, int scored) {}

  record BranchYear(UUID branchId, int year, String category, String schemeCode, int graded, List<BigDecimal> totals,
      String grades, String stars) {}

  /** Objections filed and upheld, and follow-up notices past their deadline without an outcome. */
  record FollowUp(UUID branchId, String category, int year, int objections, int upheld, int overdueNotices) {}

  /** Which scheme scores a category in a year (the pin). */
  record Pin(int year, String category, String schemeCode) {}

  /** One subject's tally in a closed ballot, as settlement reads it (ballot_tally), never a single vote. */
  record SubjectTally(UUID ballotId, UUID branchId, String form, int minRaters, int codesIssued, LocalDate closedOn,
      int criteria, int votes, String signature) {}

  record Stars(UUID branchId, String period, int awarded) {}

  record Ack(String alarmKey, String by, OffsetDateTime at, String comment) {}

  static Mono<List<Branch>> branches(TenantTx tx) {
    return tx.sql("""
            select o.org_id, o.code, o.name,
                   coalesce(o.category, (select min(m.category) from member m where m.tenant_id = o.tenant_id and m.branch_id = o.org_id)) as category
            from organization o where o.tenant_id = :t and o.kind = 'BRANCH' order by o.code""")
        .bind("t", tx.tenant().value())
        .map(r -> new Branch(r.get("org_id", UUID.class), r.get("code", String.class), r.get("name", String.class),
            r.get("category", String.class)))
        .all().collectList();
  }

  static Mono<List<BranchMonth>> months(TenantTx tx, int fromYear, int toYear) {
    return tx.sql("select * from review_branch_month where tenant_id = :t and year between :a and :b")
        .bind("t", tx.tenant().value()).bind("a", fromYear).bind("b", toYear)
        .map(r -> new BranchMonth(r.get("branch_id", UUID.class), r.get("year", Integer.class), r.get("month", Integer.class),
            r.get("scheme_code", String.class), r.get("members_scored", Integer.class), r.get("modal_members", Integer.class),
            r.get("total_min", BigDecimal.class), r.get("total_max", BigDecimal.class), r.get("total_stddev", BigDecimal.class),
            r.get("self_assessed", Integer.class), r.get("self_equal", Integer.class), r.get("entered_on", LocalDate.class),
            r.get("late_entries", Integer.class), r.get("confirmed_at", OffsetDateTime.class), r.get("published_at", OffsetDateTime.class)))
        .all().collectList();
  }

  static Mono<List<Membership>> memberships(TenantTx tx, int year) {
    return tx.sql("""
            select branch_id, category, y, count(*)::int as members, count(*) filter (where not exempt)::int as scored
            from member, (values (:y), (:y - 1)) as v(y)
            where tenant_id = :t and (join_date is null or join_date <= make_date(y, 12, 31))
              and (left_on is null or left_on >= make_date(y, 1, 1))
            group by 1, 2, 3""")
        .bind("t", tx.tenant().value()).bind("y", year)
        .map(r -> new Membership(r.get("branch_id", UUID.class), r.get("category", String.class), r.get("y", Integer.class),
            r.get("members", Integer.class), r.get("scored", Integer.class)))
        .all().collectList();
  }

  static Mono<List<BranchYear>> years(TenantTx tx, int year) {
    return tx.sql("""
            select branch_id, year, category, scheme_code, graded, totals, grades::text as grades, stars::text as stars
            from review_branch_year where tenant_id = :t and year in (:y, :y - 1)""")
        .bind("t", tx.tenant().value()).bind("y", year)
        .map(r -> new BranchYear(r.get("branch_id", UUID.class), r.get("year", Integer.class), r.get("category", String.class),
            r.get("scheme_code", String.class), r.get("graded", Integer.class), List.of(r.get("totals", BigDecimal[].class)),
            r.get("grades", String.class), r.get("stars", String.class)))
        .all().collectList();
  }

  static Mono<List<FollowUp>> followUps(TenantTx tx, int year, LocalDate today) {
    return tx.sql("""
            select branch_id, category, year, sum(objections)::int as objections, sum(upheld)::int as upheld, sum(overdue)::int as overdue
            from (select o.branch_id, m.category, o.year, 1 as objections, case when a.upheld then 1 else 0 end as upheld, 0 as overdue
                  from objection o join member m on m.tenant_id = o.tenant_id and m.member_id = o.member_id
                  left join objection_answer a on a.tenant_id = o.tenant_id and a.objection_id = o.objection_id
                  where o.tenant_id = :t and o.year in (:y, :y - 1)
                  union all
                  select m.branch_id, m.category, n.year, 0, 0, 1
                  from notice n join member m on m.tenant_id = n.tenant_id and m.member_id = n.member_id
                  where n.tenant_id = :t and n.year in (:y, :y - 1) and n.deadline < :today
                    and not exists (select 1 from notice_outcome x where x.tenant_id = n.tenant_id and x.notice_id = n.notice_id)) f
            group by 1, 2, 3""")
        .bind("t", tx.tenant().value()).bind("y", year).bind("today", today)
        .map(r -> new FollowUp(r.get("branch_id", UUID.class), r.get("category", String.class), r.get("year", Integer.class),
            r.get("objections", Integer.class), r.get("upheld", Integer.class), r.get("overdue", Integer.class)))
        .all().collectList();
  }

  static Mono<List<Pin>> pins(TenantTx tx, int year) {
    return tx.sql("select year, category, scheme_code from scoring_year where tenant_id = :t and year in (:y, :y - 1)")
        .bind("t", tx.tenant().value()).bind("y", year)
        .map(r -> new Pin(r.get("year", Integer.class), r.get("category", String.class), r.get("scheme_code", String.class)))
        .all().collectList();
  }

  /**
   * Closed ballots' tallies per subject: how many criteria (options, items or rater groups) got a vote (a tally has a
   * row for every criterion from the start, chosen or not, for ballot secrecy), its
   * votes, and its tally as one text so identical tallies compare equal. Only ballot and ballot_tally are read:
   * individual votes are not needed (and are on their way out for ballot secrecy).
   */
  static Mono<List<SubjectTally>> tallies(TenantTx tx, int year) {
    return tx.sql("""
            select b.ballot_id, b.branch_id, b.form, b.min_raters, b.codes_issued, (b.closed_at at time zone 'Asia/Shanghai')::date as closed_on,
                   count(distinct x.criterion) filter (where x.votes > 0)::int as criteria, sum(x.votes)::int as votes,
                   string_agg(x.criterion || '/' || x.rater_group || '/' || x.votes || '/' || x.total, ',' order by x.criterion, x.rater_group)
                     filter (where x.votes > 0) as signature
            from ballot b join ballot_tally x on x.tenant_id = b.tenant_id and x.ballot_id = b.ballot_id
            where b.tenant_id = :t and b.year = :y and b.state = 'CLOSED'
            group by b.ballot_id, b.branch_id, b.form, b.min_raters, b.codes_issued, b.closed_at, x.subject_id""")
        .bind("t", tx.tenant().value()).bind("y", year)
        .map(r -> new SubjectTally(r.get("ballot_id", UUID.class), r.get("branch_id", UUID.class), r.get("form", String.class),
            r.get("min_raters", Integer.class), r.get("codes_issued", Integer.class), r.get("closed_on", LocalDate.class),
            r.get("criteria", Integer.class), r.get("votes", Integer.class), r.get("signature", String.class)))
        .all().collectList();
  }

  static Mono<List<Stars>> quarterStars(TenantTx tx, int year) {
    return tx.sql("select branch_id, period, count(*)::int as n from star_award where tenant_id = :t and year = :y and period like 'Q%' group by 1, 2")
        .bind("t", tx.tenant().value()).bind("y", year)
        .map(r -> new Stars(r.get("branch_id", UUID.class), r.get("period", String.class), r.get("n", Integer.class)))
        .all().collectList();
  }

  static Mono<List<Ack>> acks(TenantTx tx) {
    return tx.sql("select alarm_key, acknowledged_by, acknowledged_at, comment from review_alarm_ack where tenant_id = :t")
        .bind("t", tx.tenant().value())
        .map(r -> new Ack(r.get("alarm_key", String.class), r.get("acknowledged_by", String.class),
            r.get("acknowledged_at", OffsetDateTime.class), r.get("comment", String.class)))
        .all().collectList();
  }

  static Mono<Long> acknowledge(TenantTx tx, String key, String county, String by, OffsetDateTime at, String comment) {
    return tx.sql("insert into review_alarm_ack (tenant_id, alarm_key, county_id, acknowledged_by, acknowledged_at, comment) "
            + "values (:t, :k, :c, :by, :at, :comment)")
        .bind("t", tx.tenant().value()).bind("k", key).bind("c", county).bind("by", by).bind("at", at).bind("comment", comment)
        .fetch().rowsUpdated();
  }
}
