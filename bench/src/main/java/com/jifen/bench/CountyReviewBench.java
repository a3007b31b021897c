package com.jifen.bench;

import com.jifen.testing.Keycloak;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15's figure: the county comparison (countyComparison) of the seed-002-sized county (13 townships, 181
 * branches, 9,263 members) with two years of monthly sheets behind it, p50 and p99 over sequential requests by a
 * county reviewer, beside a trivial query ({ me }) in the same run; then the drill-down and the alarms. The two
 * years are generated in SQL (ledger entries, confirmed and published sheets, one settlement per branch); the
 * review tables are filled by their triggers as they would be by the API. Run with bench/run county-review.
 */
public final class CountyReviewBench {
  private static final int WARM_UP = 30;
  private static final int RUNS = Integer.getInteger("bench.runs", 300);

  private CountyReviewBench() {}

  public static void main(String[] args) throws Exception {
    int year = LocalDate.now().getYear() - 1;
    var context = CountyLoadBench.startService(args);
    try {
      String url = CountyLoadBench.graphqlUrl(context);
      String jdbc = context.getEnvironment().getProperty("spring.liquibase.url");
      if (generated(jdbc) == 0) {
        BenchCounty bench = new BenchCounty(context, year);
        long t0 = System.nanoTime();
        long rows = 0;
        for (int y : new int[] {year - 1, year}) {
          rows += generateYear(jdbc, bench, y);
        }
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
          c.createStatement().execute("vacuum analyze review_branch_month, review_branch_year, member, organization, scoring_year");
          c.createStatement().execute("checkpoint");
        }
        System.out.printf("%n== generated in SQL: %d ledger entries over two years in %.1f s ==%n", rows, (System.nanoTime() - t0) / 1e9);
      } else {
        System.out.printf("%n== reusing the county already generated in this database ==%n");
      }
      try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
        var rs = c.createStatement().executeQuery("select count(*), (select count(*) from review_branch_year), (select count(*) from ledger_entry) from review_branch_month");
        rs.next();
        System.out.printf("review tables: %d branch months, %d branch-year rows (over %d ledger entries)%n", rs.getLong(1), rs.getLong(2), rs.getLong(3));
      }
      Keycloak.createCountyReviewer("bench.reviewer.bench", "BENCH");
      String token = Keycloak.token("bench.reviewer.bench");

