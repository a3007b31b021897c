package com.jifen.statistics.internal;

import com.jifen.tenancy.TenantTx;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import reactor.core.publisher.Mono;

/** The SQL of 县级统计: one township's aggregates, read in its own tenant transaction. */
final class CountyStatisticsQueries {
  private CountyStatisticsQueries() {}

  record Members(int active, int exempt) {}

  record Branches(int branches, int settled) {}

  record Results(int finalResults, int objections) {}

  /** totalCents: the sum of the members' annual totals × 100. */
  record Grade(String grade, int members, long totalCents) {}

  static Mono<Members> activeMembers(TenantTx tx) {
    return tx.sql("select count(*) filter (where status = 'ACTIVE')::int as a, count(*) filter (where status = 'ACTIVE' and exempt)::int as b "
            + "from member where tenant_id = :t")
        .bind("t", tx.tenant().value())
        .map(r -> new Members(r.get("a", Integer.class), r.get("b", Integer.class))).one();
  }

  /** The branches, and how many of them have a settlement of the year. */
  static Mono<Branches> branchesSettled(TenantTx tx, int year) {
    return tx.sql("select count(*)::int as a, (select count(distinct branch_id)::int from settlement where tenant_id = :t and year = :y) as b "
            + "from organization where tenant_id = :t and kind = 'BRANCH'")
        .bind("t", tx.tenant().value()).bind("y", year)
        .map(r -> new Branches(r.get("a", Integer.class), r.get("b", Integer.class))).one();
  }

  static Mono<Results> finalResultsAndObjections(TenantTx tx, int year) {
    return tx.sql("select (select count(*)::int from final_result where tenant_id = :t and year = :y) as a, "
            + "(select count(*)::int from objection where tenant_id = :t and year = :y) as b")
        .bind("t", tx.tenant().value()).bind("y", year)
        .map(r -> new Results(r.get("a", Integer.class), r.get("b", Integer.class))).one();
  }

  /** Notices of the year past their deadline without an outcome. */
  static Mono<Integer> overdueNotices(TenantTx tx, int year, LocalDate today) {
    return tx.sql("select count(*)::int as a from notice n where n.tenant_id = :t and n.year = :y and n.deadline < :today "
            + "and not exists (select 1 from notice_outcome o where o.tenant_id = n.tenant_id and o.notice_id = n.notice_id)")
        .bind("t", tx.tenant().value()).bind("y", year).bind("today", today)
        .map(r -> r.get("a", Integer.class)).one();
  }

  /** Per grade, by grade: its members and their totals over each branch's latest settlement run. */
  static Mono<Map<String, Grade>> grades(TenantTx tx, int year) {
    return tx.sql("""
            select r->>'grade' as grade, count(*)::int as n, coalesce(sum(round((r->>'annualTotal')::numeric * 100)), 0)::bigint as total
            from (select distinct on (branch_id) results from settlement where tenant_id = :t and year = :y order by branch_id, run desc) s,
                 jsonb_array_elements(s.results->'members') r
            group by 1""")
        .bind("t", tx.tenant().value()).bind("y", year)
        .map(r -> new Grade(r.get("grade", String.class), r.get("n", Integer.class), r.get("total", Long.class)))
        .all().collectMap(Grade::grade, g -> g, TreeMap::new);
  }
}
