package com.jifen.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/**
 * Issue 5's figure: year-end settlement of the seed-002 county (9,263 members; a full year of ledger — 12
 * months × 10 items — and an item ballot of 12 raters per branch), every branch settled through GraphQL, beside
 * one SQL aggregate over the same rows. The year's data is generated in SQL (it is the settlement that is
 * measured, not the entry); the ballots are then closed through the API. Run with bench/run settlement.
 */
public final class SettlementBench {

  private SettlementBench() {}

  public static void main(String[] args) throws Exception {
    int year = LocalDate.now().getYear() - 1;
    var context = CountyLoadBench.startService(args);
    try {
      String url = CountyLoadBench.graphqlUrl(context);
      BenchCounty bench = new BenchCounty(context, year);
      String jdbc = context.getEnvironment().getProperty("spring.liquibase.url");
      long t0 = System.nanoTime();
      long rows = generateYear(jdbc, bench, year);
      System.out.printf("%n== generated in SQL: %d ledger entries and ballot ratings in %.1f s ==%n", rows, (System.nanoTime() - t0) / 1e9);

      // the ballots are closed as a township closes them, through the API
      long c0 = System.nanoTime();
      int closed = closeBallots(url, jdbc, bench.tokens, year);
      System.out.printf("== %d ballots closed through GraphQL in %.1f s ==%n", closed, (System.nanoTime() - c0) / 1e9);

      record Branch(String tenant, UUID id) {}
      List<Branch> branches = new ArrayList<>();
      try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
        ResultSet rs = c.createStatement().executeQuery("select tenant_id, org_id from organization where kind = 'BRANCH' and tenant_id like 'B%' order by 1, 2");
        while (rs.next()) {
          branches.add(new Branch(rs.getString(1), UUID.fromString(rs.getString(2))));
        }
      }
      String settle = "mutation($input: SettleBranchInput!) { settleBranch(input: $input) { settlement { run members { rank } } } }";
      // one warm-up branch so the figure is of a running service, not of class loading
      call(url, bench.tokens.get(branches.getFirst().tenant()), settle, Map.of("input", Map.of("branchId", branches.getFirst().id().toString(), "year", year)));
      int concurrency = Integer.getInteger("bench.concurrency", 2);
      // pass 1 reads a year nobody has read yet (cold caches); pass 2 settles again, as a re-settlement after
      // an upheld objection would
      double seconds = 0;
      for (String pass : List.of("first settlement (cold)", "re-settlement (warm)")) {
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(concurrency)) {
          for (Branch b : branches) {
            pool.submit(() -> {
              JsonNode r = call(url, bench.tokens.get(b.tenant()), settle, Map.of("input", Map.of("branchId", b.id().toString(), "year", year)));
              if (r.has("errors")) {
                failures.add(r.toString());
              }
            });
          }
        }
        seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("== %s of the county through GraphQL: %d branches, %d at once ==%n", pass, branches.size(), concurrency);
        System.out.printf("total %.2f s (%.0f members/s)%s%n", seconds, 9263 / seconds,
            failures.isEmpty() ? "" : ", FAILED branches: " + failures.size() + " first: " + failures.peek());
      }

      // what a township admin does: one settleTownship per township, one township at a time
      long s0 = System.nanoTime();
      int settled = 0;
      for (var entry : bench.tokens.entrySet()) {
        JsonNode r = call(url, entry.getValue(), "mutation($y: Int!) { settleTownship(input: {year: $y}) { settled { run } notSettled { code } } }",
            Map.of("y", year));
        if (r.has("errors") || !r.path("data").path("settleTownship").path("notSettled").isEmpty()) {
          throw new IllegalStateException("settleTownship failed: " + r);
        }
        settled += r.path("data").path("settleTownship").path("settled").size();
      }
      System.out.printf("== township by township (settleTownship, one township at a time): %d branches in %.2f s ==%n",
          settled, (System.nanoTime() - s0) / 1e9);

