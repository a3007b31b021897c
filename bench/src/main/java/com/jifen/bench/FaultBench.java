package com.jifen.bench;

import com.jifen.testing.Keycloak;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 18's fault suite: what happens to acknowledged writes and to readers when PostgreSQL restarts, Redis
 * disappears, Keycloak is down, a service instance is killed mid-save or mid-settlement, and when two instances share
 * one database; {@code sustained [minutes]} instead runs mixed load on both instances and prints their memory each minute.
 * The service runs as two real processes (the packaged jar) on a private PostgreSQL cluster and a private Redis
 * that {@code bench/faults-ctl} starts and breaks, so the machine's shared servers are never touched. Every figure
 * is measured in this one run and printed; a broken promise is printed as FAILED and makes the exit code 1.
 * Run with {@code bench/run faults}.
 */
public final class FaultBench {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** A request that takes longer than this is a hang: the service must answer (even with an error) before it. */
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);
  private static final String BALLOT_KEY = UUID.randomUUID() + "-" + UUID.randomUUID();
  private static final String POST_ENTRY = """
      mutation($input: PostEntryInput!) { postEntry(input: $input) { entry { id points } } }""";
  private static final String RANKING = """
      query($input: RankingInput!) { ranking(input: $input) { source entries { memberCode score } me { rank score } } }""";

  private final Path ctl;
  private final String jar;
  private final int year = LocalDate.now().getYear();
  private final int month = LocalDate.now().getMonthValue();
  private final List<String> failures = new ArrayList<>();
  private Instance a;
  private Instance b;
  private boolean demoYear = true;

  private FaultBench(Path ctl, String jar) {
    this.ctl = ctl;
    this.jar = jar;
  }

  public static void main(String[] args) throws Exception {
    var bench = new FaultBench(Path.of(System.getProperty("faults.ctl")), System.getProperty("faults.jar"));
    int exit;
    try {
      exit = bench.run(args);
    } finally {
      bench.stopAll();
    }
    System.exit(exit);
  }

  private int run(String[] args) throws Exception {
    boolean sustained = args.length > 0 && args[0].equals("sustained");
    // the demo's previous year is for the settlement scenario; sustained load runs on the light county
    demoYear = !sustained;
    int base = Integer.getInteger("faults.port", 8091);
    a = new Instance("A", base, true);
    b = new Instance("B", base + 1, false);
    String secretary = Keycloak.token("sec.qs");
    a.start();
    a.awaitReady(secretary);
    b.start();
    b.awaitReady(secretary);
    Township qs = Township.of(a, secretary, "QS");

    if (sustained) {
      sustained(qs, args.length > 1 ? Double.parseDouble(args[1]) : 10);
      return summary();
    }
    postgresRestart(qs);
    redisOutage(qs);
    keycloakDown(qs);
    killMidSave();
    killMidSettlement();
    // this checkout's Keycloak imports its realm afresh on every start, so tokens signed before scenario 3 are void
    twoInstances(qs.withFreshTokens());
    return summary();
  }

  private int summary() {
    System.out.printf("%n== summary ==%n");
    if (failures.isEmpty()) {
      System.out.println("every promise held");
      return 0;
    }
    failures.forEach(f -> System.out.println("FAILED: " + f));
    return 1;
  }

  // ── 1. PostgreSQL restarts under write and read load ───────────────────────────────────────────────────────

  private void postgresRestart(Township t) throws Exception {
    System.out.printf("%n== 1. PostgreSQL restart under load (4 writers posting additions, 2 readers, both instances) ==%n");
    var log = new ConcurrentLinkedQueue<Call>();
    AtomicBoolean running = new AtomicBoolean(true);
    long t0 = System.nanoTime();
    try (var pool = Executors.newFixedThreadPool(6)) {
      for (int w = 0; w < 4; w++) {
        Instance target = w % 2 == 0 ? a : b;
        int writer = w;
        pool.submit(() -> {
          int n = 0;
          while (running.get()) {
            String key = "f1-" + writer + "-" + (n++) + "-" + UUID.randomUUID().toString().substring(0, 8);
            String member = t.members.get((writer * 7 + n) % t.members.size());
            log.add(Call.of(t0, key, member, target.graphql(t.secretary, POST_ENTRY, addition(member, key, 1))));
          }
        });
      }
      for (int r = 0; r < 2; r++) {
        Instance target = r == 0 ? a : b;
        pool.submit(() -> {
          while (running.get()) {
            log.add(Call.of(t0, null, null, target.graphql(t.member, RANKING, monthRanking(t))));
          }
        });
      }
      Thread.sleep(4000);
      double down = seconds(t0);
      ctl("pg-stop");
      System.out.printf("PostgreSQL stopped at %.1f s%n", seconds(t0));
      Thread.sleep(6000);
      ctl("pg-start");
      double up = seconds(t0);
      System.out.printf("PostgreSQL back at %.1f s (down %.1f s)%n", up, up - down);
      Thread.sleep(12000);
      running.set(false);
      report(log, up);
    }
    // every acknowledged write is there once; an unacknowledged one is there completely or not at all
    Map<String, Call> writes = new HashMap<>();
    log.stream().filter(c -> c.key() != null).forEach(c -> writes.put(c.key(), c));
    Map<String, Integer> stored = storedAdditions("f1-");
    long acked = writes.values().stream().filter(Call::ok).count();
    long ackedMissing = writes.values().stream().filter(Call::ok).filter(c -> stored.getOrDefault(c.key(), 0) != 1).count();
    long unackedPresent = writes.values().stream().filter(c -> !c.ok()).filter(c -> stored.containsKey(c.key())).count();
    long halfThere = halfWritten("f1-");
    System.out.printf("writes: %d acknowledged, %d not; acknowledged but not stored exactly once: %d; unacknowledged but stored: %d; half-written (entry without its idempotency record or the reverse): %d%n",
        acked, writes.size() - acked, ackedMissing, unackedPresent, halfThere);
    check(ackedMissing == 0, "an acknowledged write is missing or duplicated after the PostgreSQL restart");
    check(halfThere == 0, "a write is half there after the PostgreSQL restart");
    // a retry with the same key completes each unacknowledged write exactly once
    int retried = 0;
    for (Call c : writes.values()) {
      if (!c.ok()) {
        Result r = a.graphql(t.secretary, POST_ENTRY, addition(c.member(), c.key(), 1));
        check(r.ok(), "a retry after the restart failed: " + r.code());
        retried++;
      }
    }
    Map<String, Integer> after = storedAdditions("f1-");
    long notOnce = writes.keySet().stream().filter(k -> after.getOrDefault(k, 0) != 1).count();
    System.out.printf("retried %d unacknowledged writes with their keys: every key now stored exactly once: %s (%d keys, %d not once)%n",
        retried, notOnce == 0 ? "yes" : "NO", writes.size(), notOnce);
    check(notOnce == 0, "after retries some key is not stored exactly once");
    String clientSum = "%d".formatted(writes.size());
    String dbSum = ctl("psql", "select coalesce(sum(points), 0)::int from ledger_entry where reason like 'fault f1-%'").trim();
    System.out.printf("checksum: points the client wrote %s, points in the ledger %s%n", clientSum, dbSum);
    check(clientSum.equals(dbSum), "ledger points differ from the client's log after the PostgreSQL restart");
  }

  private void report(ConcurrentLinkedQueue<Call> log, double upAt) {
    var byCode = new TreeMap<String, Integer>();
    double worst = 0;
    double lastFailure = 0;
    int hung = 0;
    for (Call c : log) {
      byCode.merge(c.ok() ? "ok" : c.code(), 1, Integer::sum);
      worst = Math.max(worst, c.millis());
      if (c.code().equals("TIMEOUT")) {
        hung++;
      }
      if (!c.ok()) {
        lastFailure = Math.max(lastFailure, c.endSeconds());
      }
    }
    System.out.printf("requests: %d, by outcome %s; slowest %.0f ms (client timeout %d s, hung: %d)%n",
        log.size(), byCode, worst, CLIENT_TIMEOUT.toSeconds(), hung);
    log.stream().filter(c -> c.code().equals("TIMEOUT")).forEach(c -> System.out.printf(
        "  hung: %s sent at %.1f s%n", c.key() == null ? "a ranking read" : "write " + c.key(), c.endSeconds() - c.millis() / 1000));
    double recovery = Math.max(0, lastFailure - upAt);
    System.out.printf("last failed request %.1f s after PostgreSQL was back (target ≤ 5 s)%n", recovery);
    check(hung == 0, "a request hung past the client timeout during the outage");
    check(recovery <= 5, "requests still failed more than 5 s after PostgreSQL was back");
    byCode.keySet().stream().filter(code -> !code.equals("ok") && !code.equals("UNAVAILABLE"))
        .forEach(code -> failures.add("during the outage a request failed with " + code + ", not UNAVAILABLE"));
  }

  // ── 2. Redis stops and starts under read load ──────────────────────────────────────────────────────────────

  private void redisOutage(Township t) throws Exception {
    System.out.printf("%n== 2. Redis stopped and started under read load (4 readers on both instances) ==%n");
    var log = new ConcurrentLinkedQueue<Call>();
    var sources = new ConcurrentHashMap<String, AtomicInteger>();
    AtomicBoolean running = new AtomicBoolean(true);
    long t0 = System.nanoTime();
    try (var pool = Executors.newFixedThreadPool(4)) {
      for (int r = 0; r < 4; r++) {
        Instance target = r % 2 == 0 ? a : b;
        pool.submit(() -> {
          while (running.get()) {
            Result res = target.graphql(t.member, RANKING, monthRanking(t));
            log.add(Call.of(t0, null, null, res));
            if (res.ok()) {
              sources.computeIfAbsent(res.data().get("ranking").get("source").asString(), k -> new AtomicInteger()).incrementAndGet();
            }
          }
        });
      }
      Thread.sleep(3000);
      ctl("redis-stop");
      System.out.printf("Redis stopped at %.1f s%n", seconds(t0));
      Thread.sleep(6000);
      ctl("redis-start");
      System.out.printf("Redis back at %.1f s%n", seconds(t0));
      Thread.sleep(6000);
      running.set(false);
    }
    long failed = log.stream().filter(c -> !c.ok()).count();
    System.out.printf("reads: %d, failed %d (target 0); answered from %s%n", log.size(), failed, sources);
    check(failed == 0, failed + " reads failed while Redis was stopped or restarting");
    // after the restart the board is rebuilt from PostgreSQL: compare it with a recomputation in SQL
    Result board = a.graphql(t.member, RANKING, monthRanking(t));
    check(board.ok(), "ranking after the Redis restart failed");
    JsonNode ranking = board.data().get("ranking");
    Map<String, String> truth = new HashMap<>();
    for (String row : ctl("psql", """
        select m.code || '=' || coalesce(sum(case when e.kind = 'DEDUCTION' then -e.points else e.points end), 0)
        from member m left join ledger_entry e on e.tenant_id = m.tenant_id and e.member_id = m.member_id and e.year = %d and e.month = %d
        where m.tenant_id = '%s' and m.branch_id = '%s' and m.status = 'ACTIVE' and not m.exempt group by m.code"""
        .formatted(year, month, t.code, t.branch)).split("\n")) {
      String[] kv = row.split("=");
      truth.put(kv[0], kv[1]);
    }
    int compared = 0;
    int wrong = 0;
    for (JsonNode e : ranking.get("entries")) {
      compared++;
      if (new java.math.BigDecimal(truth.get(e.get("memberCode").asString())).compareTo(new java.math.BigDecimal(e.get("score").asString())) != 0) {
        wrong++;
      }
    }
    System.out.printf("board after the restart (source %s): %d entries compared with a PostgreSQL recomputation, %d differ%n",
        ranking.get("source").asString(), compared, wrong);
    check(compared > 0 && wrong == 0, "the rebuilt leaderboard differs from PostgreSQL");
  }

  // ── 3. Keycloak down ───────────────────────────────────────────────────────────────────────────────────────

  private void keycloakDown(Township t) throws Exception {
    System.out.printf("%n== 3. Keycloak down ==%n");
    String seen = Keycloak.freshToken("mem.qs");
    check(a.graphql(seen, RANKING, monthRanking(t)).ok(), "a fresh token was refused before the outage");
    String unseen = Keycloak.freshToken("mem.qs");
    ctl("kc-stop");
    Result usedBefore = a.graphql(seen, RANKING, monthRanking(t));
    Result neverUsed = b.graphql(unseen, RANKING, monthRanking(t));
    String login;
    try {
      Keycloak.freshToken("mem.qs");
      login = "a new login succeeded (unexpected)";
    } catch (IllegalStateException e) {
      login = "a new login fails: " + e.getMessage().lines().findFirst().orElse("");
    }
    System.out.printf("Keycloak stopped: a token already used %s; a token issued before but first used now %s; %s%n",
        usedBefore.ok() ? "still works" : "REFUSED (" + usedBefore.code() + ")",
        neverUsed.ok() ? "works (signing keys cached)" : "REFUSED (" + neverUsed.code() + ")", login);
    check(usedBefore.ok() && neverUsed.ok(), "tokens issued before the outage stopped working while Keycloak was down");
    long t0 = System.nanoTime();
    ctl("kc-start");
    System.out.printf("Keycloak back after %.0f s (it imports the realm with new signing keys)%n", seconds(t0));
    Result after = a.graphql(Keycloak.freshToken("mem.qs"), RANKING, monthRanking(t));
    System.out.printf("a token signed with Keycloak's new key, on the service that was never restarted: %s%n",
        after.ok() ? "accepted" : "REFUSED (" + after.code() + ")");
    check(after.ok(), "the service did not recover from the Keycloak outage without a restart");
  }

  // ── 4. SIGKILL mid-save ────────────────────────────────────────────────────────────────────────────────────

  private void killMidSave() throws Exception {
    System.out.printf("%n== 4. the service killed with SIGKILL in the middle of a month sheet confirmation ==%n");
    String secretary = Keycloak.token("sec.cg");
    Township cg = Township.of(a, secretary, "CG");
    List<String> items = List.of("STUDY", "ORG_LIFE", "DUES", "DISCIPLINE", "DUTY", "PLEDGE", "MASSES", "VANGUARD", "INTEGRITY", "MORALITY");
    int sheetMonth = openMonth(cg);
    List<Map<String, Object>> cells = new ArrayList<>();
    for (String member : cg.members) {
      for (String item : items) {
        cells.add(Map.of("memberId", member, "item", item, "points", "9.5", "version", 0));
      }
    }
    String key = "f4-" + UUID.randomUUID();
    Map<String, Object> input = Map.of("input", Map.of("branchId", cg.branch, "year", year, "month", sheetMonth,
        "idempotencyKey", key, "cells", cells));
    String confirm = "mutation($input: ConfirmMonthInput!) { confirmMonth(input: $input) { posted } }";
    // kill while the request is in flight: after it was sent, before its answer
    var inFlight = CompletableFuture.supplyAsync(() -> a.graphql(secretary, confirm, input));
    Thread.sleep(Long.getLong("faults.killAfterMs", 40));
    boolean answered = inFlight.isDone();
    a.kill();
    Result cut = inFlight.get();
    int stored = Integer.parseInt(ctl("psql", "select count(*) from ledger_entry where tenant_id = 'CG' and branch_id = '%s' and year = %d and month = %d and kind = 'ITEM_SCORE'"
        .formatted(cg.branch, year, sheetMonth)).trim());
    System.out.printf("%d cells sent; the service was killed %s the answer (client saw: %s); ledger holds %d of them (all or nothing: %s)%n",
        cells.size(), answered ? "after" : "before", cut.ok() ? "ok" : cut.code(), stored,
        stored == 0 || stored == cells.size() ? "yes" : "NO");
    check(stored == 0 || stored == cells.size(), "a killed confirmation left a partial month sheet");
    a.start();
    a.awaitReady(secretary);
    Result retry = a.graphql(secretary, confirm, input);
    Result again = a.graphql(secretary, confirm, input);
    int now = Integer.parseInt(ctl("psql", "select count(*) from ledger_entry where tenant_id = 'CG' and branch_id = '%s' and year = %d and month = %d and kind = 'ITEM_SCORE'"
        .formatted(cg.branch, year, sheetMonth)).trim());
    System.out.printf("after a restart the same key: %s, and once more: %s; ledger holds %d cells (expected %d)%n",
        retry.ok() ? "posted " + retry.data().get("confirmMonth").get("posted") : retry.code(),
        again.ok() ? "posted " + again.data().get("confirmMonth").get("posted") : again.code(), now, cells.size());
    check(retry.ok() && now == cells.size(), "the retry with the same key did not complete the month sheet exactly once");
  }

  // ── 4b. SIGKILL mid-settlement ──────────────────────────────────────────────────────────────────────────

  private static final String SETTLE_TOWNSHIP = """
      mutation($input: SettleTownshipInput!) { settleTownship(input: $input) { settled { id run } notSettled { code } } }""";

  /**
   * The township's year-end settlement (every branch, each in its own transaction) killed while it runs: each
   * branch's run is there completely or not at all, and the same key then settles each branch exactly once more.
   */
  private void killMidSettlement() throws Exception {
    System.out.printf("%n== 4b. the service killed with SIGKILL in the middle of a township's year-end settlement ==%n");
    String admin = Keycloak.freshToken("admin.qs");
    int last = year - 1;
    Map<String, Integer> before = runsPerBranch(last);
    Map<String, Integer> members = membersOfLatestRun(last);
    String key = "f4b-" + UUID.randomUUID();
    Map<String, Object> input = Map.of("input", Map.of("year", last, "idempotencyKey", key));
    var inFlight = CompletableFuture.supplyAsync(() -> a.graphql(admin, SETTLE_TOWNSHIP, input));
    // kill as soon as the first branch's run is stored: the others are computing or waiting, mid-settlement
    int storedBefore = before.values().stream().mapToInt(Integer::intValue).sum();
    long t0 = System.nanoTime();
    while (!inFlight.isDone() && seconds(t0) < 120
        && runsPerBranch(last).values().stream().mapToInt(Integer::intValue).sum() == storedBefore) {
      Thread.sleep(Long.getLong("faults.settlePollMs", 50));
    }
    System.out.printf("first branch stored %.1f s after the request was sent%n", seconds(t0));
    boolean answered = inFlight.isDone();
    a.kill();
    Result cut = inFlight.get();
    Map<String, Integer> afterKill = runsPerBranch(last);
    int newRuns = 0;
    int badBranches = 0;
    for (var e : afterKill.entrySet()) {
      int added = e.getValue() - before.getOrDefault(e.getKey(), 0);
      newRuns += added;
      if (added < 0 || added > 1) {
        badBranches++;
      }
    }
    // a stored run is complete: as many member results as the branch's runs before the kill
    int incomplete = 0;
    for (String row : ctl("psql", "select branch_id || '=' || jsonb_array_length(results -> 'members') from settlement "
        + "where tenant_id = 'QS' and year = %d".formatted(last)).split("\n")) {
      String[] kv = row.split("=");
      if (!row.isBlank() && !members.get(kv[0]).equals(Integer.parseInt(kv[1]))) {
        incomplete++;
      }
    }
    long keyRows = Long.parseLong(ctl("psql", "select count(*) from idempotency_key where tenant_id = 'QS' and key like 'settleTownship:%'"
        + " and response ->> 'settlementId' in (select settlement_id::text from settlement where tenant_id = 'QS')").trim());
    System.out.printf("%d branches; killed %s the answer (client saw: %s); new runs stored %d, branches with more than one: %d, "
            + "incomplete runs: %d, key rows beside them: %d%n",
        before.size(), answered ? "after" : "before", cut.ok() ? "ok" : cut.code(), newRuns, badBranches, incomplete, keyRows);
    check(badBranches == 0 && incomplete == 0, "a killed settlement left a branch with a partial or duplicated run");
    check(keyRows == newRuns, "a stored run and its idempotency key were not written together");
    a.start();
    a.awaitReady(admin);
    Result retry = a.graphql(admin, SETTLE_TOWNSHIP, input);
    Result again = a.graphql(admin, SETTLE_TOWNSHIP, input);
    Map<String, Integer> after = runsPerBranch(last);
    long notOnce = before.keySet().stream().filter(b -> after.get(b) - before.get(b) != 1).count();
    System.out.printf("after a restart the same key: %s, and once more: %s; branches with exactly one new run: %d of %d%n",
        retry.ok() ? retry.data().get("settleTownship").get("settled").size() + " settled" : retry.code(),
        again.ok() ? again.data().get("settleTownship").get("settled").size() + " settled (replayed)" : again.code(),
        before.size() - notOnce, before.size());
    check(retry.ok() && again.ok() && notOnce == 0, "the retried settlement did not store each branch's run exactly once");
    check(members.size() == before.size(), "the demo's previous year was not settled in every branch");
  }

  private Map<String, Integer> runsPerBranch(int y) throws Exception {
    Map<String, Integer> runs = new TreeMap<>();
    for (String row : ctl("psql", "select branch_id || '=' || count(*) from settlement where tenant_id = 'QS' and year = %d group by branch_id"
        .formatted(y)).split("\n")) {
      if (!row.isBlank()) {
        String[] kv = row.split("=");
        runs.put(kv[0], Integer.parseInt(kv[1]));
      }
    }
    return runs;
  }

  private Map<String, Integer> membersOfLatestRun(int y) throws Exception {
    Map<String, Integer> members = new TreeMap<>();
    for (String row : ctl("psql", "select distinct on (branch_id) branch_id || '=' || jsonb_array_length(results -> 'members') "
        + "from settlement where tenant_id = 'QS' and year = %d order by branch_id, run desc".formatted(y)).split("\n")) {
      if (!row.isBlank()) {
        String[] kv = row.split("=");
        members.put(kv[0], Integer.parseInt(kv[1]));
      }
    }
    return members;
  }

  // ── 6. sustained mixed load ──────────────────────────────────────────────────────────────────────────────

  /**
   * Secretaries posting, members reading rankings and cards, on both instances for {@code minutes}; every request
   * must succeed, and each instance's resident memory is printed every minute (read from /proc).
   */
  private void sustained(Township t, double minutes) throws Exception {
    long pause = Long.getLong("faults.pauseMs", 20);
    System.out.printf("%n== 6. sustained mixed load for %.1f min (2 writers, 4 readers, both instances, %d ms between a user's requests) ==%n",
        minutes, pause);
    var outcomes = new ConcurrentHashMap<String, AtomicInteger>();
    var tokens = new ConcurrentHashMap<String, String[]>();
    AtomicBoolean running = new AtomicBoolean(true);
    String card = "query($id: ID!, $y: Int!) { memberCard(memberId: $id, year: $y) { yearTotal } }";
    String sheet = "query($b: ID!, $y: Int!, $m: Int!) { monthSheet(branchId: $b, year: $y, month: $m) { state rows { member { code } } } }";
    String me = "{ me { member { id } } }";
    String memberId = a.graphql(t.member, me, Map.of()).data().get("me").get("member").get("id").asString();
    // the same load first for a warm-up that is reported but not judged: freshly started JVMs compile as they serve
    long warmup = Long.getLong("faults.warmupSeconds", 0);
    var warmupOutcomes = new ConcurrentHashMap<String, AtomicInteger>();
    var counting = new java.util.concurrent.atomic.AtomicReference<>(warmup > 0 ? warmupOutcomes : outcomes);
    long t0 = System.nanoTime();
    try (var pool = Executors.newFixedThreadPool(6)) {
      for (int u = 0; u < 6; u++) {
        int user = u;
        Instance target = u % 2 == 0 ? a : b;
        pool.submit(() -> {
          int n = 0;
          while (running.get()) {
            Result r = switch (user) {
              case 0, 1 -> target.graphql(token(tokens, "sec.qs"), POST_ENTRY,
                  addition(t.members.get(n % t.members.size()), "f6-" + user + "-" + n + "-" + UUID.randomUUID().toString().substring(0, 8), 1));
              case 2, 3 -> target.graphql(token(tokens, "mem.qs"), RANKING, monthRanking(t));
              case 4 -> target.graphql(token(tokens, "mem.qs"), card, Map.of("id", memberId, "y", year));
              default -> target.graphql(token(tokens, "sec.qs"), sheet, Map.of("b", t.branch, "y", year, "m", month));
            };
            counting.get().computeIfAbsent(r.ok() ? "ok" : r.code(), k -> new AtomicInteger()).incrementAndGet();
            n++;
            try {
              Thread.sleep(pause);
            } catch (InterruptedException e) {
              return;
            }
          }
        });
      }
      if (warmup > 0) {
        Thread.sleep(warmup * 1000);
        counting.set(outcomes);
        System.out.printf("warm-up %d s: %s (not judged); RSS A %,d MB, B %,d MB%n", warmup, new TreeMap<>(warmupOutcomes),
            a.rssKb() / 1024, b.rssKb() / 1024);
        t0 = System.nanoTime();
      }
      long end = t0 + (long) (minutes * 60e9);
      int minute = 0;
      List<long[]> rss = new ArrayList<>();
      while (System.nanoTime() < end) {
        Thread.sleep(Math.min(60_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        minute++;
        long[] now = {a.rssKb(), b.rssKb()};
        rss.add(now);
        int total = outcomes.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf("minute %2d: RSS A %,d MB, B %,d MB; requests so far %,d, by outcome %s%n",
            minute, now[0] / 1024, now[1] / 1024, total, new TreeMap<>(outcomes));
      }
      running.set(false);
      int total = outcomes.values().stream().mapToInt(AtomicInteger::get).sum();
      int failed = total - outcomes.getOrDefault("ok", new AtomicInteger()).get();
      System.out.printf("%,d requests in %.1f min (%.0f/s), failed %d (target 0)%n", total, seconds(t0) / 60, total / seconds(t0), failed);
      check(failed == 0, failed + " requests failed under sustained load");
      if (rss.size() >= 3) {
        // the first minute includes the JIT and the heap growing to its working size; flat = later minutes within 25 % of the second
        long[] second = rss.get(1);
        long[] lastRss = rss.getLast();
        double growthA = (double) lastRss[0] / second[0] - 1;
        double growthB = (double) lastRss[1] / second[1] - 1;
        System.out.printf("RSS from minute 2 to minute %d: A %+.0f %%, B %+.0f %% (flat: within 25 %%)%n", rss.size(), growthA * 100, growthB * 100);
        check(growthA < 0.25 && growthB < 0.25, "resident memory grew by more than 25 % under sustained load");
      }
    }
  }

  /** A user's token, renewed every minute so a long run never sends an expired one. */
  private static String token(ConcurrentHashMap<String, String[]> tokens, String user) {
    String[] held = tokens.compute(user, (u, t) -> t == null || System.nanoTime() - Long.parseLong(t[1]) > 60e9
        ? new String[] {Keycloak.freshToken(u), String.valueOf(System.nanoTime())} : t);
    return held[0];
  }

  /** The first month of this year whose sheet is still open in the branch (the demo confirms earlier months). */
  private int openMonth(Township t) {
    for (int m = 1; m <= month; m++) {
      Result r = a.graphql(t.secretary, "query($b: ID!, $y: Int!, $m: Int!) { monthSheet(branchId: $b, year: $y, month: $m) { state } }",
          Map.of("b", t.branch, "y", year, "m", m));
      if (r.ok() && r.data().get("monthSheet").get("state").asString().equals("OPEN")) {
        return m;
      }
    }
    throw new IllegalStateException("no open month sheet in " + t.code + " " + year);
  }

  // ── 5. two instances ───────────────────────────────────────────────────────────────────────────────────────

  private void twoInstances(Township t) throws Exception {
    System.out.printf("%n== 5. two service instances on one PostgreSQL and Redis ==%n");
    String key = "f5-" + UUID.randomUUID();
    String member = t.members.getFirst();
    var answers = new ConcurrentLinkedQueue<Result>();
    try (var pool = Executors.newFixedThreadPool(16)) {
      for (int i = 0; i < 50; i++) {
        Instance target = i % 2 == 0 ? a : b;
        pool.submit(() -> answers.add(target.graphql(t.secretary, POST_ENTRY, addition(member, key, 2))));
      }
    }
    var outcomes = new TreeMap<String, Integer>();
    var ids = new java.util.HashSet<String>();
    for (Result r : answers) {
      outcomes.merge(r.ok() ? "ok" : r.code(), 1, Integer::sum);
      if (r.ok()) {
        ids.add(r.data().get("postEntry").get("entry").get("id").asString());
      }
    }
    int stored = storedAdditions("f5-").getOrDefault(key, 0);
    System.out.printf("50 concurrent posts with one idempotency key over both instances: answers %s, distinct entry ids %d, stored %d (target 1)%n",
        outcomes, ids.size(), stored);
    check(stored == 1 && ids.size() <= 1, "one idempotency key was posted " + stored + " times across two instances");
    // a write on A is seen by a ranking read on B
    String code = t.memberCode(member);
    java.math.BigDecimal before = scoreOn(b, t, code);
    Result posted = a.graphql(t.secretary, POST_ENTRY, addition(member, "f5-" + UUID.randomUUID(), 3));
    java.math.BigDecimal afterB = scoreOn(b, t, code);
    System.out.printf("member %s on B's board: %s before, %s after a +3 addition posted on A%n", code, before, afterB);
    check(posted.ok() && afterB != null && before != null && afterB.subtract(before).compareTo(java.math.BigDecimal.valueOf(3)) == 0,
        "a ranking read on B did not see A's write");
  }

  private java.math.BigDecimal scoreOn(Instance i, Township t, String code) {
    Result r = i.graphql(t.secretary, RANKING, Map.of("input", Map.of("period", "MONTH", "year", year, "index", month,
        "scope", "BRANCH", "scopeId", t.branch, "first", 100)));
    if (!r.ok()) {
      return null;
    }
    for (JsonNode e : r.data().get("ranking").get("entries")) {
      if (e.get("memberCode").asString().equals(code)) {
        return new java.math.BigDecimal(e.get("score").asString());
      }
    }
    return null;
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────────────────────

  private Map<String, Object> addition(String member, String key, int points) {
    return Map.of("input", Map.of("memberId", member, "kind", "ACHIEVEMENT", "points", String.valueOf(points),
        "occurredOn", LocalDate.of(year, month, 1).toString(), "reason", "fault " + key, "idempotencyKey", key));
  }

  /** The branch board: every township's visibility lets a member see their own branch's. */
  private Map<String, Object> monthRanking(Township t) {
    return Map.of("input", Map.of("period", "MONTH", "year", year, "index", month, "scope", "BRANCH", "scopeId", t.branch, "first", 20));
  }

  /** How many ledger entries each fault key left (the key is in the entry's reason). */
  private Map<String, Integer> storedAdditions(String prefix) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    String rows = ctl("psql", "select substr(reason, 7) || '=' || count(*) from ledger_entry where reason like 'fault %s%%' group by reason"
        .formatted(prefix));
    for (String row : rows.split("\n")) {
      if (!row.isBlank()) {
        String[] kv = row.split("=");
        counts.put(kv[0], Integer.parseInt(kv[1]));
      }
    }
    return counts;
  }

  /** Entries without their idempotency record, or records without their entry: a write that is half there. */
  private long halfWritten(String prefix) throws Exception {
    return Long.parseLong(ctl("psql", """
        select count(*) from (
          select substr(e.reason, 7) as key from ledger_entry e where e.reason like 'fault %1$s%%'
          except select k.key from idempotency_key k where k.key like '%1$s%%' and k.response is not null) x""".formatted(prefix)).trim())
        + Long.parseLong(ctl("psql", """
        select count(*) from idempotency_key k where k.key like '%1$s%%'
          and not exists (select 1 from ledger_entry e where e.reason = 'fault ' || k.key)""".formatted(prefix)).trim());
  }

  private String ctl(String... args) throws IOException, InterruptedException {
    var command = new ArrayList<String>();
    command.add(ctl.toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("bench/faults-ctl " + String.join(" ", args) + " failed");
    }
    return out;
  }

  private void check(boolean held, String broken) {
    if (!held) {
      failures.add(broken);
    }
  }

  private void stopAll() {
    for (Instance i : new Instance[] {a, b}) {
      if (i != null) {
        i.kill();
      }
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** One request's outcome in the client's log. */
  record Call(String key, String member, String code, double millis, double endSeconds) {
    static Call of(long t0, String key, String member, Result r) {
      return new Call(key, member, r.ok() ? "ok" : r.code(), r.millis(), seconds(t0));
    }

    boolean ok() {
      return code.equals("ok");
    }
  }

  /** A GraphQL answer: data when it succeeded, otherwise the classified error code (or TIMEOUT / CONNECTION). */
  record Result(JsonNode data, String code, double millis) {
    boolean ok() {
      return code == null;
    }
  }

  /** A service process started from the packaged jar. */
  final class Instance {
    final String name;
    final int port;
    final boolean loadsDemo;
    Process process;

    Instance(String name, int port, boolean loadsDemo) {
      this.name = name;
      this.port = port;
      this.loadsDemo = loadsDemo;
    }

    void start() throws IOException {
      // the demo is loaded by the first start only: a restart after a kill finds the data as the kill left it
      boolean demo = loadsDemo && process == null;
      var pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar);
      pb.environment().putAll(Map.of(
          "APP_PORT", String.valueOf(port),
          "JIFEN_MANAGEMENT_PORT", String.valueOf(port + 1000),
          "JIFEN_DB_PORT", System.getProperty("faults.pgPort", "5442"),
          "JIFEN_DB_NAME", "jifen_faults",
          "JIFEN_REDIS_PORT", System.getProperty("faults.redisPort", "6392"),
          "JIFEN_DEMO_LOAD", String.valueOf(demo),
          // last year complete (ledger, ballots, settlement) so that a settlement can be killed in flight
          "JIFEN_DEMO_YEAR", String.valueOf(demo && demoYear),
          // replicas share one ballot key, as production requires; a fresh one per run
          "JIFEN_BALLOT_KEY", BALLOT_KEY));
      Path logFile = Path.of(System.getProperty("faults.logs", "/tmp"), "service-" + name + ".log");
      process = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    }

    void awaitReady(String token) throws InterruptedException {
      long t0 = System.nanoTime();
      while (seconds(t0) < 300) {
        if (!process.isAlive()) {
          throw new IllegalStateException("service " + name + " exited; see its log under " + System.getProperty("faults.logs"));
        }
        if (graphql(token, "{ me { username } }", Map.of()).ok()) {
          System.out.printf("service %s ready on port %d after %.1f s%n", name, port, seconds(t0));
          return;
        }
        Thread.sleep(250);
      }
      throw new IllegalStateException("service " + name + " not ready after 300 s");
    }

    /** Resident set size of the service's JVM, from /proc (0 when it is not running). */
    long rssKb() {
      try {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
          if (line.startsWith("VmRSS:")) {
            return Long.parseLong(line.replaceAll("\\D", ""));
          }
        }
      } catch (IOException e) {
        return 0;
      }
      return 0;
    }

    void kill() {
      if (process != null && process.isAlive()) {
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no graceful drain
        try {
          process.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    Result graphql(String token, String query, Map<String, ?> variables) {
      long t0 = System.nanoTime();
      try {
        String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
        var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
            .timeout(CLIENT_TIMEOUT).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - t0) / 1e6;
        JsonNode json = response.body().isBlank() ? null : JSON.readTree(response.body());
        if (json == null || !json.has("data") && !json.has("errors")) {
          return new Result(null, "HTTP_" + response.statusCode(), ms);
        }
        JsonNode errors = json.get("errors");
        if (errors != null && !errors.isEmpty()) {
          JsonNode ext = errors.get(0).get("extensions");
          String code = ext != null && ext.has("code") ? ext.get("code").asString() : "UNCLASSIFIED";
          return new Result(null, code, ms);
        }
        return new Result(json.get("data"), null, ms);
      } catch (java.net.http.HttpTimeoutException e) {
        return new Result(null, "TIMEOUT", (System.nanoTime() - t0) / 1e6);
      } catch (IOException e) {
        return new Result(null, "CONNECTION", (System.nanoTime() - t0) / 1e6);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Result(null, "INTERRUPTED", 0);
      }
    }
  }

  /** The demo township a secretary works in: their branch and its members. */
  record Township(String code, String secretary, String member, String branch, List<String> members, Map<String, String> codes) {
    static Township of(Instance i, String secretary, String code) {
      Result me = i.graphql(secretary, "{ me { managedBranch { id } } }", Map.of());
      if (!me.ok()) {
        throw new IllegalStateException("cannot read the secretary's branch: " + me.code());
      }
      String branch = me.data().get("me").get("managedBranch").get("id").asString();
      Result sheet = i.graphql(secretary, "query($b: ID!, $y: Int!) { monthSheet(branchId: $b, year: $y, month: 1) { rows { member { id code } } } }",
          Map.of("b", branch, "y", LocalDate.now().getYear()));
      if (!sheet.ok()) {
        throw new IllegalStateException("cannot read the branch's members: " + sheet.code());
      }
      List<String> members = new ArrayList<>();
      Map<String, String> codes = new HashMap<>();
      for (JsonNode row : sheet.data().get("monthSheet").get("rows")) {
        members.add(row.get("member").get("id").asString());
        codes.put(row.get("member").get("id").asString(), row.get("member").get("code").asString());
      }
      return new Township(code, secretary, Keycloak.token("mem." + code.toLowerCase()), branch, members, codes);
    }

    Township withFreshTokens() {
      return new Township(code, Keycloak.freshToken("sec." + code.toLowerCase()), Keycloak.freshToken("mem." + code.toLowerCase()),
          branch, members, codes);
    }

    String memberCode(String id) {
      return codes.get(id);
    }
  }
}
