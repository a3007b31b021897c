package com.jifen.settlement;

import static com.jifen.testing.AuditTrail.assertAudited;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.jifen.scheme.engine.SeedSchemes;
import com.jifen.testing.IntegrationTest;
import com.jifen.testing.TestTownship;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * The golden cases (docs/DOMAIN.md, Golden cases) end to end: every input entered through GraphQL (monthly grids, votes
 * with ballot codes, additions and deductions, awards and sanctions), the results read through GraphQL.
 */
class GoldenEndToEndIT extends IntegrationTest {
  static final int YEAR = LocalDate.now().getYear() - 1;
  static final String[] ITEMS = {"STUDY", "ORG_LIFE", "DUES", "DISCIPLINE", "DUTY", "PLEDGE", "MASSES", "VANGUARD", "INTEGRITY", "MORALITY"};
  static final String SETTLE = """
      mutation($input: SettleBranchInput!) { settleBranch(input: $input) { settlement { run members { member { code }
        itemScores components { code value } yearEndTotal adjustment annualTotal stars grade vetoed rank }
        annualStars { basis quota candidates { code } } } } }""";

  static JsonNode golden(String name) throws Exception {
    try (InputStream in = GoldenEndToEndIT.class.getResourceAsStream("/golden/" + name)) {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
    }
  }

  record Branch(TestTownship town, String id, Map<String, String> memberIds) {}

  private Branch branch(String category, JsonNode golden, String yaml) {
    TestTownship t = freshTownship();
    String committee = t.createOrganization(null, t.tenant().value(), "测试镇党委", "COMMITTEE", null);
    String branch = t.createOrganization(committee, t.tenant().value() + "-01", "金标党支部", "BRANCH", category);
    Map<String, String> ids = new LinkedHashMap<>();
    golden.get("members").forEach(m -> ids.put(m.asText(), t.createMember(branch, m.asText(), "党员" + m.asText(), category)));
    t.publishAndPin(yaml, YEAR, category);
    return new Branch(t, branch, ids);
  }

  record OpenedBallot(String id, List<String> codes) {}

  /** Codes for every member and `raters` mass representatives (seed 001), so at least `raters` codes to vote with. */
  private static OpenedBallot openBallot(Branch b, int raters) {
    var opened = b.town().admin().document("mutation($input: OpenBallotInput!) { openBallot(input: $input) { ballot { id } codes { code } } }")
        .variable("input", Map.of("branchId", b.id(), "year", YEAR, "massRepresentatives", Math.max(10, raters))).execute();
    return new OpenedBallot(opened.path("openBallot.ballot.id").entity(String.class).get(),
        opened.path("openBallot.codes[*].code").entityList(String.class).get());
  }

  private static void close(Branch b, OpenedBallot ballot) {
    b.town().admin().document("mutation($id: ID!) { closeBallot(input: {ballotId: $id}) { ballot { state } } }").variable("id", ballot.id())
        .execute().path("closeBallot.ballot.state").entity(String.class).isEqualTo("CLOSED");
  }

  private void vote(String code, List<Map<String, Object>> ratings) {
    anonymous().document("mutation($input: CastVoteInput!) { castVote(input: $input) { accepted } }")
        .variable("input", Map.of("code", code, "ratings", ratings)).executeAndVerify();
  }

