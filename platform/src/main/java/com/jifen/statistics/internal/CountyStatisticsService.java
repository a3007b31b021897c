package com.jifen.statistics.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import com.jifen.tenancy.Township;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 县级统计: a county reviewer's comparison of the townships of their county. The township list comes through the
 * county-directory policy; each township's figures are aggregates read in that township's own tenant
 * transaction, so no personal data leaves a township and RLS still guards every row.
 */
@Service
public class CountyStatisticsService {
  private final CountyDirectory directory;
  private final TenantScope scope;
  private final Clock clock;

  CountyStatisticsService(CountyDirectory directory, TenantScope scope, Clock clock) {
    this.directory = directory;
    this.scope = scope;
    this.clock = clock;
  }

  public record CodeValue(String code, BigDecimal value) {}

  public record TownshipStatistics(Township township, int members, int exemptMembers, int branches, int branchesSettled,
      int branchesFinal, List<CodeValue> grades, BigDecimal averageTotal, int objections, int overdueNotices) {}

  public record CountyStatistics(String county, int year, List<TownshipStatistics> townships) {}

  public Mono<CountyStatistics> statistics(CurrentUser user, int year) {
    String county = CountyDirectory.countyOf(user);
    return directory.townships(county)
        .concatMap(t -> figures(t, year))
        .collectList()
        .map(list -> new CountyStatistics(county, year, list));
  }

  private Mono<TownshipStatistics> figures(Township t, int year) {
    TenantId tenant = new TenantId(t.id());
    LocalDate today = LocalDate.now(clock);
    return scope.inTx(tenant, tx -> Mono.zip(
            one(tx, "select count(*) filter (where status = 'ACTIVE')::int as a, count(*) filter (where status = 'ACTIVE' and exempt)::int as b "
                + "from member where tenant_id = :t", year, today),
            one(tx, "select count(*)::int as a, (select count(distinct branch_id)::int from settlement where tenant_id = :t and year = :y) as b "
                + "from organization where tenant_id = :t and kind = 'BRANCH'", year, today),
            one(tx, "select (select count(*)::int from final_result where tenant_id = :t and year = :y) as a, "
                + "(select count(*)::int from objection where tenant_id = :t and year = :y) as b", year, today),
            one(tx, "select count(*)::int as a, 0 as b from notice n where n.tenant_id = :t and n.year = :y and n.deadline < :today "
                + "and not exists (select 1 from notice_outcome o where o.tenant_id = n.tenant_id and o.notice_id = n.notice_id)", year, today),
            grades(tx, year))
        .map(z -> {
          Map<String, long[]> g = z.getT5();
          long graded = g.values().stream().mapToLong(v -> v[0]).sum();
          BigDecimal sum = g.values().stream().map(v -> BigDecimal.valueOf(v[1], 2)).reduce(BigDecimal.ZERO, BigDecimal::add);
          List<CodeValue> grades = new ArrayList<>();
          g.forEach((grade, v) -> grades.add(new CodeValue(grade, BigDecimal.valueOf(v[0]))));
          return new TownshipStatistics(t, z.getT1()[0], z.getT1()[1], z.getT2()[0], z.getT2()[1], z.getT3()[0], grades,
              graded == 0 ? null : sum.divide(BigDecimal.valueOf(graded), 2, RoundingMode.HALF_UP), z.getT3()[1], z.getT4()[0]);
        }));
  }

  private static Mono<int[]> one(TenantTx tx, String sql, int year, LocalDate today) {
    var spec = tx.sql(sql).bind("t", tx.tenant().value());
    if (sql.contains(":y")) {
      spec = spec.bind("y", year);
    }
    if (sql.contains(":today")) {
      spec = spec.bind("today", today);
    }
    return spec.map(r -> new int[] {r.get("a", Integer.class), r.get("b", Integer.class)}).one();
  }

  /** Per grade: [members, sum of annual totals × 100] over each branch's latest settlement run. */
  private static Mono<Map<String, long[]>> grades(TenantTx tx, int year) {
    return tx.sql("""
            select r->>'grade' as grade, count(*)::int as n, coalesce(sum(round((r->>'annualTotal')::numeric * 100)), 0)::bigint as total
            from (select distinct on (branch_id) results from settlement where tenant_id = :t and year = :y order by branch_id, run desc) s,
                 jsonb_array_elements(s.results->'members') r
            group by 1""")
        .bind("t", tx.tenant().value()).bind("y", year)
        .map(r -> Map.entry(r.get("grade", String.class), new long[] {r.get("n", Integer.class), r.get("total", Long.class)}))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new);
  }
}
