package com.jifen.demo;

import com.jifen.tenancy.TenantTx;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * The set-based SQL of the demo year: every statement writes one kind of row for a whole township (or one scheme's
 * branches of it) at once, so a year of a county loads in seconds. Values are drawn from hashes of a member's township
 * and code ({@link #MEMBER}), so a member keeps one character across months (a few weak members, most good, some
 * excellent) and every load of the demo county gives the same year, whatever ids its rows were given.
 *
 * <p>{@code q(member)} = hash of the member mod 100 is a member's standing: below 4 weak, below 15 fair, below 50
 * good, else strong. Timestamps are set to when a clerk would have done the work (end of month, next month's first
 * days), so nothing appears as a later correction of a published month.
 */
final class DemoYearSql {
  private DemoYearSql() {}

  /** Scored members of the branches of one scheme: the common FROM of most statements. */
  private static final String SCORED = "member m join organization o on o.tenant_id = m.tenant_id and o.org_id = m.branch_id "
      + "where m.tenant_id = :t and m.status = 'ACTIVE' and not m.exempt and m.branch_id = any(:branches)";

  /** What a member's figures are drawn from: stable across loads, unlike the member's id. */
  private static final String MEMBER = "(m.tenant_id || ':' || m.code)";

  /** A member's standing, 0–99. */
  private static final String Q = "(abs(hashtext(" + MEMBER + ")) % 100)";

  /** How many points below an item's maximum a member scores in a month and item (0–5). */
  private static final String PENALTY = "(case when " + Q + " < 4 then 3 when " + Q + " < 15 then 1 else 0 end "
      + "+ case when abs(hashtext(" + MEMBER + " || mo || i.code)) % 10 < 6 then 0 "
      + "when abs(hashtext(" + MEMBER + " || mo || i.code)) % 10 < 9 then 1 else 2 end)";

  /**
   * Rows written moments ago have no statistics yet (the service's role may not ANALYZE), so the planner takes them
   * for one row each and joins them by nested loops: 15 s instead of 2 s for a township's published sheets. Hash joins
   * for the rest of this transaction only.
   */
  static Mono<Void> planForFreshRows(TenantTx tx) {
    return tx.sql("set local enable_nestloop = off").then();
  }

  static Mono<Long> pinYear(TenantTx tx, int from, int to, Instant pinnedAt) {
    return tx.sql("insert into scoring_year (tenant_id, year, category, scheme_code, version, pinned_by, pinned_at) "
            + "select tenant_id, :to, category, scheme_code, version, 'demo', :at from scoring_year where tenant_id = :t and year = :from "
            + "on conflict do nothing")
        .bind("at", pinnedAt).bind("t", tx.tenant().value()).bind("from", from).bind("to", to).fetch().rowsUpdated();
  }

  /** Whether the township already has a ledger for the year: the demo year is then left alone. */
  static Mono<Boolean> hasYear(TenantTx tx, int year) {
    return tx.sql("select exists (select 1 from ledger_entry where tenant_id = :t and year = :y) as present")
        .bind("t", tx.tenant().value()).bind("y", year).map(r -> Boolean.TRUE.equals(r.get("present", Boolean.class))).one();
  }

  /** Branches with scored members, grouped by the category that picks their scheme. */
  record Branch(UUID id, String category) {}

  static Mono<List<Branch>> branches(TenantTx tx) {
    return tx.sql("select o.org_id, coalesce(o.category, min(m.category)) as category from organization o "
            + "join member m on m.tenant_id = o.tenant_id and m.branch_id = o.org_id and m.status = 'ACTIVE' and not m.exempt "
            + "where o.tenant_id = :t and o.kind = 'BRANCH' group by o.org_id, o.category order by o.org_id")
        .bind("t", tx.tenant().value()).map(r -> new Branch(r.get("org_id", UUID.class), r.get("category", String.class))).all().collectList();
  }

  /** The township's branches, last code first. */
  static Mono<List<UUID>> branchesByCodeDescending(TenantTx tx) {
    return tx.sql("select org_id from organization where tenant_id = :t and kind = 'BRANCH' order by code desc")
        .bind("t", tx.tenant().value()).map(r -> r.get("org_id", UUID.class)).all().collectList();
  }

  /** Month sheets confirmed at the month's end and published (公示) on the 3rd of the next month. */
  static Mono<Long> monthSheets(TenantTx tx, UUID[] branches, int year, int months) {
    return tx.sql("insert into month_sheet (tenant_id, branch_id, year, month, state, confirmed_at, confirmed_by, published_at, published_by, version) "
            + "select :t, b, :y, mo, 'PUBLISHED', make_timestamptz(:y, mo, 26, 17, 30, 0, 'Asia/Shanghai'), 'demo', "
            + "make_timestamptz(:y, mo, 26, 17, 30, 0, 'Asia/Shanghai') + interval '8 days', 'demo', 2 "
            + "from unnest(:branches::uuid[]) b, generate_series(1, :n) mo on conflict do nothing")
        .bind("t", tx.tenant().value()).bind("y", year).bind("n", months).bind("branches", branches).fetch().rowsUpdated();
  }

  /** Every monthly item of every scored member, recorded on the 25th. */
  static Mono<Long> itemScores(TenantTx tx, UUID[] branches, int year, int months, String scheme,
      int version, String[] items, BigDecimal[] min, BigDecimal[] max) {
    return tx.sql("insert into ledger_entry (tenant_id, entry_id, member_id, branch_id, year, month, kind, code, points, self_points, "
            + "reason, scheme_code, scheme_version, actor, recorded_at) "
            + "select m.tenant_id, gen_random_uuid(), m.member_id, m.branch_id, :y, mo, 'ITEM_SCORE', i.code, "
            + "greatest(i.lo, i.hi - " + PENALTY + " * i.hi / 10), "
            + "case when " + Q + " % 3 = 0 then i.hi end, '月度评分', :sc, :sv, 'demo', "
            + "make_timestamptz(:y, mo, 25, 16, 0, 0, 'Asia/Shanghai') + (" + Q + " * interval '1 minute') "
            + "from " + SCORED.replace("where", ", generate_series(1, :n) mo, unnest(:items::text[], :lo::numeric[], :hi::numeric[]) i(code, lo, hi) where"))
        .bind("t", tx.tenant().value()).bind("y", year).bind("n", months).bind("branches", branches).bind("sc", scheme).bind("sv", version)
        .bind("items", items).bind("lo", min).bind("hi", max).fetch().rowsUpdated();
  }

  /**
   * Additions and deductions, each with its evidence note (a few with a scanned page): marks worth 0 points
   * (organizational life, dues, fulfilment records) most months for most members; additions worth points once a
   * quarter for a quarter of the members, within the year's cap; deductions once in the year for a few.
   */
  static Mono<Long> entries(TenantTx tx, UUID[] branches, int year, int months, String scheme, int version,
      String code, String name, String direction, BigDecimal min, BigDecimal max, BigDecimal capPerYear) {
    boolean mark = max.signum() == 0;
    String when;
    String points;
    if (mark) {
      // a member who stops attending shows on the attention list: the weakest skip the last months
      when = "abs(hashtext(" + MEMBER + " || mo || :code)) % 10 < 9 and not (" + Q + " < 2 and mo > :n - 6)";
      points = "0";
    } else if (direction.equals("ADDITION")) {
      // the strongest quarter of the members, and the demo accounts' members (a township's first three), who log in
      // first and should see a year with something in it
      when = "mo % 3 = " + Q + " % 3 and (" + Q + " >= 75 or m.code ~ '-0000[1-3]$')";
      points = "least(:lo + abs(hashtext(" + MEMBER + " || mo || :code)) % (:hi - :lo + 1), "
          + (capPerYear == null ? ":hi" : "floor(:cap / 4)") + ")";
    } else {
      when = "mo = 1 + abs(hashtext(" + MEMBER + " || :code)) % :n and " + Q + " < 15";
      points = "least(case when " + Q + " < 4 then :hi else :lo + abs(hashtext(" + MEMBER + ")) % 3 end, "
          + (capPerYear == null ? ":hi" : ":cap") + ")";
    }
    String reason = mark ? ":name || '：按时参加'" : direction.equals("ADDITION")
        ? ":name || '：' || (array['带头参加志愿服务','帮扶困难群众','参与抢险救灾','调解邻里纠纷','带动群众增收'])[1 + abs(hashtext(" + MEMBER + " || mo)) % 5]"
        : ":name || '：' || (array['无故缺席主题党日','未按时完成分工任务','违反村规民约'])[1 + abs(hashtext(" + MEMBER + " || mo)) % 3]";
    String evidence = mark ? "null::uuid" : "gen_random_uuid()";
    var spec = tx.sql("with e as (select m.tenant_id, gen_random_uuid() as entry_id, " + evidence + " as evidence_id, m.member_id, "
            + "m.branch_id, mo, " + points + " as points, " + reason + " as reason, "
            + "make_date(:y, mo, 10 + abs(hashtext(" + MEMBER + " || mo)) % 10) as occurred_on, "
            + "abs(hashtext(" + MEMBER + " || mo)) % 7 = 0 as scanned "
            + "from " + SCORED.replace("where", ", generate_series(1, :n) mo where") + " and " + when + "), "
            + "ev as (insert into evidence (tenant_id, evidence_id, note, file_name, media_type, size_bytes, sha256, content, uploaded_by, uploaded_at) "
            + "select tenant_id, evidence_id, reason || '（支部会议记录）', "
            + "case when scanned then 'scan-' || left(evidence_id::text, 8) || '.png' end, case when scanned then 'image/png' end, "
            + "case when scanned then length(:png) end, case when scanned then encode(sha256(:png), 'hex') end, "
            + "case when scanned then :png end, 'demo', occurred_on + time '18:00' "
            + "from e where evidence_id is not null) "
            + "insert into ledger_entry (tenant_id, entry_id, member_id, branch_id, year, month, kind, code, points, reason, occurred_on, "
            + "evidence_id, scheme_code, scheme_version, actor, recorded_at) "
            + "select tenant_id, entry_id, member_id, branch_id, :y, mo, :dir, :code, points, reason, occurred_on, evidence_id, :sc, :sv, "
            + "'demo', make_timestamptz(:y, mo, 25, 17, 0, 0, 'Asia/Shanghai') from e")
        .bind("t", tx.tenant().value()).bind("y", year).bind("n", months).bind("branches", branches).bind("sc", scheme).bind("sv", version)
        .bind("code", code).bind("name", name).bind("dir", direction).bind("png", PNG);
    if (!mark) {
      spec = spec.bind("lo", min).bind("hi", max);
      if (capPerYear != null) {
        spec = spec.bind("cap", capPerYear);
      }
    }
    return spec.fetch().rowsUpdated();
  }

  /** The published snapshot of every published month: what the township's notice board showed. */
  static Mono<Long> publishedSheets(TenantTx tx, UUID[] branches, int year, String[] items) {
    return tx.sql("""
            with totals as materialized (
              select e.member_id, e.month,
                     coalesce(sum(e.points) filter (where e.kind = 'ITEM_SCORE'), 0) as items,
                     coalesce(sum(e.points) filter (where e.kind = 'ADDITION'), 0) as additions,
                     coalesce(sum(e.points) filter (where e.kind = 'DEDUCTION'), 0) as deductions,
                     jsonb_object_agg(e.code, e.points) filter (where e.kind = 'ITEM_SCORE') as cells
              from ledger_entry e where e.tenant_id = :t and e.year = :y and e.branch_id = any(:branches)
              group by e.member_id, e.month),
            rows as (
              select s.tenant_id, s.branch_id, s.year, s.month, s.published_at, s.published_by, m.code,
                     jsonb_build_object('memberCode', m.code, 'memberName', m.name,
                       'items', coalesce((select jsonb_agg(jsonb_build_object('item', i.code, 'points', t.cells -> i.code) order by i.ord)
                                          from unnest(:items::text[]) with ordinality i(code, ord)), '[]'::jsonb),
                       'additions', coalesce(t.additions, 0), 'deductions', coalesce(t.deductions, 0),
                       'total', coalesce(t.items + t.additions - t.deductions, 0)) as row
              from month_sheet s
              join member m on m.tenant_id = s.tenant_id and m.branch_id = s.branch_id and m.status = 'ACTIVE' and not m.exempt
              left join totals t on t.member_id = m.member_id and t.month = s.month
              where s.tenant_id = :t and s.year = :y and s.branch_id = any(:branches) and s.state = 'PUBLISHED')
            insert into published_sheet (tenant_id, branch_id, year, month, published_at, published_by, snapshot)
            select tenant_id, branch_id, year, month, published_at, published_by, jsonb_agg(row order by code) from rows
            group by tenant_id, branch_id, year, month, published_at, published_by
            on conflict do nothing""")
        .bind("t", tx.tenant().value()).bind("y", year).bind("branches", branches).bind("items", items).fetch().rowsUpdated();
  }

  /** An open ballot per branch of the year, and its raters' votes: the township then closes them through the service. */
  static Mono<Long> ballots(TenantTx tx, UUID[] branches, int year, String scheme, int version, String form,
      int minRaters, String[] groups) {
    int raters = groups.length > 0 ? groups.length * 4 : Math.max(minRaters, 12);
    return tx.sql("insert into ballot (tenant_id, ballot_id, branch_id, year, scheme_code, scheme_version, form, min_raters, codes_issued, "
            + "state, opened_by, opened_at) select :t, gen_random_uuid(), b, :y, :sc, :sv, :form, :min, :n, 'OPEN', 'demo', "
            + "make_timestamptz(:y, 12, 20, 9, 0, 0, 'Asia/Shanghai') from unnest(:branches::uuid[]) b on conflict do nothing")
        .bind("t", tx.tenant().value()).bind("y", year).bind("sc", scheme).bind("sv", version).bind("form", form).bind("min", minRaters)
        .bind("n", raters).bind("branches", branches).fetch().rowsUpdated()
        // the raters' codes, all spent: what a branch's meeting leaves behind (no vote is stored, only the tallies)
        .then(tx.sql("insert into ballot_code (tenant_id, code_hash, ballot_id, rater_group) "
                + "select b.tenant_id, encode(sha256(convert_to(b.ballot_id::text || ':' || v, 'UTF8')), 'hex'), b.ballot_id, "
                + "case when cardinality(:groups::text[]) > 0 then (:groups::text[])[1 + (v - 1) % cardinality(:groups::text[])] end "
                + "from ballot b, generate_series(1, :n) v where b.tenant_id = :t and b.year = :y and b.branch_id = any(:branches) and b.state = 'OPEN' "
                + "order by 2")
            .bind("t", tx.tenant().value()).bind("y", year).bind("n", raters).bind("branches", branches).bind("groups", groups)
            .fetch().rowsUpdated())
        .then(tx.sql("insert into ballot_spent_code (tenant_id, code_hash) select c.tenant_id, c.code_hash from ballot_code c "
                + "join ballot b on b.tenant_id = c.tenant_id and b.ballot_id = c.ballot_id "
                + "where b.tenant_id = :t and b.year = :y and b.branch_id = any(:branches) and b.state = 'OPEN' order by 2")
            .bind("t", tx.tenant().value()).bind("y", year).bind("branches", branches).fetch().rowsUpdated());
  }

  /** Each vote rates every scored member of its branch, as the scheme's form asks. */
  static Mono<Long> ballotScores(TenantTx tx, UUID[] branches, int year, String form, String[] items,
      String[] options, BigDecimal max) {
    // each spent code stands for one rater's paper; the papers are folded into the tally, as casting them would
    String votes = ", v.rater_group from v join ballot b on b.tenant_id = v.tenant_id and b.ballot_id = v.ballot_id "
        + "join member m on m.tenant_id = b.tenant_id and m.branch_id = b.branch_id and m.status = 'ACTIVE' and not m.exempt ";
    String where = "where b.tenant_id = :t and b.year = :y and b.branch_id = any(:branches) and b.state = 'OPEN'";
    String noise = "abs(hashtext(v.paper || " + MEMBER + "))";
    String select = switch (form) {
      case "ITEM_SCORES" -> "select v.tenant_id, v.ballot_id, v.vote_id, m.member_id, i, greatest(0, :max - (case when " + Q
          + " < 4 then 3 when " + Q + " < 15 then 1 else 0 end) - abs(hashtext(v.paper || " + MEMBER + " || i)) % 2) "
          + votes + ", unnest(:items::text[]) i " + where;
      case "GRADE_VOTES" -> "select v.tenant_id, v.ballot_id, v.vote_id, m.member_id, (:options::text[])[case when " + noise
          + " % 100 < 55 + " + Q + " / 3 then 1 when " + noise + " % 100 < 96 then 2 else 3 end], 1 " + votes + where;
      default -> "select v.tenant_id, v.ballot_id, v.vote_id, m.member_id, 'SCORE', greatest(0, :max - " + noise + " % 9 - case when "
          + Q + " < 4 then 35 when " + Q + " < 15 then 18 when " + Q + " < 50 then 8 else 0 end) " + votes + where;
    };
    var spec = tx.sql("insert into ballot_tally (tenant_id, ballot_id, subject_id, criterion, rater_group, votes, total) "
            + "with v as (select c.tenant_id, c.ballot_id, c.code_hash as vote_id, coalesce(c.rater_group, '') as rater_group, "
            // a paper's figures come from its place among its rater group's papers: the codes themselves are random
            + "(row_number() over (partition by c.ballot_id order by c.rater_group, c.code_hash))::text as paper "
            + "from ballot_code c join ballot b on b.tenant_id = c.tenant_id and b.ballot_id = c.ballot_id " + where + ") "
            + "select tenant_id, ballot_id, subject_id, criterion, rater_group, count(*), sum(value) from (" + select
            + ") x (tenant_id, ballot_id, vote_id, subject_id, criterion, value, rater_group) "
            + "group by tenant_id, ballot_id, subject_id, criterion, rater_group order by 1, 2, 3, 4, 5")
        .bind("t", tx.tenant().value()).bind("y", year).bind("branches", branches);
    spec = switch (form) {
      case "ITEM_SCORES" -> spec.bind("items", items).bind("max", max);
      case "GRADE_VOTES" -> spec.bind("options", options);
      default -> spec.bind("max", max);
    };
    return spec.fetch().rowsUpdated();
  }

  static Mono<List<UUID>> openBallots(TenantTx tx, int year) {
    return tx.sql("select ballot_id from ballot where tenant_id = :t and year = :y and state = 'OPEN' and opened_by = 'demo' order by ballot_id")
        .bind("t", tx.tenant().value()).bind("y", year).map(r -> r.get("ballot_id", UUID.class)).all().collectList();
  }

  /** Year-end awards for the strongest and sanctions for the weakest, one per member, of the scheme's first kinds. */
  static Mono<Long> adjustments(TenantTx tx, UUID[] branches, int year, String awardKind, String awardLevel,
      String sanctionKind, String sanctionLevel) {
    return tx.sql("insert into adjustment (tenant_id, adjustment_id, member_id, year, kind, level, reason, actor, recorded_at) "
            + "select m.tenant_id, gen_random_uuid(), m.member_id, :y, case when " + Q + " >= 94 then :ak else :sk end, "
            + "case when " + Q + " >= 94 then :al else :sl end, "
            + "case when " + Q + " >= 94 then '获县级优秀共产党员表彰' else '受通报批评' end, 'demo', make_timestamptz(:y, 12, 15, 10, 0, 0, 'Asia/Shanghai') "
            + "from " + SCORED + " and (" + Q + " >= 94 or " + Q + " < 3)")
        .bind("t", tx.tenant().value()).bind("y", year).bind("branches", branches).bind("ak", awardKind).bind("al", awardLevel)
        .bind("sk", sanctionKind).bind("sl", sanctionLevel).fetch().rowsUpdated();
  }

  /** S3's six stars: the strongest earn four or more, a few others two. */
  static Mono<Long> honours(TenantTx tx, UUID[] branches, int year, String[] codes) {
    return tx.sql("insert into honour (tenant_id, member_id, year, honour, reason, actor, recorded_at) "
            + "select m.tenant_id, m.member_id, :y, h, '年度评选', 'demo', make_timestamptz(:y, 12, 18, 10, 0, 0, 'Asia/Shanghai') "
            + "from " + SCORED.replace("where", ", unnest(:codes::text[]) with ordinality c(h, n) where")
            + " and ((" + Q + " >= 80 and c.n <= 4 + " + Q + " % 3) or (" + Q + " between 60 and 79 and c.n <= 2))")
        .bind("t", tx.tenant().value()).bind("y", year).bind("branches", branches).bind("codes", codes).fetch().rowsUpdated();
  }

  /** One veto in the township (the weakest member of the scheme's branches), with the scheme's last reason. */
  static Mono<Long> veto(TenantTx tx, UUID[] branches, int year, String reason) {
    return tx.sql("insert into veto (tenant_id, veto_id, member_id, year, reason_code, note, actor, recorded_at) "
            + "select m.tenant_id, gen_random_uuid(), m.member_id, :y, :r, '经县纪委查实，年内受党纪处分', 'demo', "
            + "make_timestamptz(:y, 11, 30, 10, 0, 0, 'Asia/Shanghai') from " + SCORED + " order by " + Q + ", m.code limit 1")
        .bind("t", tx.tenant().value()).bind("y", year).bind("branches", branches).bind("r", reason).fetch().rowsUpdated();
  }

  /** Exempt members (年老体弱, 长期患病) graded directly by their branch. */
  static Mono<Long> exemptGrades(TenantTx tx, int year) {
    return tx.sql("insert into exempt_grade (tenant_id, member_id, year, grade, reason, actor, graded_at) "
            + "select tenant_id, member_id, :y, 'QUALIFIED', exempt_reason || '，支部评定为合格', 'demo', "
            + "make_timestamptz(:y, 12, 22, 10, 0, 0, 'Asia/Shanghai') from member where tenant_id = :t and exempt on conflict do nothing")
        .bind("t", tx.tenant().value()).bind("y", year).fetch().rowsUpdated();
  }

  /** S4: every branch's year rated by itself, its members and the masses, and the township committee. */
  static Mono<Long> organizationAssessments(TenantTx tx, int year, String scheme, int version) {
    String h = "abs(hashtext(o.tenant_id || ':' || o.code))";
    return tx.sql("insert into organization_assessment (tenant_id, org_id, year, scheme_code, scheme_version, self_score, mass_score, "
            + "superior_score, satisfied_voters, voters, actor, recorded_at) "
            + "select o.tenant_id, o.org_id, :y, :sc, :sv, 86 + " + h + " % 13, 78 + " + h + " % 19, 72 + " + h + " % 25, "
            + "25 + " + h + " % 6, 30, 'demo', make_timestamptz(:y, 12, 28, 10, 0, 0, 'Asia/Shanghai') "
            + "from organization o where o.tenant_id = :t and o.kind = 'BRANCH' on conflict do nothing")
        .bind("t", tx.tenant().value()).bind("y", year).bind("sc", scheme).bind("sv", version).fetch().rowsUpdated();
  }

  /** Statutory holidays and make-up workdays (2025 and 2026 as announced by the State Council). */
  static Mono<Long> calendar(TenantTx tx) {
    return tx.sql("insert into calendar_day (tenant_id, day, kind, name) select :t, d::date, k, n from (values "
            + "('2025-01-01', 'HOLIDAY', '元旦'), ('2025-01-26', 'MAKEUP_WORKDAY', '春节调休'), "
            + "('2025-01-28', 'HOLIDAY', '春节'), ('2025-01-29', 'HOLIDAY', '春节'), ('2025-01-30', 'HOLIDAY', '春节'), "
            + "('2025-01-31', 'HOLIDAY', '春节'), ('2025-02-03', 'HOLIDAY', '春节'), ('2025-02-04', 'HOLIDAY', '春节'), "
            + "('2025-02-08', 'MAKEUP_WORKDAY', '春节调休'), ('2025-04-04', 'HOLIDAY', '清明节'), ('2025-05-01', 'HOLIDAY', '劳动节'), "
            + "('2025-05-02', 'HOLIDAY', '劳动节'), ('2025-05-05', 'HOLIDAY', '劳动节'), ('2025-06-02', 'HOLIDAY', '端午节'), "
            + "('2025-10-01', 'HOLIDAY', '国庆节'), ('2025-10-02', 'HOLIDAY', '国庆节'), ('2025-10-03', 'HOLIDAY', '国庆节'), "
            + "('2025-10-06', 'HOLIDAY', '中秋节'), ('2025-10-07', 'HOLIDAY', '国庆节'), ('2025-10-08', 'HOLIDAY', '国庆节'), "
            + "('2025-10-11', 'MAKEUP_WORKDAY', '国庆调休'), ('2026-01-01', 'HOLIDAY', '元旦'), ('2026-01-02', 'HOLIDAY', '元旦'), "
            + "('2026-01-04', 'MAKEUP_WORKDAY', '元旦调休'), ('2026-02-16', 'HOLIDAY', '春节'), ('2026-02-17', 'HOLIDAY', '春节'), "
            + "('2026-02-18', 'HOLIDAY', '春节'), ('2026-02-19', 'HOLIDAY', '春节'), ('2026-02-20', 'HOLIDAY', '春节'), "
            + "('2026-02-23', 'HOLIDAY', '春节'), ('2026-02-14', 'MAKEUP_WORKDAY', '春节调休'), ('2026-02-28', 'MAKEUP_WORKDAY', '春节调休')"
            + ") as c(d, k, n) on conflict do nothing")
        .bind("t", tx.tenant().value()).fetch().rowsUpdated();
  }

  /**
   * Objections filed in the publication window by two members of the township's first branches, answered (not upheld,
   * with the investigation's result) before the window closed; and at the half-year review, objections to a month's scores.
   */
  static Mono<Long> objections(TenantTx tx, int year, int currentYear) {
    return tx.sql("""
            with filed as (
              select p.tenant_id, gen_random_uuid() as id, 'SETTLEMENT' as kind, p.branch_id, p.year, null::int as month, m.member_id,
                     '本人全年参加组织生活无缺席，测评得分偏低，请复核。' as text, (p.starts_on + 1) + time '15:00' as at,
                     '经复核测评票与会议记录，得分无误，不予采纳。' as answer
              from publication p join lateral (select member_id from member where tenant_id = p.tenant_id and branch_id = p.branch_id
                and status = 'ACTIVE' and not exempt order by code offset 2 limit 1) m on true
              where p.tenant_id = :t and p.year = :y and p.branch_id in (select branch_id from publication where tenant_id = :t and year = :y
                order by branch_id limit 3)
              union all
              select s.tenant_id, gen_random_uuid(), 'MONTH', s.branch_id, s.year, s.month, m.member_id,
                     '本月“参加组织生活”一项漏记，当月已参加主题党日，请核实。', s.published_at + interval '2 days',
                     case when s.month = 6 then '经核对签到表属实，已予补记。' end
              from month_sheet s join lateral (select member_id from member where tenant_id = s.tenant_id and branch_id = s.branch_id
                and status = 'ACTIVE' and not exempt order by code offset 3 limit 1) m on true
              where s.tenant_id = :t and s.year = :cy and s.month in (5, 6) and s.branch_id in (select branch_id from month_sheet
                where tenant_id = :t and year = :cy and month = 5 order by branch_id limit 2)),
            o as (insert into objection (tenant_id, objection_id, kind, branch_id, year, month, member_id, text, filed_at)
              select tenant_id, id, kind, branch_id, year, month, member_id, text, at from filed)
            insert into objection_answer (tenant_id, objection_id, upheld, answer, answered_by, answered_at)
            select tenant_id, id, month is not null, answer, 'demo', at + interval '1 day' from filed where answer is not null""")
        .bind("t", tx.tenant().value()).bind("y", year).bind("cy", currentYear).fetch().rowsUpdated();
  }

  /** An objection filed on the window's third day and not answered yet: the branch's results cannot become final. */
  static Mono<Long> unansweredObjection(TenantTx tx, int year, UUID branch) {
    return tx.sql("""
            insert into objection (tenant_id, objection_id, kind, branch_id, year, month, member_id, text, filed_at)
            select p.tenant_id, gen_random_uuid(), 'SETTLEMENT', p.branch_id, p.year, null, m.member_id,
                   '本人下半年外出务工期间按时交纳党费，年终得分偏低，请核实。', (p.starts_on + 2) + time '10:30'
            from publication p join lateral (select member_id from member where tenant_id = p.tenant_id and branch_id = p.branch_id
              and status = 'ACTIVE' and not exempt order by code offset 4 limit 1) m on true
            where p.tenant_id = :t and p.year = :y and p.branch_id = :b""")
        .bind("t", tx.tenant().value()).bind("y", year).bind("b", branch).fetch().rowsUpdated();
  }

  /**
   * 告诫 and 限期整改 notices ten days after the results became final: BASIC grades get six months, UNQUALIFIED a year;
   * most warnings that fell due have an outcome, one is left overdue.
   */
  static Mono<Long> notices(TenantTx tx, int year, LocalDate today) {
    return tx.sql("""
            with graded as (
              select f.tenant_id, (r ->> 'memberId')::uuid as member_id, r ->> 'grade' as grade, p.ends_on + 10 as issued_on
              from final_result f join settlement s on s.tenant_id = f.tenant_id and s.settlement_id = f.settlement_id
              join publication p on p.tenant_id = f.tenant_id and p.branch_id = f.branch_id and p.year = f.year,
              jsonb_array_elements(s.results -> 'members') r
              where f.tenant_id = :t and f.year = :y and r ->> 'grade' in ('BASIC', 'UNQUALIFIED')),
            n as (insert into notice (tenant_id, notice_id, member_id, year, kind, grade, issued_on, deadline, issued_by)
              select tenant_id, gen_random_uuid(), member_id, :y, case when grade = 'BASIC' then 'WARNING' else 'RECTIFICATION' end,
                     grade, issued_on, case when grade = 'BASIC' then issued_on + interval '6 months' else issued_on + interval '1 year' end, 'demo'
              from graded on conflict do nothing returning tenant_id, notice_id, deadline)
            insert into notice_outcome (tenant_id, notice_id, improved, note, decided_by, decided_on)
            select tenant_id, notice_id, true, '整改期内表现良好，已按期改正', 'demo', deadline
            from n where deadline < :today and abs(hashtext(notice_id::text)) % 5 <> 0""")
        .bind("t", tx.tenant().value()).bind("y", year).bind("today", today).fetch().rowsUpdated();
  }

  /** A 1×1 PNG: the scanned page a few evidence notes carry. */
  private static final byte[] PNG = java.util.HexFormat.of().parseHex(
      "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cfc0f01f0005000201"
          + "5a0d8a4d0000000049454e44ae426082");
}
