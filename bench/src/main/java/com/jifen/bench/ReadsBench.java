package com.jifen.bench;

import com.jifen.testing.Keycloak;
import com.jifen.testing.PrivateRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17's figures, in one run: the reads members make most (ranking, card, me) beside a trivial query with the
 * same token, at concurrency 8 (ApacheBench in its own process) and at half that throughput (paced, open loop);
 * the same with the service's Redis stopped; a 60-member × 10-item month sheet loaded and saved; the service's
 * readiness time from the packaged jar with and without the AOT cache; the service's resident size after the bench.
 * The service measured runs in a process of its own, started as infra/up starts it (bench/run passes the command:
 * JIFEN_JVM_OPTS and the AOT cache); the county is loaded beforehand by a service in the bench's JVM, stopped before
 * the measurements. Run with bench/run reads.
 */
public final class ReadsBench {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final int REQUESTS = Integer.getInteger("bench.requests", 2000);
  private static final int STARTS = Integer.getInteger("bench.starts", 2);
  private static final int READY_TIMEOUT = Integer.getInteger("bench.readyTimeout", 300);
  /** Enough runs that p99 is not simply the slowest one (with 60 it was). */
  private static final int SHEET_RUNS = Integer.getInteger("bench.sheetRuns", 200);
  private static final int SHEET_WARMUP = Integer.getInteger("bench.sheetWarmup", 40);

  private ReadsBench() {}

  /** A read by a user: the token is fetched for each measurement (a loaded machine makes a run outlive a token). */
  record Read(String label, String user, String query, Map<String, Object> variables) {
    String token() {
      return Keycloak.token(user);
    }
  }

  record Load(double rps, double p50, double p99, String failed, String non2xx) {}

  /** Which parts to run (-Dbench.sections=reads,down,sheet,startup; all by default). */
  private static final List<String> SECTIONS = List.of(System.getProperty("bench.sections", "reads,down,sheet,startup").split(","));

