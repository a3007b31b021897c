package com.jifen.ledger;


import static com.jifen.testing.AuditTrail.assertAudited;
import static org.awaitility.Awaitility.await;
import com.jifen.scheme.engine.SeedSchemes;
import com.jifen.testing.IntegrationTest;
import com.jifen.testing.Keycloak;
import com.jifen.testing.PrivateRedis;
import com.jifen.testing.TestTownship;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Rankings from Redis; with this test's own Redis stopped they answer from PostgreSQL, and nothing fails. Boards are
 * read in pages of 3 members, so the 4-member boards here are built from two pages (as a large township's from many).
 */
@TestPropertySource(properties = "jifen.rankings.page-size=3")
class RankingIT extends IntegrationTest {
  static final int YEAR = LocalDate.now().getYear() - 1;
  static final PrivateRedis REDIS = new PrivateRedis(16391);

  @DynamicPropertySource
  static void privateRedis(DynamicPropertyRegistry registry) {
    REDIS.start();
    registry.add("spring.data.redis.host", REDIS::host);
    registry.add("spring.data.redis.port", REDIS::port);
  }

  @AfterAll
  static void stopRedis() {
    REDIS.stop();
  }

  private static final String RANKING = """
      query($input: RankingInput!) { ranking(input: $input) { source entries { rank memberCode score } me { rank memberCode score } } }""";

  @Test
  void rankingsComeFromRedisAndFromPostgresWhenRedisIsDown() {
    TestTownship t = freshTownship();
    String code = t.tenant().value();
    String committee = t.createOrganization(null, code, "测试镇党委", "COMMITTEE", null);
    String branch = t.createOrganization(committee, code + "-01", "党政办党支部", "BRANCH", "ORGAN");
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      ids.add(t.createMember(branch, "R" + i, "党员" + i, "ORGAN"));
    }
    t.publishAndPin(SeedSchemes.text(SeedSchemes.S1), YEAR, "ORGAN");
    int[] perItem = {9, 8, 8, 6}; // totals 90, 80, 80, 60 → ranks 1, 2, 2, 4
    List<Map<String, Object>> cells = new ArrayList<>();
    for (int m = 0; m < ids.size(); m++) {
      for (String item : LedgerIT.ITEMS) {
        cells.add(Map.of("memberId", ids.get(m), "item", item, "points", String.valueOf(perItem[m]), "version", 0));
      }
    }
    t.admin().document("mutation($input: SaveMonthDraftInput!) { saveMonthDraft(input: $input) { saved } }")
        .variable("input", Map.of("branchId", branch, "year", YEAR, "month", 1, "cells", cells)).executeAndVerify();
    t.admin().document("mutation($input: ConfirmMonthInput!) { confirmMonth(input: $input) { posted } }")
        .variable("input", Map.of("branchId", branch, "year", YEAR, "month", 1, "idempotencyKey", "rank-" + code)).executeAndVerify();

    Map<String, Object> month = Map.of("period", "MONTH", "year", YEAR, "index", 1, "scope", "BRANCH", "scopeId", branch);
    var fromRedis = t.admin().document(RANKING).variable("input", month).execute();
    fromRedis.path("ranking.source").entity(String.class).isEqualTo("REDIS");
    fromRedis.path("ranking.entries[*].rank").entityList(Integer.class).containsExactly(1, 2, 2, 4);
    fromRedis.path("ranking.entries[*].memberCode").entityList(String.class).containsExactly("R1", "R2", "R3", "R4");
    fromRedis.path("ranking.entries[0].score").entity(String.class).isEqualTo("90.00");

    // a member sees their own rank; with visibility BRANCH the branch list too, with SELF only their rank
    String member = Keycloak.createUser(("rm." + code).toLowerCase(), code, List.of("member"), null, "R3");
    var asMember = as(member).document(RANKING).variable("input", month).execute();
    asMember.path("ranking.me.rank").entity(Integer.class).isEqualTo(2);
    asMember.path("ranking.entries").entityList(Object.class).hasSize(4);
    t.admin().document("mutation { updateTownship(input: {rankingVisibility: SELF}) { township { rankingVisibility } } }").executeAndVerify();
    assertAudited("updateTownship", t.tenant(), t.adminUsername(), t.tenant().value());
    var selfOnly = as(member).document(RANKING).variable("input", month).execute();
    selfOnly.path("ranking.entries").entityList(Object.class).hasSize(0);
    selfOnly.path("ranking.me.memberCode").entity(String.class).isEqualTo("R3");

    // a top of two cuts the tie at 80 between R2 and R3: Redis decides which of them is in
    Map<String, Object> cut = new HashMap<>(month);
    cut.put("first", 2);
    List<String> cutByRedis = t.admin().document(RANKING).variable("input", cut).execute()
        .path("ranking.entries[*].memberCode").entityList(String.class).hasSize(2).get();

    // Redis stops: the same answer, from PostgreSQL, the tie cut at the same member; writes still work
    REDIS.stop();
    var fromDatabase = t.admin().document(RANKING).variable("input", month).execute();
    fromDatabase.path("ranking.source").entity(String.class).isEqualTo("DATABASE");
    fromDatabase.path("ranking.entries[*].rank").entityList(Integer.class).containsExactly(1, 2, 2, 4);
    t.admin().document(RANKING).variable("input", cut).execute()
        .path("ranking.entries[*].memberCode").entityList(String.class).containsExactly(cutByRedis.toArray(String[]::new));
    var selfOnlyFromDatabase = as(member).document(RANKING).variable("input", month).execute();
    selfOnlyFromDatabase.path("ranking.source").entity(String.class).isEqualTo("DATABASE");
    selfOnlyFromDatabase.path("ranking.me.rank").entity(Integer.class).isEqualTo(2);
    selfOnlyFromDatabase.path("ranking.me.score").entity(String.class).isEqualTo("80.00");
    String entryId = t.admin().document("query($id: ID!, $y: Int!) { memberCard(memberId: $id, year: $y) { months { entries { id } } } }")
        .variable("id", ids.get(3)).variable("y", YEAR).execute()
        .path("memberCard.months[0].entries[0].id").entity(String.class).get();
    t.admin().document("mutation($input: CorrectEntryInput!) { correctEntry(input: $input) { replacement { points } } }")
        .variable("input", Map.of("entryId", entryId, "points", "10", "reason", "复核更正", "idempotencyKey", "fix-" + UUID.randomUUID()))
        .execute().path("correctEntry.replacement.points").entity(String.class).isEqualTo("10.00");
    t.admin().document(RANKING).variable("input", month).execute()
        .path("ranking.entries[*].memberCode").entityList(String.class).containsExactly("R1", "R2", "R3", "R4");

    // Redis is back: the ranking is rebuilt from PostgreSQL, with the correction made while it was down
    REDIS.start();
    // the client reconnects in the background (over a second on a loaded machine): until it has, answers come from
    // PostgreSQL; the first answer after it has must come from Redis
    var year = Map.of("period", "YEAR", "year", YEAR, "scope", "TOWNSHIP");
    var answer = new AtomicReference<GraphQlTester.Response>();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
      answer.set(t.admin().document(RANKING).variable("input", year).execute());
      return "REDIS".equals(answer.get().path("ranking.source").entity(String.class).get());
    });
    var rebuilt = answer.get();
    rebuilt.path("ranking.source").entity(String.class).isEqualTo("REDIS");
    rebuilt.path("ranking.entries[*].memberCode").entityList(String.class).containsExactly("R1", "R2", "R3", "R4");
    // the year ranks by the provisional year total (issue 14): January's 64 points ÷ 12 × 80%, the ballot not yet held
    rebuilt.path("ranking.entries[3].score").entity(String.class).isEqualTo("4.27");
  }
}