      String comparison = "query($y: Int!) { countyComparison(year: $y) { rows { township { id } category schemeCode "
          + "current { members membersEvaluated participation sheetsConfirmed sheetsOnTime totalMedian totalP25 totalP75 grades { code value } progress { month confirmed published } } "
          + "previous { members participation totalMedian } } totals { category current { members totalMedian } } } }";
      JsonNode sample = BenchCounty.call(url, token, comparison, Map.of("y", year));
      if (sample.has("errors") || sample.path("data").path("countyComparison").path("rows").size() < 13) {
        throw new IllegalStateException("countyComparison failed: " + sample.toString().substring(0, Math.min(500, sample.toString().length())));
      }
      System.out.printf("countyComparison: %d rows (township × category × scheme), %d county total rows%n",
          sample.path("data").path("countyComparison").path("rows").size(), sample.path("data").path("countyComparison").path("totals").size());
      double[] trivial = measure(url, token, "{ me { username roles } }", Map.of());
      double[] compare = measure(url, token, comparison, Map.of("y", year));
      print("trivial query { me }", trivial);
      print("countyComparison (13 townships, 9,263 members)", compare);
      System.out.printf("ratio countyComparison / trivial: p50 %.1f×, p99 %.1f×%n", compare[0] / trivial[0], compare[1] / trivial[1]);
      print("townshipReview (B01, its branches)", measure(url, token,
          "query($y: Int!) { townshipReview(townshipId: \"B01\", year: $y) { branches { branch { code } current { members totalMedian } } } }", Map.of("y", year)));
      print("reviewAlarms (the county's year)", measure(url, token,
          "query($y: Int!) { reviewAlarms(year: $y) { id rule period } }", Map.of("y", year)));
    } finally {
      context.close();
    }
  }

  /** Branch months already there: bench/run starts from an empty database; a direct rerun reuses the county. */
  private static long generated(String jdbc) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
      var rs = c.createStatement().executeQuery("select count(*) from review_branch_month");
      rs.next();
      return rs.getLong(1);
    }
  }

  /** [p50, p99] in milliseconds of sequential requests after a warm-up. */
  private static double[] measure(String url, String token, String query, Map<String, Object> variables) {
    for (int i = 0; i < WARM_UP; i++) {
      BenchCounty.call(url, token, query, variables);
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long s = System.nanoTime();
      JsonNode r = BenchCounty.call(url, token, query, variables);
      ms.add((System.nanoTime() - s) / 1e6);
      if (r.has("errors")) {
        throw new IllegalStateException(r.toString());
      }
    }
    ms.sort(Double::compare);
    return new double[] {ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.99) - 1)};
  }

  private static void print(String what, double[] p) {
    System.out.printf("%-50s p50 %7.1f ms   p99 %7.1f ms   (%d requests, one at a time)%n", what, p[0], p[1], RUNS);
  }

  /**
   * A year of sheets: 120 item scores per scored member and month, each sheet confirmed 3–40 days after its month
   * and published a day later; one settlement run per branch with every member's annual total, grade and stars.
   */
  private static long generateYear(String jdbc, BenchCounty bench, int year) throws Exception {
    long rows = 0;
    String items = "array['" + String.join("','", BenchCounty.ITEMS) + "']";
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
      c.setAutoCommit(false);
      for (var t : bench.townships) {
        String tenant = t.config().code();
        try (PreparedStatement p = c.prepareStatement("""
            insert into scoring_year (tenant_id, year, category, scheme_code, version, pinned_by)
            select ?, ?, cat, ?, ?, 'bench' from unnest(?::text[]) cat on conflict do nothing""")) {
          p.setString(1, tenant);
          p.setInt(2, year);
          p.setString(3, BenchCounty.SCHEME);
          p.setInt(4, bench.schemeVersion);
          p.setArray(5, c.createArrayOf("text", BenchCounty.CATEGORIES.toArray()));
          p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("""
            insert into month_sheet (tenant_id, branch_id, year, month, state, confirmed_at, confirmed_by, published_at, published_by)
            select o.tenant_id, o.org_id, ?, mo, 'PUBLISHED', x.at, 'bench', x.at + interval '1 day', 'bench'
            from organization o, generate_series(1, 12) mo,
                 lateral (select (make_date(?, mo, 1) + interval '1 month' + (3 + abs(hashtext(o.org_id::text || mo)) %% 38) * interval '1 day')::timestamptz as at) x
            where o.tenant_id = ? and o.kind = 'BRANCH'""".formatted())) {
          p.setInt(1, year);
          p.setInt(2, year);
          p.setString(3, tenant);
          p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("""
            insert into ledger_entry (tenant_id, entry_id, member_id, branch_id, year, month, kind, code, points, reason, scheme_code, scheme_version, actor, recorded_at)
            select m.tenant_id, gen_random_uuid(), m.member_id, m.branch_id, ?, mo, 'ITEM_SCORE', item, 4 + abs(hashtext(m.member_id::text || mo || item)) %% 7,
                   '月度评分', ?, ?, 'bench', make_date(?, mo, 1) + interval '1 month' + interval '2 days'
            from member m, generate_series(1, 12) mo, unnest(%s) item
            where m.tenant_id = ? and m.status = 'ACTIVE' and not m.exempt""".formatted(items))) {
          p.setInt(1, year);
          p.setString(2, BenchCounty.SCHEME);
          p.setInt(3, bench.schemeVersion);
          p.setInt(4, year);
          p.setString(5, tenant);
          rows += p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("""
            insert into settlement (tenant_id, settlement_id, branch_id, year, run, scheme_code, scheme_version, computed_by, results)
            select o.tenant_id, gen_random_uuid(), o.org_id, ?, 1, ?, ?, 'bench',
                   jsonb_build_object('members', coalesce((select jsonb_agg(jsonb_build_object('memberId', m.member_id, 'annualTotal', s.total,
                       'grade', case when s.total >= 95 then 'EXCELLENT' when s.total >= 80 then 'QUALIFIED' when s.total >= 60 then 'BASIC' else 'UNQUALIFIED' end,
                       'stars', case when s.total >= 60 then least(10, floor(s.total / 10))::int else 0 end))
                     from member m, lateral (select 55 + abs(hashtext(m.member_id::text || ?)) % 45 as total) s
                     where m.tenant_id = o.tenant_id and m.branch_id = o.org_id and m.status = 'ACTIVE' and not m.exempt), '[]'::jsonb))
            from organization o where o.tenant_id = ? and o.kind = 'BRANCH'""")) {
          p.setInt(1, year);
          p.setString(2, BenchCounty.SCHEME);
          p.setInt(3, bench.schemeVersion);
          p.setInt(4, year);
          p.setString(5, tenant);
          p.executeUpdate();
        }
        c.commit();
      }
      c.setAutoCommit(true);
    }
    return rows;
  }
}