  public static void main(String[] args) throws Exception {
    int year = LocalDate.now().getYear() - 1;
    if (SECTIONS.equals(List.of("startup"))) {
      startup("jdbc:postgresql://127.0.0.1/" + System.getProperty("jifen.db.name", "jifen_bench_reads"));
      return;
    }
    int redisPort = Integer.getInteger("bench.redisPort", 16392);
    PrivateRedis redis = new PrivateRedis(redisPort);
    redis.start();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--spring.data.redis.port=" + redisPort);
    // the county is loaded by a service in this JVM, which then stops: the service measured runs in a process of its
    // own (as infra/up starts it), so the client's load and garbage are not the service's, and its resident size is its own
    var loader = CountyLoadBench.startService(all.toArray(String[]::new));
    String jdbc = loader.getEnvironment().getProperty("spring.liquibase.url");
    String db = jdbc.replaceAll(".*/([^/?]+).*", "$1");
    BenchCounty bench;
    try {
      bench = new BenchCounty(loader, year);
    } finally {
      loader.close();
    }
    // bench/run passes what infra/up runs (with the AOT cache when built); else the packaged jar with the same flags
    String given = System.getProperty("bench.service", "").trim();
    List<String> command = given.isEmpty() ? ServiceProcess.packagedJar() : List.of(given.split("\\s+"));
    System.out.printf("%n== service: its own process, %s; load average %s ==%n", String.join(" ", command), loadAverage());
    try (ServiceProcess service = ServiceProcess.start(command, Map.of("JIFEN_DB_NAME", db, "JIFEN_REDIS_PORT", String.valueOf(redisPort)), READY_TIMEOUT)) {
      System.out.printf("ready after %.1f s, resident %d MB%n", service.readySeconds, service.rssKb() / 1024);
      String url = service.graphqlUrl();
      String tenant = bench.townships.getFirst().config().code();
      String adminUser = "bench.admin." + tenant.toLowerCase();
      String admin = bench.tokens.get(tenant);
      // the township's rankings are public: members see every list (the most a read has to do)
      call(url, admin, "mutation { updateTownship(input: {rankingVisibility: PUBLIC}) { township { rankingVisibility } } }", Map.of());

      record Branch(UUID id, List<UUID> members) {}
      List<Branch> branches = new ArrayList<>();
      try (var c = DriverManager.getConnection(jdbc, "postgres", "")) {
        var rs = c.createStatement().executeQuery("""
            select branch_id, array_agg(member_id order by code) from member
            where tenant_id = '%s' and status = 'ACTIVE' and not exempt group by branch_id""".formatted(tenant));
        while (rs.next()) {
          branches.add(new Branch((UUID) rs.getObject(1), List.of((UUID[]) rs.getArray(2).getArray())));
        }
      }
      // one confirmed month of the township, so the boards have scores
      for (Branch b : branches) {
        List<Map<String, Object>> cells = new ArrayList<>();
        int i = 0;
        for (UUID m : b.members()) {
          for (String item : BenchCounty.ITEMS) {
            cells.add(Map.of("memberId", m.toString(), "item", item, "points", String.valueOf(4 + (i++ % 7)), "version", 0));
          }
        }
        JsonNode r = call(url, admin, "mutation($input: ConfirmMonthInput!) { confirmMonth(input: $input) { posted } }",
            Map.of("input", Map.of("branchId", b.id().toString(), "year", year, "month", 1, "idempotencyKey", "reads-" + b.id(), "cells", cells)));
        if (r.has("errors")) {
          throw new IllegalStateException("confirmMonth failed: " + r);
        }
      }
      String memberCode = tenant + "-00001";
      String memberUser = "bench.reader." + tenant.toLowerCase();
      String memberToken = Keycloak.createUser(memberUser, tenant, List.of("member"), null, memberCode);
      JsonNode me = call(url, memberToken, "{ me { member { id branch { id } } } }", Map.of()).path("data").path("me").path("member");
      String memberId = me.path("id").asString();
      String branchId = me.path("branch").path("id").asString();

      String ranking = "query($input: RankingInput!) { ranking(input: $input) { source entries { rank memberCode memberName score } me { rank score } } }";
      List<Read> reads = List.of(
          new Read("trivial { __typename }", memberUser, "{ __typename }", Map.of()),
          new Read("me (member, township)", memberUser,
              "{ me { username roles member { code name } township { name rankingVisibility } } }", Map.of()),
          new Read("ranking township, month", memberUser, ranking, rankingInput("MONTH", year, 1, "TOWNSHIP", null)),
          new Read("ranking township, year", memberUser, ranking, rankingInput("YEAR", year, null, "TOWNSHIP", null)),
          new Read("ranking branch, month", memberUser, ranking, rankingInput("MONTH", year, 1, "BRANCH", branchId)),
          new Read("ranking branch, year", memberUser, ranking, rankingInput("YEAR", year, null, "BRANCH", branchId)),
          new Read("memberCard (own, year)", memberUser,
              "query($m: ID!, $y: Int!) { memberCard(memberId: $m, year: $y) { member { name } yearTotal months { month total items { item points } } provisional { total } } }",
              Map.of("m", memberId, "y", year)));

      // one unmeasured pass first: otherwise the first read measured (the trivial one) runs on a cold JIT and every
      // ratio to it comes out flattering
      for (Read r : SECTIONS.contains("reads") ? reads : List.<Read>of()) {
        ab(url, r);
      }
      // and the pacing client's own path once (this JVM's HTTP client, cold until then): its JIT and first collections
      // otherwise land in the first paced measurement, and open-loop timing charges them to the service
      if (SECTIONS.contains("reads")) {
        paced(url, reads.getFirst(), 300, 8);
      }
      System.out.printf("%n== reads at concurrency 8 (ab, %d keep-alive requests each), then paced at half that throughput ==%n", REQUESTS);
      System.out.printf("load average before: %s%n", loadAverage());
      Map<String, Load> withRedis = new LinkedHashMap<>();
      for (Read r : SECTIONS.contains("reads") ? reads : List.<Read>of()) {
        Load l = ab(url, r);
        withRedis.put(r.label(), l);
        double[] half = paced(url, r, l.rps() / 2, 8);
        System.out.printf("%-26s %7.0f req/s (%.2f of trivial)  p50 %5.1f ms  p99 %5.1f ms  failed %s | half load %4.0f req/s: p50 %5.1f ms  p99 %5.1f ms, errors %.0f%n",
            r.label(), l.rps(), l.rps() / withRedis.values().iterator().next().rps(), l.p50(), l.p99(), l.failed(), l.rps() / 2, half[0], half[1], half[2]);
      }

      System.out.printf("%n== the same reads with the service's Redis stopped ==%n");
      redis.stop();
      Load trivialDown = null;
      for (Read r : SECTIONS.contains("down") ? reads : List.<Read>of()) {
        int errors = errors(url, r, 100);
        Load l = ab(url, r);
        if (trivialDown == null) {
          trivialDown = l;
        }
        System.out.printf("%-26s %7.0f req/s (%.2f of trivial, %.2f of trivial with Redis, if measured)  p50 %5.1f ms  p99 %5.1f ms  GraphQL errors %d/100, ab failed %s non-2xx %s%n",
            r.label(), l.rps(), l.rps() / trivialDown.rps(), withRedis.isEmpty() ? Double.NaN : l.rps() / withRedis.values().iterator().next().rps(), l.p50(), l.p99(), errors, l.failed(), l.non2xx());
      }
      redis.start();

      if (SECTIONS.contains("sheet")) sheet(url, adminUser, branches.stream().filter(b -> b.members().size() >= 60).min(java.util.Comparator.comparingInt(b -> b.members().size()))
          .map(b -> new Object[] {b.id(), b.members().subList(0, 60), b.members().size()}).orElseThrow(), year);

      System.out.printf("%n== resident size after the bench: the service alone %d MB (target < 768 MB), the bench client %d MB; load average %s ==%n",
          service.rssKb() / 1024, rssKb(ProcessHandle.current().pid()) / 1024, loadAverage());
    } finally {
      redis.stop();
    }
    if (SECTIONS.contains("startup")) {
      startup(jdbc);
    }
    System.out.printf("load average after: %s%n", loadAverage());
  }

