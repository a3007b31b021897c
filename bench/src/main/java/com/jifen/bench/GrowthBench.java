package com.jifen.bench;

import com.jifen.scheme.ShippedSchemes;
import com.jifen.testing.Keycloak;
import com.jifen.testing.PrivateRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17, items 3 and 6: growth and memory. The packaged service runs in a process of its own (its resident size
 * is printed after the bench, the client's JVM apart), with infra/lib.sh's JVM flags and a Redis of its own.
 * <ol>
 *   <li>Ranking read (township board, a month, top 20 + my rank, a member's token) on a township of 1,000 members and
 *   one of 1,000,000 (both built in SQL: generate_series, one statement per table), p50/p99 of sequential requests
 *   alternating between the two boards so the machine's load falls on both alike; the ratio 1M / 1K.</li>
 *   <li>The large board again with Redis stopped: the first read, which holds the board in the service's memory, and
 *   then sequential reads from it, with the resident size.</li>
 *   <li>County settlement (settleTownship, a year of 12 confirmed months × 2 items per member and each branch's item
 *   ballot of 12 raters, generated as {@link SettlementBench} generates them and closed through the API) at three
 *   sizes: seconds per 1,000 members each, side by side with its ratio to the smallest size.</li>
 * </ol>
 * Run with bench/run growth (database $JIFEN_BENCH_DB, default jifen_bench_growth; -Dbench.large=N changes 1,000,000).
 */
public final class GrowthBench {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final int LARGE = Integer.getInteger("bench.large", 1_000_000);
  private static final int RUNS = Integer.getInteger("bench.runs", 400);
  private static final int[] SETTLE_SIZES = java.util.Arrays.stream(System.getProperty("bench.settleSizes", "1000,4000,16000").split(","))
      .mapToInt(Integer::parseInt).toArray();
  private static final String SCHEME = "S1-ten-item-star-rating";

  private GrowthBench() {}

  public static void main(String[] args) throws Exception {
    int year = LocalDate.now().getYear() - 1;
    String db = System.getProperty("jifen.db.name", "jifen_bench_growth");
    String jdbc = "jdbc:postgresql://127.0.0.1/" + db;
    int redisPort = Integer.getInteger("bench.redisPort", 16393);
    PrivateRedis redis = new PrivateRedis(redisPort);
    redis.start();
    List<String> java = ServiceProcess.packagedJar();
    System.out.printf("%n== service: its own process, %s; load average %s ==%n", String.join(" ", java), loadAverage());
    try (ServiceProcess service = ServiceProcess.start(java, Map.of("JIFEN_DB_NAME", db, "JIFEN_REDIS_PORT", String.valueOf(redisPort)), 600)) {
      System.out.printf("ready after %.1f s, resident %d MB%n", service.readySeconds, service.rssKb() / 1024);
      String url = service.graphqlUrl();

      // ---- ranking on 1,000 and LARGE members
      String small = "GRW1K";
      String large = "GRW" + (LARGE >= 1_000_000 ? LARGE / 1_000_000 + "M" : LARGE / 1000 + "K");
      long t0 = System.nanoTime();
      township(jdbc, url, small, 1_000, 1_000, year, false);
      township(jdbc, url, large, LARGE, 1_000, year, false);
      System.out.printf("built in SQL: townships of %,d and %,d members (one month of scores each) in %.1f s%n", 1_000, LARGE,
          (System.nanoTime() - t0) / 1e9);
      String ranking = "query($input: RankingInput!) { ranking(input: $input) { source entries { rank memberCode score } me { rank score } } }";
      Map<String, Object> input = Map.of("input", Map.of("period", "MONTH", "year", year, "index", 1, "scope", "TOWNSHIP", "first", 20));
      String smallUser = reader(small);
      String largeUser = reader(large);
      long b0 = System.nanoTime();
      JsonNode first = call(url, Keycloak.token(largeUser), ranking, input);
      System.out.printf("first read of the %,d-member board (builds its Redis set from PostgreSQL): %.1f s, my rank %s%n", LARGE,
          (System.nanoTime() - b0) / 1e9, first.path("data").path("ranking").path("me").path("rank"));
      if (first.has("errors")) {
        throw new IllegalStateException("ranking failed: " + first);
      }
      String trivial = "{ __typename }";
      List<Double> t = new ArrayList<>();
      List<Double> s = new ArrayList<>();
      List<Double> l = new ArrayList<>();
      String smallToken = Keycloak.token(smallUser);
      String largeToken = Keycloak.token(largeUser);
      for (int i = 0; i < RUNS + 50; i++) {
        if (i % 100 == 0) { // a loaded machine can make a run outlive a token
          smallToken = Keycloak.token(smallUser);
          largeToken = Keycloak.token(largeUser);
        }
        double a = timed(url, smallToken, trivial, Map.of());
        double b = timed(url, smallToken, ranking, input);
        double c = timed(url, largeToken, ranking, input);
        if (i >= 50) { // the first 50 warm the JIT
          t.add(a);
          s.add(b);
          l.add(c);
        }
      }
      double[] pt = percentiles(t);
      double[] ps = percentiles(s);
      double[] pl = percentiles(l);
      System.out.printf("%n== ranking read, township board, month, top 20 + my rank (%d sequential requests each, interleaved) ==%n", RUNS);
      System.out.printf("%-34s p50 %6.1f ms  p99 %6.1f ms%n", "trivial { __typename }", pt[0], pt[1]);
      System.out.printf("%-34s p50 %6.1f ms  p99 %6.1f ms%n", "ranking, 1,000 members", ps[0], ps[1]);
      System.out.printf("%-34s p50 %6.1f ms  p99 %6.1f ms%n", "ranking, %,d members".formatted(LARGE), pl[0], pl[1]);
      System.out.printf("growth %,d / 1,000: p50 %.2f×, p99 %.2f× (target p99 ≤ 1.5×); 1,000-member board / trivial: p99 %.2f×%n",
          LARGE, pl[0] / ps[0], pl[1] / ps[1], ps[1] / pt[1]);
      System.out.printf("resident size of the service after the ranking reads: %d MB%n", service.rssKb() / 1024);

      // ---- the same board with Redis stopped: answered from PostgreSQL, the board held in the service's memory
      redis.stop();
      long d0 = System.nanoTime();
      JsonNode down = call(url, Keycloak.freshToken(largeUser), ranking, input);
      if (down.has("errors") || !"DATABASE".equals(down.path("data").path("ranking").path("source").asString())) {
        throw new IllegalStateException("ranking with Redis stopped: " + down);
      }
      System.out.printf("%n== Redis stopped: the %,d-member board from PostgreSQL ==%nfirst read (reads the board page by page into "
          + "memory): %.1f s, my rank %s (with Redis %s); resident size %d MB%n", LARGE, (System.nanoTime() - d0) / 1e9,
          down.path("data").path("ranking").path("me").path("rank"), first.path("data").path("ranking").path("me").path("rank"),
          service.rssKb() / 1024);
      List<Double> d = new ArrayList<>();
      String downToken = Keycloak.freshToken(largeUser); // the board's first read can outlast the earlier token
      for (int i = 0; i < RUNS; i++) {
        d.add(timed(url, downToken, ranking, input));
      }
      double[] pd = percentiles(d);
      System.out.printf("%-34s p50 %6.1f ms  p99 %6.1f ms (%.2f× the p99 with Redis); resident size after %d MB%n",
          "ranking, %,d members, no Redis".formatted(LARGE), pd[0], pd[1], pd[1] / pl[1], service.rssKb() / 1024);
      redis.start();

      // ---- settlement at three sizes
      System.out.printf("%n== county settlement (settleTownship, a year of 12 confirmed months × 2 items and a closed item ballot "
          + "of 12 raters per branch, branches of 100) ==%n");
      // one unmeasured township first: otherwise the smallest size settles on a cold JIT and the ratios flatter growth
      settle(jdbc, url, "GRSWARM", SETTLE_SIZES[0], year);
      List<double[]> sizes = new ArrayList<>(); // members, branches, seconds
      for (int n : SETTLE_SIZES) {
        double[] size = settle(jdbc, url, "GRS" + n, n, year);
        sizes.add(size);
        System.out.printf("%,7d members settled (%d branches) in %.2f s; load average %s%n", n, (int) size[1], size[2], loadAverage());
      }
      double base = sizes.getFirst()[2] / sizes.getFirst()[0] * 1000;
      System.out.printf("%n%-10s %9s %10s %16s %24s%n", "members", "branches", "seconds", "s / 1,000 members", "vs %,d members (1.00× = linear)".formatted((int) sizes.getFirst()[0]));
      for (double[] size : sizes) {
        double perThousand = size[2] / size[0] * 1000;
        System.out.printf("%,10d %9d %10.2f %16.3f %23.2f×%n", (int) size[0], (int) size[1], size[2], perThousand, perThousand / base);
      }
      System.out.printf("%n== resident size of the service alone after the bench: %d MB (load average %s) ==%n", service.rssKb() / 1024, loadAverage());
    } finally {
      redis.stop();
    }
  }

  /** Builds a township of n members ready to settle, closes its ballots through the API and settles it: [members, branches, seconds]. */
  private static double[] settle(String jdbc, String url, String code, int n, int year) throws Exception {
    township(jdbc, url, code, n, 100, year, true);
    // S1 settles a branch only with its closed democratic-appraisal ballot: closed as a township closes it
    String admin = Keycloak.token(adminUser(code));
    SettlementBench.closeBallots(url, jdbc, Map.of(code, admin), year);
    long s0 = System.nanoTime();
    JsonNode r = call(url, admin, "mutation($y: Int!) { settleTownship(input: {year: $y}) { settled { run } notSettled { code } } }", Map.of("y", year));
    double seconds = (System.nanoTime() - s0) / 1e9;
    JsonNode settled = r.path("data").path("settleTownship");
    if (r.has("errors") || !settled.path("notSettled").isEmpty()) {
      throw new IllegalStateException("settleTownship of %,d members failed: %s".formatted(n, r.toString().substring(0, Math.min(400, r.toString().length()))));
    }
    return new double[] {n, settled.path("settled").size(), seconds};
  }

  private static String adminUser(String tenant) {
    return "bench.grow.admin." + tenant.toLowerCase();
  }

  /** A member of the township (its first), with a token of the member role. */
  private static String reader(String tenant) {
    String user = "bench.grow.reader." + tenant.toLowerCase();
    Keycloak.createUser(user, tenant, List.of("member"), null, tenant + "-0000001");
    return user;
  }

  /**
   * A township of n members in branches of branchSize under one committee, S1 published and pinned through the API,
   * and in SQL (its triggers off: nothing is cached for a township nobody has read) either one month of scores
   * (January, one item) or, for a settlement, a year of 12 confirmed months × 2 items.
   */
  private static void township(String jdbc, String url, String tenant, int n, int branchSize, int year, boolean fullYear) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
      c.createStatement().execute("insert into county (county_id, name) values ('TEST', '测试县') on conflict do nothing");
      try (PreparedStatement p = c.prepareStatement(
          "insert into tenant (tenant_id, county_id, name, ranking_visibility) values (?, 'TEST', ?, 'PUBLIC') on conflict do nothing")) {
        p.setString(1, tenant);
        p.setString(2, "增长镇" + tenant);
        if (p.executeUpdate() == 0) {
          return; // built by an earlier run on this database
        }
      }
    }
    String admin = Keycloak.createUser(adminUser(tenant), tenant, List.of("tenant-admin"), null, null);
    JsonNode published = call(url, admin, "mutation($input: PublishSchemeInput!) { publishScheme(input: $input) { version { version } } }",
        Map.of("input", Map.of("yaml", ShippedSchemes.yamlByCode().get(SCHEME))));
    int version = published.path("data").path("publishScheme").path("version").path("version").asInt();
    JsonNode pinned = call(url, admin, "mutation($input: PinSchemeInput!) { pinScheme(input: $input) { pinned { version } } }",
        Map.of("input", Map.of("year", year, "category", "ORGAN", "schemeCode", SCHEME, "version", version)));
    if (version == 0 || pinned.has("errors")) {
      throw new IllegalStateException("publish/pin failed: " + published + " " + pinned);
    }
    int branches = (n + branchSize - 1) / branchSize;
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
      c.setAutoCommit(false);
      c.createStatement().execute("set session_replication_role = replica");
      String committee = "md5(t || '-committee')::uuid";
      String branch = "md5(t || '-B' || b)::uuid";
      String[] statements = {
          "insert into organization (tenant_id, org_id, parent_id, code, name, kind, category, path) "
              + "select t, " + committee + ", null, t, '增长镇党委', 'COMMITTEE', null, '/' || " + committee + " || '/' from (select ?::text t) x",
          "insert into organization (tenant_id, org_id, parent_id, code, name, kind, category, path) "
              + "select t, " + branch + ", " + committee + ", t || '-B' || lpad(b::text, 5, '0'), '第' || b || '支部', 'BRANCH', 'ORGAN', "
              + "'/' || " + committee + " || '/' || " + branch + " || '/' from (select ?::text t) x, generate_series(1, " + branches + ") b",
          "insert into member (tenant_id, member_id, code, name, gender, category, branch_id, join_date) "
              + "select t, md5(t || '-m' || i)::uuid, t || '-' || lpad(i::text, 7, '0'), '党员' || i, case when i % 2 = 0 then 'MALE' else 'FEMALE' end, "
              + "'ORGAN', md5(t || '-B' || ((i - 1) / " + branchSize + " + 1))::uuid, date '2001-07-01' from (select ?::text t) x, generate_series(1, " + n + ") i",
          fullYear
              ? "insert into month_sheet (tenant_id, branch_id, year, month, state, confirmed_at, confirmed_by, published_at, published_by) "
                  + "select o.tenant_id, o.org_id, " + year + ", mo, 'PUBLISHED', make_date(" + year + ", mo, 1) + interval '1 month 3 days', 'bench', "
                  + "make_date(" + year + ", mo, 1) + interval '1 month 4 days', 'bench' from organization o, generate_series(1, 12) mo "
                  + "where o.tenant_id = ? and o.kind = 'BRANCH'"
              : null,
          "insert into ledger_entry (tenant_id, entry_id, member_id, branch_id, year, month, kind, code, points, reason, scheme_code, scheme_version, actor) "
              + "select m.tenant_id, gen_random_uuid(), m.member_id, m.branch_id, " + year + ", mo, 'ITEM_SCORE', item, "
              + "4 + abs(hashtext(m.member_id::text || mo || item)) % 7, '月度评分', '" + SCHEME + "', " + version + ", 'bench' "
              + "from member m, generate_series(1, " + (fullYear ? 12 : 1) + ") mo, unnest(" + (fullYear ? "array['STUDY', 'DUES']" : "array['STUDY']")
              + ") item where m.tenant_id = ?"};
      for (String sql : statements) {
        if (sql != null) {
          try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, tenant);
            p.executeUpdate();
          }
        }
      }
      if (fullYear) {
        // each branch's democratic appraisal, open: the bench closes it through the API before settling
        SettlementBench.itemBallots(c, tenant, year, SCHEME, version, BenchCounty.ITEMS);
      }
      c.commit();
      c.setAutoCommit(true);
      c.createStatement().execute("vacuum analyze member, organization, ledger_entry, month_sheet");
    }
  }

  private static double timed(String url, String token, String query, Map<String, Object> variables) {
    long t0 = System.nanoTime();
    JsonNode r = call(url, token, query, variables);
    double ms = (System.nanoTime() - t0) / 1e6;
    if (r.has("errors") || !r.has("data")) {
      throw new IllegalStateException("read failed: " + r);
    }
    return ms;
  }

  private static JsonNode call(String url, String token, String query, Map<String, Object> variables) {
    try {
      var response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json").timeout(Duration.ofMinutes(10))
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("query", query, "variables", variables)))).build(),
          HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double[] percentiles(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    return new double[] {sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1)};
  }

  private static String loadAverage() throws Exception {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }
}
