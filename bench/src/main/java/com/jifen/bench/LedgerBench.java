package com.jifen.bench;

import com.jifen.PointsPlatformApplication;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.shared.BranchId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.testing.Keycloak;
import com.jifen.testing.PrivateRedis;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4's figures. (1) A whole county month (seed-002 size: 9,263 members × 10 items) posted through the
 * GraphQL API branch by branch (one confirmMonth with the grid, 8 secretaries at once), first on a freshly
 * started service and then for two more months on the running service, beside a plain COPY of the same rows.
 * (2) Ranking reads (top 20 of a township + my rank) under concurrent load, with Redis and with Redis stopped. Run with bench/run ledger (needs Keycloak, which bench/run starts).
 */
public final class LedgerBench {

  private LedgerBench() {}

  private static String[] withArgs(String[] args, String... settings) {
    return CountyLoadBench.withArgs(args, settings);
  }

  public static void main(String[] args) throws Exception {
    int year = LocalDate.now().getYear() - 1;
    int month = Integer.parseInt(System.getProperty("bench.month", "1"));
    PrivateRedis redis = new PrivateRedis(16392);
    redis.start();
    var context = new SpringApplicationBuilder(PointsPlatformApplication.class).web(WebApplicationType.REACTIVE)
        .run(withArgs(args, "jifen.db.name=" + System.getProperty("jifen.db.name", "jifen_bench"), "jifen.demo.load=false",
            "server.port=0", "spring.data.redis.port=16392", "logging.level.root=WARN",
            "spring.r2dbc.pool.max-size=20"));
    try {
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      String url = "http://127.0.0.1:" + port + "/graphql";
      BenchCounty bench = new BenchCounty(context, year);
      var county = bench.townships;
      TenantScope scope = context.getBean(TenantScope.class);
      MemberService members = context.getBean(MemberService.class);

      record Branch(String tenant, String token, UUID id, List<Member> members) {}
      List<Branch> branches = new ArrayList<>();
      for (var t : county) {
        TenantId tenant = new TenantId(t.config().code());
        String token = bench.tokens.get(tenant.value());
        var orgs = scope.inTxMany(tenant, tx -> tx.sql("select org_id from organization where tenant_id = :t and kind = 'BRANCH' order by code")
            .bind("t", tenant.value()).map(r -> r.get("org_id", UUID.class)).all()).collectList().block();
        for (UUID id : orgs) {
          var list = scope.inTxMany(tenant, tx -> members.inBranch(tx, new BranchId(id)))
              .filter(Member::scored).collectList().block();
          branches.add(new Branch(tenant.value(), token, id, list));
        }
      }
      // 8 secretaries at once keep both cores busy; with 4, the cores idle whenever the requests wait on PostgreSQL
      int concurrency = Integer.getInteger("bench.concurrency", 8);
      // The first month after start also pays for class loading and JIT compilation; the months after it are what a
      // running service does all year. Each is reported, and the running months together are compared with COPY.
      long rows = 0;
      long warmRows = 0;
      double warmSeconds = 0;
      for (int m = month; m <= month + 2; m++) {
        long t0 = System.nanoTime();
        rows = postMonth(url, branches.stream().map(b -> new Grid(b.token(), b.id(), b.members())).toList(), year, m, concurrency);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (m > month) {
          warmRows += rows;
          warmSeconds += seconds;
        }
        System.out.printf("%n== county month %d through GraphQL (%d branches, %d at once, %s) ==%n", m, branches.size(), concurrency,
            m == month ? "first month after start" : "running service");
        System.out.printf("entries posted: %d in %.2f s = %.0f entries/s (one confirmMonth with the grid per branch: validation, RLS, idempotency)%n",
            rows, seconds, rows / seconds);
      }
      double running = warmRows / warmSeconds;
      System.out.printf("%nrunning service, months %d–%d together: %.0f entries/s%n", month + 1, month + 2, running);
      double copy = copy(context.getEnvironment().getProperty("spring.liquibase.url"), rows);
      System.out.printf("plain COPY of %d rows of the same shape: %.2f s = %.0f rows/s; API/COPY throughput ratio %.2f%n",
          rows, copy, rows / copy, running / (rows / copy));

      // ranking reads
      String tenant = county.getFirst().config().code();
      scope.inTx(new TenantId(tenant), tx -> tx.sql("update tenant set ranking_visibility = 'PUBLIC' where tenant_id = :t")
          .bind("t", tenant).fetch().rowsUpdated()).block();
      String memberToken = Keycloak.createUser("bench.member." + tenant.toLowerCase(), tenant, List.of("member"), null, tenant + "-00001");
      String query = "query($input: RankingInput!) { ranking(input: $input) { source entries { rank memberCode score } me { rank score } } }";
      Map<String, Object> vars = Map.of("input", Map.of("period", "MONTH", "year", year, "index", month, "scope", "TOWNSHIP", "first", 20));
      System.out.printf("%n== ranking read: top 20 of township %s + my rank, ab with 16 keep-alive connections ==%n", tenant);
      load(url, memberToken, query, vars, "with Redis");
      redis.stop();
      load(url, memberToken, query, vars, "Redis stopped");
      redis.start();
    } finally {
      context.close();
      redis.stop();
    }
  }