  private static Map<String, Object> rankingInput(String period, int year, Integer index, String scope, String scopeId) {
    Map<String, Object> in = new LinkedHashMap<>(Map.of("period", period, "year", year, "scope", scope, "first", 20));
    if (index != null) {
      in.put("index", index);
    }
    if (scopeId != null) {
      in.put("scopeId", scopeId);
    }
    return Map.of("input", in);
  }

  /** Load (save) p50/p99 of a 60-member × 10-item sheet: the secretary's grid, each save with the versions it read. */
  private static void sheet(String url, String adminUser, Object[] branch, int year) {
    UUID id = (UUID) branch[0];
    @SuppressWarnings("unchecked")
    List<UUID> members = (List<UUID>) branch[1];
    String load = "query($b: ID!, $y: Int!, $m: Int!) { monthSheet(branchId: $b, year: $y, month: $m) { state items { code name } "
        + "rows { member { id code name } cells { item draft selfAssessed confirmed version } } } }";
    String save = "mutation($input: SaveMonthDraftInput!) { saveMonthDraft(input: $input) { saved sheet { rows { member { id } cells { item version } } } } }";
    Map<String, Object> vars = Map.of("b", id.toString(), "y", year, "m", 2);
    Map<String, Integer> versions = new java.util.HashMap<>();
    List<Double> loads = new ArrayList<>();
    List<Double> saves = new ArrayList<>();
    for (int run = 0; run < SHEET_RUNS + SHEET_WARMUP; run++) {
      String admin = Keycloak.token(adminUser);
      long t0 = System.nanoTime();
      JsonNode sheet = call(url, admin, load, vars);
      double loadMs = (System.nanoTime() - t0) / 1e6;
      if (sheet.has("errors")) {
        throw new IllegalStateException("monthSheet failed: " + sheet);
      }
      List<Map<String, Object>> cells = new ArrayList<>();
      int i = run;
      for (UUID m : members) {
        for (String item : BenchCounty.ITEMS) {
          cells.add(Map.of("memberId", m.toString(), "item", item, "points", String.valueOf(4 + (i++ % 7)),
              "version", versions.getOrDefault(m + item, 0)));
        }
      }
      t0 = System.nanoTime();
      JsonNode saved = call(url, admin, save, Map.of("input", Map.of("branchId", id.toString(), "year", year, "month", 2, "cells", cells)));
      double saveMs = (System.nanoTime() - t0) / 1e6;
      if (saved.has("errors")) {
        throw new IllegalStateException("saveMonthDraft failed: " + saved.toString().substring(0, Math.min(400, saved.toString().length())));
      }
      for (JsonNode row : saved.path("data").path("saveMonthDraft").path("sheet").path("rows")) {
        for (JsonNode c : row.path("cells")) {
          versions.put(row.path("member").path("id").asString() + c.path("item").asString(), c.path("version").asInt());
        }
      }
      if (run >= SHEET_WARMUP) {
        loads.add(loadMs);
        saves.add(saveMs);
      }
    }
    double[] l = percentiles(loads);
    double[] s = percentiles(saves);
    System.out.printf("%n== month sheet of a %d-member branch, 60 members × 10 items saved (%d runs after %d warm-up runs, one at a time) ==%n", branch[2], SHEET_RUNS, SHEET_WARMUP);
    System.out.printf("load monthSheet     p50 %5.1f ms  p99 %5.1f ms%n", l[0], l[1]);
    System.out.printf("save 600 cells      p50 %5.1f ms  p99 %5.1f ms%n", s[0], s[1]);
  }