  @Test
  void s1TenItemStarRatingBranchOf25() throws Exception {
    JsonNode golden = golden("s1-branch-25.json");
    Branch b = branch("ORGAN", golden, SeedSchemes.text(SeedSchemes.S1));
    JsonNode inputs = golden.get("inputs");
    // twelve monthly grids, each saved and confirmed
    for (int month = 1; month <= 12; month++) {
      List<Map<String, Object>> cells = new ArrayList<>();
      for (var e : b.memberIds().entrySet()) {
        JsonNode row = inputs.get(e.getKey()).get("monthly").get(month - 1);
        for (int i = 0; i < 10; i++) {
          cells.add(Map.of("memberId", e.getValue(), "item", ITEMS[i], "points", row.get(i).asText(), "version", 0));
        }
      }
      b.town().admin().document("mutation($input: SaveMonthDraftInput!) { saveMonthDraft(input: $input) { saved } }")
          .variable("input", Map.of("branchId", b.id(), "year", YEAR, "month", month, "cells", cells)).executeAndVerify();
      b.town().admin().document("mutation($input: ConfirmMonthInput!) { confirmMonth(input: $input) { posted } }")
          .variable("input", Map.of("branchId", b.id(), "year", YEAR, "month", month, "idempotencyKey", "golden-" + month + "-" + b.id()))
          .executeAndVerify();
    }
    // awards and sanctions
    for (var e : b.memberIds().entrySet()) {
      for (JsonNode a : inputs.get(e.getKey()).get("adjustments")) {
        b.town().admin().document("mutation($input: RecordAdjustmentInput!) { recordAdjustment(input: $input) { id } }")
            .variable("input", Map.of("memberId", e.getValue(), "year", YEAR, "kind", a.get("kind").asText(),
                "level", a.get("level").asText(), "reason", "文件依据")).executeAndVerify();
      }
    }
    assertAudited("recordAdjustment", b.town().tenant(), b.town().adminUsername(), null);
    // the ballot: rater k rates member m when k < m's number of raters (others abstain on m)
    int maxRaters = 0;
    for (JsonNode in : inputs) {
      maxRaters = Math.max(maxRaters, in.get("ballot").size());
    }
    OpenedBallot ballot = openBallot(b, maxRaters);
    for (int k = 0; k < maxRaters; k++) {
      List<Map<String, Object>> ratings = new ArrayList<>();
      for (var e : b.memberIds().entrySet()) {
        JsonNode rater = inputs.get(e.getKey()).get("ballot");
        if (k < rater.size()) {
          for (int i = 0; i < 10; i++) {
            ratings.add(Map.of("subjectId", e.getValue(), "item", ITEMS[i], "score", rater.get(k).get(i).asText()));
          }
        }
      }
      vote(ballot.codes().get(k), ratings);
    }
    close(b, ballot);

    var settled = b.town().admin().document(SETTLE).variable("input", Map.of("branchId", b.id(), "year", YEAR)).execute();
    JsonNode expected = golden.get("expected");
    Map<String, Map<String, Object>> byCode = rows(settled, "settleBranch.settlement.members");
    expected.get("members").properties().forEach(e -> {
      Map<String, Object> r = byCode.get(e.getKey());
      JsonNode x = e.getValue();
      List<String> items = new ArrayList<>();
      x.get("itemScores").forEach(s -> items.add(s.asText()));
      assertThat(r.get("itemScores")).as(e.getKey()).isEqualTo(items);
      assertThat(r.get("yearEndTotal")).as(e.getKey()).isEqualTo(x.get("yearEndTotal").asText());
      assertThat(new java.math.BigDecimal((String) r.get("adjustment"))).as(e.getKey()).isEqualByComparingTo(x.get("adjustment").asText());
      assertThat(r.get("annualTotal")).as(e.getKey()).isEqualTo(x.get("annualTotal").asText());
      assertThat(r.get("stars")).as(e.getKey()).isEqualTo(x.get("stars").asInt());
      assertThat(r.get("grade")).as(e.getKey()).isEqualTo(x.get("grade").asText());
      assertThat(r.get("rank")).as(e.getKey()).isEqualTo(expected.get("annualRanks").get(e.getKey()).asInt());
    });
    settled.path("settleBranch.settlement.annualStars.basis").entity(Integer.class).isEqualTo(expected.get("tenStarCount").asInt());
    settled.path("settleBranch.settlement.annualStars.quota").entity(Integer.class).isEqualTo(expected.get("annualStarQuota").asInt());

    // quarters, read through GraphQL
    for (JsonNode q : expected.get("quarters")) {
      var summary = b.town().admin().document("""
              query($b: ID!, $y: Int!, $q: Int!) { quarterSummary(branchId: $b, year: $y, quarter: $q) {
                scores { member { code } score rank } stars { quota candidates { code } } } }""")
          .variable("b", b.id()).variable("y", YEAR).variable("q", q.get("quarter").asInt()).execute();
      Map<String, Map<String, Object>> scores = rows(summary, "quarterSummary.scores");
      q.get("scores").properties().forEach(s -> assertThat(scores.get(s.getKey()).get("score")).isEqualTo(s.getValue().asText()));
      q.get("ranks").properties().forEach(s -> assertThat(scores.get(s.getKey()).get("rank")).isEqualTo(s.getValue().asInt()));
      summary.path("quarterSummary.stars.quota").entity(Integer.class).isEqualTo(q.get("quarterStarQuota").asInt());
    }

    // recomputing gives the same results, in a new run
    var again = b.town().admin().document(SETTLE).variable("input", Map.of("branchId", b.id(), "year", YEAR)).execute();
    again.path("settleBranch.settlement.run").entity(Integer.class).isEqualTo(2);
    assertThat(rows(again, "settleBranch.settlement.members")).isEqualTo(byCode);
    // what was stored is what was shown: the run read back equals the mutation's answer
    var stored = b.town().admin().document("""
            query($b: ID!, $y: Int!) { settlement(branchId: $b, year: $y) { run members { member { code }
              itemScores components { code value } yearEndTotal adjustment annualTotal stars grade vetoed rank } } }""")
        .variable("b", b.id()).variable("y", YEAR).execute();
    stored.path("settlement.run").entity(Integer.class).isEqualTo(2);
    assertThat(rows(stored, "settlement.members")).isEqualTo(byCode);

    // quarter stars: the quota holds
    var q1 = b.town().admin().document("query($b: ID!, $y: Int!) { quarterSummary(branchId: $b, year: $y, quarter: 1) { stars { quota candidates { id } } } }")
        .variable("b", b.id()).variable("y", YEAR).execute();
    List<String> candidates = q1.path("quarterSummary.stars.candidates[*].id").entityList(String.class).get();
    String confirm = "mutation($input: ConfirmStarsInput!) { confirmStars(input: $input) { awarded { code } } }";
    List<String> tooMany = new ArrayList<>(candidates);
    tooMany.add(b.memberIds().get("M001"));
    b.town().admin().document(confirm).variable("input", Map.of("branchId", b.id(), "year", YEAR, "period", "Q1", "memberIds", tooMany))
        .execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isIn("STAR_QUOTA_EXCEEDED", "NOT_A_STAR_CANDIDATE")));
    b.town().admin().document(confirm).variable("input", Map.of("branchId", b.id(), "year", YEAR, "period", "Q1", "memberIds", candidates.subList(0, 1)))
        .execute().path("confirmStars.awarded").entityList(Object.class).hasSize(1);
    assertAudited("confirmStars", b.town().tenant(), b.town().adminUsername(), b.id());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> rows(GraphQlTester.Response response, String path) {
    List<Map<String, Object>> list = response.path(path).entityList(Map.class).get().stream().map(m -> (Map<String, Object>) m).toList();
    Map<String, Map<String, Object>> byCode = new HashMap<>();
    for (Map<String, Object> r : list) {
      byCode.put((String) ((Map<String, Object>) r.get("member")).get("code"), r);
    }
    return byCode;
  }

  @Test
  void s2VillageOf30() throws Exception {
    JsonNode golden = golden("s2-village-30.json");
    Branch b = branch("VILLAGE", golden, SeedSchemes.text(SeedSchemes.S2));
    JsonNode inputs = golden.get("inputs");
    String post = "mutation($input: PostEntryInput!) { postEntry(input: $input) { entry { id } } }";
    for (var e : b.memberIds().entrySet()) {
      JsonNode in = inputs.get(e.getKey());
      int n = 0;
      for (String kind : List.of("deductions", "additions")) {
        for (JsonNode p : in.get(kind)) {
          int month = n++ % 12 + 1;
          b.town().admin().document(post).variable("input", Map.of("memberId", e.getValue(),
              "kind", kind.equals("deductions") ? "VIOLATION" : "ACHIEVEMENT", "points", p.asText(),
              "occurredOn", "%d-%02d-15".formatted(YEAR, month), "reason", "金标数据", "idempotencyKey", UUID.randomUUID().toString()))
              .executeAndVerify();
        }
      }
    }
    OpenedBallot ballot = openBallot(b, 19);
    for (int k = 0; k < 19; k++) {
      List<Map<String, Object>> ratings = new ArrayList<>();
      for (var e : b.memberIds().entrySet()) {
        JsonNode votes = inputs.get(e.getKey()).get("votes");
        int good = votes.get("good").asInt();
        int medium = votes.get("medium").asInt();
        ratings.add(Map.of("subjectId", e.getValue(), "option", k < good ? "GOOD" : k < good + medium ? "MEDIUM" : "BAD"));
      }
      vote(ballot.codes().get(k), ratings);
    }
    close(b, ballot);
    var settled = b.town().admin().document(SETTLE).variable("input", Map.of("branchId", b.id(), "year", YEAR)).execute();
    Map<String, Map<String, Object>> byCode = rows(settled, "settleBranch.settlement.members");
    JsonNode expected = golden.get("expected");
    expected.get("members").properties().forEach(e -> {
      Map<String, Object> r = byCode.get(e.getKey());
      JsonNode x = e.getValue();
      @SuppressWarnings("unchecked")
      Map<String, Object> components = new HashMap<>();
      ((List<Map<String, Object>>) r.get("components")).forEach(c -> components.put((String) c.get("code"), c.get("value")));
      assertThat(components.get("base")).as(e.getKey()).isEqualTo(x.get("base").asText());
      assertThat(components.get("additions")).as(e.getKey()).isEqualTo(x.get("additions").asText());
      assertThat(components.get("evaluation")).as(e.getKey()).isEqualTo(x.get("evaluation").asText());
      assertThat(r.get("annualTotal")).as(e.getKey()).isEqualTo(x.get("annualTotal").asText());
      assertThat(r.get("grade")).as(e.getKey()).isEqualTo(x.get("grade").asText());
      assertThat(r.get("vetoed")).as(e.getKey()).isEqualTo(x.get("vetoed").asBoolean());
      assertThat(r.get("rank")).as(e.getKey()).isEqualTo(expected.get("annualRanks").get(e.getKey()).asInt());
    });

    // what-if on this recorded year: additions capped at 10 instead of 20 changes exactly the members above 10
    String draft = SeedSchemes.text(SeedSchemes.S2).replace("max: 5,  capPerYear: 20}", "max: 5,  capPerYear: 10}");
    var whatIf = b.town().admin().document("""
            query($input: WhatIfYearInput!) { whatIfYear(input: $input) { changedCount changes { memberId currentTotal draftTotal changed } } }""")
        .variable("input", Map.of("branchId", b.id(), "year", YEAR, "draftYaml", draft)).execute();
    long above10 = java.util.stream.StreamSupport.stream(expected.get("members").spliterator(), false)
        .filter(x -> new java.math.BigDecimal(x.get("additions").asText()).compareTo(java.math.BigDecimal.TEN) > 0).count();
    whatIf.path("whatIfYear.changedCount").entity(Integer.class).isEqualTo((int) above10);
    b.town().admin().document("query($b: ID!, $y: Int!) { settlement(branchId: $b, year: $y) { run } }").variable("b", b.id()).variable("y", YEAR)
        .execute().path("settlement.run").entity(Integer.class).isEqualTo(1);
  }

  @Test
  void s3ThreeCardsOf20() throws Exception {
    JsonNode golden = golden("s3-three-card-20.json");
    Branch b = branch("VILLAGE", golden, SeedSchemes.text(SeedSchemes.S3));
    JsonNode inputs = golden.get("inputs");
    for (var e : b.memberIds().entrySet()) {
      for (JsonNode star : inputs.get(e.getKey()).get("sixStars")) {
        b.town().admin().document("mutation($input: RecordHonourInput!) { recordHonour(input: $input) { honour } }")
            .variable("input", Map.of("memberId", e.getValue(), "year", YEAR, "honour", star.asText(), "reason", "事迹材料")).executeAndVerify();
      }
    }
    assertAudited("recordHonour", b.town().tenant(), b.town().adminUsername(), null);
    // one rater per group: each group's rating is the golden file's score
    var opened = b.town().admin().document("mutation($input: OpenBallotInput!) { openBallot(input: $input) { ballot { id } codes { code group } } }")
        .variable("input", Map.of("branchId", b.id(), "year", YEAR, "groups", List.of(
            Map.of("group", "MASS", "raters", 1), Map.of("group", "PARTY", "raters", 1), Map.of("group", "ORG", "raters", 1)))).execute();
    List<String> codes = opened.path("openBallot.codes[*].code").entityList(String.class).get();
    List<String> groups = opened.path("openBallot.codes[*].group").entityList(String.class).get();
    Map<String, String> field = Map.of("MASS", "massScore", "PARTY", "partyScore", "ORG", "orgScore");
    for (int k = 0; k < codes.size(); k++) {
      List<Map<String, Object>> ratings = new ArrayList<>();
      for (var e : b.memberIds().entrySet()) {
        ratings.add(Map.of("subjectId", e.getValue(), "score", inputs.get(e.getKey()).get(field.get(groups.get(k))).asText()));
      }
      vote(codes.get(k), ratings);
    }
    close(b, new OpenedBallot(opened.path("openBallot.ballot.id").entity(String.class).get(), codes));
    var settled = b.town().admin().document("""
        mutation($input: SettleBranchInput!) { settleBranch(input: $input) { settlement { members { member { code } annualTotal grade honourCount commendable } } } }""")
        .variable("input", Map.of("branchId", b.id(), "year", YEAR)).execute();
    Map<String, Map<String, Object>> byCode = rows(settled, "settleBranch.settlement.members");
    golden.get("expected").get("members").properties().forEach(e -> {
      Map<String, Object> r = byCode.get(e.getKey());
      JsonNode x = e.getValue();
      assertThat(r.get("annualTotal")).as(e.getKey()).isEqualTo(x.get("total").asText());
      assertThat(r.get("grade")).as(e.getKey()).isEqualTo(x.get("grade").asText());
      assertThat(r.get("honourCount")).as(e.getKey()).isEqualTo(x.get("sixStarCount").asInt());
      assertThat(r.get("commendable")).as(e.getKey()).isEqualTo(x.get("commendable").asBoolean());
    });
  }

  @Test
  void s4BranchPromotionOf15Organizations() throws Exception {
    JsonNode golden = golden("s4-orgs-15.json");
    TestTownship t = freshTownship();
    String committee = t.createOrganization(null, t.tenant().value(), "测试镇党委", "COMMITTEE", null);
    int version = t.admin().document("mutation($input: PublishSchemeInput!) { publishScheme(input: $input) { version { version } } }")
        .variable("input", Map.of("yaml", SeedSchemes.text(SeedSchemes.S4))).execute()
        .path("publishScheme.version.version").entity(Integer.class).get();
    JsonNode inputs = golden.get("inputs");
    for (JsonNode o : golden.get("organizations")) {
      String org = t.createOrganization(committee, o.asText(), "支部" + o.asText(), "BRANCH", "VILLAGE");
      JsonNode in = inputs.get(o.asText());
      Map<String, Object> input = new HashMap<>(Map.of("organizationId", org, "year", YEAR, "schemeCode", "S4-branch-promotion",
          "version", version, "selfScore", in.get("selfScore").asText(), "massScore", in.get("massScore").asText(),
          "superiorScore", in.get("superiorScore").asText(), "satisfiedVoters", in.get("satisfiedVoters").asInt(), "voters", in.get("voters").asInt()));
      if (in.get("veto").asBoolean()) {
        input.put("vetoNote", "一票否决事项");
      }
      t.admin().document("mutation($input: RecordOrganizationAssessmentInput!) { recordOrganizationAssessment(input: $input) { result { grade } } }")
          .variable("input", input).executeAndVerify();
    }
    assertAudited("recordOrganizationAssessment", t.tenant(), t.adminUsername(), null);
    var results = t.admin().document("query($y: Int!) { organizationAssessments(year: $y) { organization { code } total grade vetoed mayApplyForPromotion } }")
        .variable("y", YEAR).execute();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list = results.path("organizationAssessments").entityList(Map.class).get().stream().map(m -> (Map<String, Object>) m).toList();
    Map<String, Map<String, Object>> byCode = new HashMap<>();
    list.forEach(r -> byCode.put((String) ((Map<?, ?>) r.get("organization")).get("code"), r));
    assertThat(byCode).hasSize(15);
    golden.get("expected").get("organizations").properties().forEach(e -> {
      Map<String, Object> r = byCode.get(e.getKey());
      JsonNode x = e.getValue();
      assertThat(r.get("total")).as(e.getKey()).isEqualTo(x.get("total").asText());
      assertThat(r.get("grade")).as(e.getKey()).isEqualTo(x.get("grade").asText());
      assertThat(r.get("mayApplyForPromotion")).as(e.getKey()).isEqualTo(x.get("mayApplyForPromotion").asBoolean());
      assertThat(r.get("vetoed")).as(e.getKey()).isEqualTo(x.get("vetoed").asBoolean());
    });
  }
}