      try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
        long a0 = System.nanoTime();
        int groups = 0;
        for (String sql : List.of(
            "select tenant_id, member_id, code, sum(points) from ledger_entry where year = " + year + " and tenant_id like 'B%' group by 1, 2, 3",
            "select s.tenant_id, s.subject_id, s.criterion, sum(s.votes), sum(s.total) from ballot_tally s join ballot b on b.tenant_id = s.tenant_id "
                + "and b.ballot_id = s.ballot_id where b.year = " + year + " and b.tenant_id like 'B%' group by 1, 2, 3")) {
          ResultSet rs = c.createStatement().executeQuery(sql);
          while (rs.next()) {
            groups++;
          }
        }
        double aggregate = (System.nanoTime() - a0) / 1e9;
        System.out.printf("one SQL aggregate over the same rows (superuser, no RLS): %.2f s, %d groups; settlement/aggregate ratio %.1f%n",
            aggregate, groups, seconds / aggregate);
      }
    } finally {
      context.close();
    }
  }

  /** A full year for every scored member: 120 item scores and 12 raters' item ballots per member. */
  private static long generateYear(String jdbc, BenchCounty bench, int year) throws Exception {
    long rows = 0;
    String items = "array['" + String.join("','", BenchCounty.ITEMS) + "']";
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
      c.setAutoCommit(false);
      for (var t : bench.townships) {
        String tenant = t.config().code();
        try (PreparedStatement p = c.prepareStatement("""
            insert into ledger_entry (tenant_id, entry_id, member_id, branch_id, year, month, kind, code, points, reason, scheme_code, scheme_version, actor)
            select m.tenant_id, gen_random_uuid(), m.member_id, m.branch_id, ?, mo, 'ITEM_SCORE', item, 4 + abs(hashtext(m.member_id::text || mo || item)) %% 7,
                   '月度评分', ?, ?, 'bench'
            from member m, generate_series(1, 12) mo, unnest(%s) item
            where m.tenant_id = ? and m.status = 'ACTIVE' and not m.exempt""".formatted(items))) {
          p.setInt(1, year);
          p.setString(2, BenchCounty.SCHEME);
          p.setInt(3, bench.schemeVersion);
          p.setString(4, tenant);
          rows += p.executeUpdate();
        }
        rows += itemBallots(c, tenant, year, BenchCounty.SCHEME, bench.schemeVersion, BenchCounty.ITEMS);
        c.commit();
      }
      c.setAutoCommit(true);
      // what autovacuum would do on a live system; index-only scans need the visibility map
      c.createStatement().execute("vacuum analyze ledger_entry, ballot_code, ballot_spent_code, ballot_tally, ballot");
      // the generator's dirty pages are written now, not during the measured passes
      c.createStatement().execute("checkpoint");
    }
    return rows;
  }

  /**
   * An open item ballot (S1's democratic appraisal) for every branch of a township, as 12 raters casting their votes
   * would leave it: 12 spent codes and the tallies over the items for each scored member (no vote rows). Returns the
   * ratings (tallies × 12).
   */
  static long itemBallots(Connection c, String tenant, int year, String scheme, int version, String[] items) throws java.sql.SQLException {
    String itemArray = "array['" + String.join("','", items) + "']";
    try (PreparedStatement p = c.prepareStatement("""
        insert into ballot (tenant_id, ballot_id, branch_id, year, scheme_code, scheme_version, form, min_raters, codes_issued, state, opened_by)
        select tenant_id, gen_random_uuid(), org_id, ?, ?, ?, 'ITEM_SCORES', 10, 12, 'OPEN', 'bench'
        from organization where tenant_id = ? and kind = 'BRANCH'""")) {
      p.setInt(1, year);
      p.setString(2, scheme);
      p.setInt(3, version);
      p.setString(4, tenant);
      p.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement("""
        insert into ballot_code (tenant_id, code_hash, ballot_id, rater_group)
        select b.tenant_id, md5(b.ballot_id::text || n), b.ballot_id, null from ballot b, generate_series(1, 12) n
        where b.tenant_id = ? and b.year = ?""")) {
      p.setString(1, tenant);
      p.setInt(2, year);
      p.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement("""
        insert into ballot_spent_code (tenant_id, code_hash)
        select c.tenant_id, c.code_hash from ballot_code c join ballot b on b.tenant_id = c.tenant_id and b.ballot_id = c.ballot_id
        where b.tenant_id = ? and b.year = ?""")) {
      p.setString(1, tenant);
      p.setInt(2, year);
      p.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement("""
        insert into ballot_tally (tenant_id, ballot_id, subject_id, criterion, rater_group, votes, total)
        select b.tenant_id, b.ballot_id, m.member_id, item, '', 12,
               (select sum(5 + abs(hashtext(n || m.member_id::text || item)) %% 6) from generate_series(1, 12) n)
        from ballot b join member m on m.tenant_id = b.tenant_id and m.branch_id = b.branch_id and m.status = 'ACTIVE' and not m.exempt,
        unnest(%s) item where b.tenant_id = ? and b.year = ?""".formatted(itemArray))) {
      p.setString(1, tenant);
      p.setInt(2, year);
      return 12L * p.executeUpdate();
    }
  }

  /** Closes the year's open ballots of the townships (code → admin token) through the API, as a township closes them. */
  static int closeBallots(String url, String jdbc, Map<String, String> tokens, int year) throws Exception {
    int closed = 0;
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
      var open = c.prepareStatement("select tenant_id, ballot_id from ballot where tenant_id = any(?) and year = ? and state = 'OPEN'");
      open.setArray(1, c.createArrayOf("text", tokens.keySet().toArray()));
      open.setInt(2, year);
      ResultSet rs = open.executeQuery();
      while (rs.next()) {
        JsonNode r = call(url, tokens.get(rs.getString(1)), "mutation($id: ID!) { closeBallot(input: {ballotId: $id}) { ballot { state } } }",
            Map.of("id", rs.getString(2)));
        if (!"CLOSED".equals(r.path("data").path("closeBallot").path("ballot").path("state").asString())) {
          throw new IllegalStateException("closeBallot failed: " + r);
        }
        closed++;
      }
      c.createStatement().execute("vacuum analyze ballot, ballot_tally");
      c.createStatement().execute("checkpoint");
    }
    return closed;
  }

  private static JsonNode call(String url, String token, String query, Map<String, Object> variables) {
    return BenchCounty.call(url, token, query, variables);
  }

}