  /** The packaged jar started as production starts it, until its readiness probe answers UP: plain, then with the AOT cache. */
  private static void startup(String jdbc) throws Exception {
    Path root = Path.of(System.getProperty("bench.root", "."));
    Path jar = ServiceProcess.execJar();
    Path aotDir = root.resolve(".cache/aot");
    String db = jdbc.replaceAll(".*/([^/?]+).*", "$1");
    System.out.printf("%n== readiness after start (packaged service, database %s; %d starts each) ==%n", db, STARTS);
    List<String> plain = List.of("-jar", jar.toString());
    report("jar, no AOT cache", plain, db);
    Path app = aotDir.resolve("app.jar");
    Path cache = aotDir.resolve("app.aot");
    if (Files.exists(cache) && Files.exists(app)) {
      report("extracted, no AOT cache", List.of("-jar", app.toString()), db);
      List<String> aot = List.of("-XX:AOTCache=" + cache, "-jar", app.toString());
      // before/after the changelog fingerprint: without the recorded fingerprint, Liquibase checks the changelog
      // (nothing to apply) as every start did before; the start records it again, so it is cleared before each
      double[] checking = {Double.MAX_VALUE, 0};
      for (int i = 0; i < STARTS; i++) {
        try (var c = DriverManager.getConnection(jdbc, "postgres", "")) {
          c.createStatement().execute("comment on table databasechangelog is null");
        }
        double[] r = start(aot, db);
        checking = r[0] < checking[0] ? r : checking;
      }
      System.out.printf("%-40s ready after %5.2f s (best of %d), resident %d MB when ready%n", "extracted + AOT, Liquibase checking",
          checking[0], STARTS, (long) checking[1] / 1024);
      report("extracted + AOT cache (" + Files.size(cache) / (1024 * 1024) + " MB), Liquibase skipped", aot, db);
    } else {
      System.out.println("no AOT cache under .cache/aot (infra/aot-cache builds it)");
    }
  }