  record Grid(String token, UUID branchId, List<Member> members) {}

  /** Every branch's grid for one month, one confirmMonth per branch, `concurrency` secretaries at once. */
  private static long postMonth(String url, List<Grid> grids, int year, int month, int concurrency) {
    String key = UUID.randomUUID().toString();
    AtomicLong posted = new AtomicLong();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    try (var pool = Executors.newFixedThreadPool(concurrency)) {
      for (Grid g : grids) {
        pool.submit(() -> {
          List<Map<String, Object>> cells = new ArrayList<>(g.members().size() * BenchCounty.ITEMS.length);
          int i = month;
          for (Member m : g.members()) {
            for (String item : BenchCounty.ITEMS) {
              cells.add(Map.of("memberId", m.id().toString(), "item", item, "points", String.valueOf(4 + (i++ % 7)), "version", 0));
            }
          }
          // the secretary's whole grid confirmed in one mutation (drafts are for grids filled over several sittings)
          JsonNode confirmed = call(url, g.token(), "mutation($input: ConfirmMonthInput!) { confirmMonth(input: $input) { posted } }",
              Map.of("input", Map.of("branchId", g.branchId().toString(), "year", year, "month", month,
                  "idempotencyKey", key + "-" + g.branchId(), "cells", cells)));
          if (confirmed.path("data").path("confirmMonth").isMissingNode() || confirmed.path("data").path("confirmMonth").isNull()) {
            failures.add(confirmed.toString());
          } else {
            posted.addAndGet(confirmed.path("data").path("confirmMonth").path("posted").asLong());
          }
        });
      }
    }
    if (!failures.isEmpty()) {
      System.out.printf("FAILED branches: %d, first: %s%n", failures.size(), failures.peek());
    }
    return posted.get();
  }

  /**
   * The load comes from ApacheBench in its own process (16 keep-alive connections, a fixed number of requests):
   * a client inside this JVM would spend the same two cores as the service it measures. ab sees HTTP status only,
   * so one answer is checked for GraphQL errors first.
   */
  private static void load(String url, String token, String query, Map<String, Object> vars, String label) throws Exception {
    for (int i = 0; i < 200; i++) {
      call(url, token, query, vars); // warm-up
    }
    JsonNode sample = call(url, token, query, vars);
    if (sample.has("errors")) {
      throw new IllegalStateException("the ranking query fails: " + sample);
    }
    java.nio.file.Path body = java.nio.file.Files.createTempFile("ranking", ".json");
    java.nio.file.Files.writeString(body, tools.jackson.databind.json.JsonMapper.builder().build()
        .writeValueAsString(Map.of("query", query, "variables", vars)));
    Process ab = new ProcessBuilder("ab", "-k", "-q", "-n", "3000", "-c", "16", "-T", "application/json",
        "-H", "Authorization: Bearer " + token, "-p", body.toString(), url).redirectErrorStream(true).start();
    String out = new String(ab.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (ab.waitFor() != 0) {
      throw new IllegalStateException("ab failed: " + out);
    }
    java.util.function.Function<String, String> line = prefix -> out.lines().filter(l -> l.trim().startsWith(prefix))
        .findFirst().map(l -> l.trim().substring(prefix.length()).trim()).orElse("?");
    System.out.printf("%-14s source=%s: %s req/s, p50 %s ms, p99 %s ms, failed %s, non-2xx %s (3000 requests)%n", label,
        sample.path("data").path("ranking").path("source").asString(), line.apply("Requests per second:").split(" ")[0],
        line.apply("50%"), line.apply("99%"), line.apply("Failed requests:"), line.apply("Non-2xx responses:").replace("?", "0"));
  }

  /** COPY of the same number of ledger-shaped rows into a scratch table (the owner's COPY bypasses nothing of the API). */
  private static double copy(String jdbcUrl, long rows) throws Exception {
    try (var c = DriverManager.getConnection(jdbcUrl, "jifen_owner", "jifen_owner")) {
      c.createStatement().execute("create temp table copy_bench (like ledger_entry including defaults)");
      StringBuilder data = new StringBuilder();
      UUID member = UUID.randomUUID();
      UUID branch = UUID.randomUUID();
      for (long i = 0; i < rows; i++) {
        data.append("B01\t").append(UUID.randomUUID()).append('\t').append(member).append('\t').append(branch)
            .append("\t2025\t1\tITEM_SCORE\tSTUDY\t").append(4 + i % 7).append("\t\\N\t\\N\t月度评分\t\\N\t\\N\tBENCH-S1\t1\tbench\t2025-01-31 00:00:00+00\n");
      }
      long t0 = System.nanoTime();
      c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy copy_bench from stdin", new java.io.StringReader(data.toString()));
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  private static JsonNode call(String url, String token, String query, Map<String, Object> variables) {
    return BenchCounty.call(url, token, query, variables);
  }

}