  private static void report(String label, List<String> javaArgs, String db) throws Exception {
    double[] best = {Double.MAX_VALUE, 0};
    for (int i = 0; i < STARTS; i++) {
      double[] r = start(javaArgs, db);
      if (r[0] < best[0]) {
        best = r;
      }
    }
    System.out.printf("%-40s ready after %5.2f s (best of %d), resident %d MB when ready%n", label, best[0], STARTS, (long) best[1] / 1024);
  }

  private static double[] start(List<String> javaArgs, String db) throws Exception {
    // with infra/up's JVM flags (bench/run passes them), as production starts it
    List<String> args = new ArrayList<>(ServiceProcess.jvmOpts());
    args.addAll(javaArgs);
    try (ServiceProcess service = ServiceProcess.start(args, Map.of("JIFEN_DB_NAME", db), READY_TIMEOUT)) {
      return new double[] {service.readySeconds, service.rssKb()};
    }
  }

  /** ApacheBench in its own process: 8 keep-alive connections, a fixed number of requests. */
  private static Load ab(String url, Read r) throws Exception {
    for (int i = 0; i < 200; i++) {
      call(url, r.token(), r.query(), r.variables()); // warm-up
    }
    Path body = Files.createTempFile("read", ".json");
    Files.writeString(body, JSON.writeValueAsString(Map.of("query", r.query(), "variables", r.variables())));
    Process ab = new ProcessBuilder("ab", "-k", "-q", "-n", String.valueOf(REQUESTS), "-c", "8", "-T", "application/json",
        "-H", "Authorization: Bearer " + r.token(), "-p", body.toString(), url).redirectErrorStream(true).start();
    String out = new String(ab.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (ab.waitFor() != 0) {
      throw new IllegalStateException("ab failed: " + out);
    }
    java.util.function.Function<String, String> line = prefix -> out.lines().filter(l -> l.trim().startsWith(prefix))
        .findFirst().map(l -> l.trim().substring(prefix.length()).trim()).orElse("0");
    return new Load(Double.parseDouble(line.apply("Requests per second:").split(" ")[0]), Double.parseDouble(line.apply("50%")),
        Double.parseDouble(line.apply("99%")), line.apply("Failed requests:"), line.apply("Non-2xx responses:"));
  }

  /**
   * Open loop at a fixed rate for about 4 s: each request's latency counts from when it was due, so a stall delays
   * the requests behind it too (no coordinated omission). [p50, p99, errors].
   */
  private static double[] paced(String url, Read r, double rate, int connections) throws Exception {
    byte[] body = JSON.writeValueAsBytes(Map.of("query", r.query(), "variables", r.variables()));
    int n = (int) Math.max(100, rate * 4);
    long interval = (long) (1e9 / rate);
    ConcurrentLinkedQueue<Double> ms = new ConcurrentLinkedQueue<>();
    AtomicInteger errors = new AtomicInteger();
    List<CompletableFuture<?>> pending = new ArrayList<>();
    String token = r.token();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait);
      }
      pending.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
          HttpResponse.BodyHandlers.ofString()).whenComplete((resp, e) -> {
            ms.add((System.nanoTime() - due) / 1e6);
            if (e != null || resp.statusCode() != 200 || resp.body().contains("\"errors\"")) {
              errors.incrementAndGet();
            }
          }));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    double[] p = percentiles(new ArrayList<>(ms));
    return new double[] {p[0], p[1], errors.get()};
  }

  private static int errors(String url, Read r, int n) {
    int errors = 0;
    String token = r.token();
    for (int i = 0; i < n; i++) {
      JsonNode j = call(url, token, r.query(), r.variables());
      if (j.has("errors") || !j.has("data")) {
        errors++;
      }
    }
    return errors;
  }

  private static double[] percentiles(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    return new double[] {sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1)};
  }

  private static long rssKb(long pid) throws Exception {
    return ServiceProcess.rssKb(pid);
  }

  private static String loadAverage() throws Exception {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }

  private static JsonNode call(String url, String token, String query, Map<String, Object> variables) {
    return BenchCounty.call(url, token, query, variables);
  }
}
