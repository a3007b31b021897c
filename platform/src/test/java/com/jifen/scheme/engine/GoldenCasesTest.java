package com.jifen.scheme.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jifen.scheme.engine.Results.BranchYearResult;
import com.jifen.scheme.engine.Results.QuarterResult;
import com.jifen.scheme.engine.SubjectYear.BallotTally;
import com.jifen.scheme.engine.SubjectYear.GroupTally;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The independently computed cases (docs/DOMAIN.md, Golden cases), run against the engine with the shipped seed schemes. */
class GoldenCasesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode golden(String name) throws IOException {
    try (InputStream in = GoldenCasesTest.class.getResourceAsStream("/golden/" + name)) {
      return JSON.readTree(in);
    }
  }

  /** Golden S1 input → engine input: monthly grid as is, ballot rows summed per item (the tally). */
  public static List<SubjectYear> s1Inputs(JsonNode golden) {
    List<SubjectYear> subjects = new ArrayList<>();
    golden.get("members").forEach(m -> {
      JsonNode in = golden.get("inputs").get(m.asText());
      BigDecimal[][] monthly = new BigDecimal[12][];
      for (int month = 0; month < 12; month++) {
        JsonNode row = in.get("monthly").get(month);
        monthly[month] = new BigDecimal[row.size()];
        for (int i = 0; i < row.size(); i++) {
          monthly[month][i] = row.get(i).decimalValue();
        }
      }
      BigDecimal[] sums = new BigDecimal[10];
      java.util.Arrays.fill(sums, BigDecimal.ZERO);
      in.get("ballot").forEach(rater -> {
        for (int i = 0; i < 10; i++) {
          sums[i] = sums[i].add(rater.get(i).decimalValue());
        }
      });
      List<SubjectYear.Adjustment> adjustments = new ArrayList<>();
      in.get("adjustments").forEach(a -> adjustments.add(new SubjectYear.Adjustment(a.get("kind").asText(), a.get("level").asText())));
      subjects.add(SubjectYear.ofMonthly(
          m.asText(), monthly, BallotTally.ofItemSums(in.get("ballot").size(), sums), adjustments));
    });
    return subjects;
  }

  @ParameterizedTest
  @ValueSource(strings = {"s1-branch-25.json", "s1-branch-8-no-quarter-star.json", "s1-edges.json"})
  void s1(String file) throws IOException {
    JsonNode golden = golden(file);
    ScoringEngine engine = SeedSchemes.engine(SeedSchemes.S1);
    List<SubjectYear> inputs = s1Inputs(golden);
    BranchYearResult year = engine.branchYear(inputs);
    JsonNode expected = golden.get("expected");
    expected.get("members").properties().forEach(e -> {
      var r = year.of(e.getKey());
      JsonNode x = e.getValue();
      List<String> items = new ArrayList<>();
      x.get("itemScores").forEach(s -> items.add(s.asText()));
      assertThat(r.itemScores().stream().map(BigDecimal::toPlainString).toList()).as(e.getKey()).isEqualTo(items);
      assertThat(r.yearEndTotal()).as(e.getKey()).isEqualByComparingTo(x.get("yearEndTotal").asText());
      assertThat(r.adjustment()).as(e.getKey()).isEqualByComparingTo(x.get("adjustment").asText());
      assertThat(r.annualTotal().toPlainString()).as(e.getKey()).isEqualTo(x.get("annualTotal").asText());
      assertThat(r.stars()).as(e.getKey()).isEqualTo(x.get("stars").asInt());
      assertThat(r.grade()).as(e.getKey()).isEqualTo(x.get("grade").asText());
    });
    if (expected.has("annualRanks")) {
      assertThat(year.ranking().ranks()).isEqualTo(intMap(expected.get("annualRanks")));
      assertThat(year.annualStars().basis()).isEqualTo(expected.get("tenStarCount").asInt());
      assertThat(year.annualStars().quota()).isEqualTo(expected.get("annualStarQuota").asInt());
      List<QuarterResult> quarters = engine.quarters(inputs);
      for (JsonNode q : expected.get("quarters")) {
        QuarterResult actual = quarters.get(q.get("quarter").asInt() - 1);
        Map<String, String> scores = new HashMap<>();
        actual.scores().forEach((k, v) -> scores.put(k, v.toPlainString()));
        Map<String, String> expectedScores = new HashMap<>();
        q.get("scores").properties().forEach(s -> expectedScores.put(s.getKey(), s.getValue().asText()));
        assertThat(scores).isEqualTo(expectedScores);
        assertThat(actual.ranking().ranks()).isEqualTo(intMap(q.get("ranks")));
        assertThat(actual.stars().quota()).isEqualTo(q.get("quarterStarQuota").asInt());
      }
    }
  }

  @org.junit.jupiter.api.Test
  void s2Village() throws IOException {
    JsonNode golden = golden("s2-village-30.json");
    ScoringEngine engine = SeedSchemes.engine(SeedSchemes.S2);
    List<SubjectYear> inputs = new ArrayList<>();
    golden.get("members").forEach(m -> {
      JsonNode in = golden.get("inputs").get(m.asText());
      List<SubjectYear.Entry> entries = new ArrayList<>();
      in.get("deductions").forEach(p -> entries.add(new SubjectYear.Entry("VIOLATION", 1, p.decimalValue())));
      in.get("additions").forEach(p -> entries.add(new SubjectYear.Entry("ACHIEVEMENT", 1, p.decimalValue())));
      Map<String, Integer> votes = new LinkedHashMap<>();
      votes.put("GOOD", in.get("votes").get("good").asInt());
      votes.put("MEDIUM", in.get("votes").get("medium").asInt());
      votes.put("BAD", in.get("votes").get("bad").asInt());
      List<String> veto = new ArrayList<>();
      in.get("veto").forEach(v -> veto.add(v.asText()));
      inputs.add(new SubjectYear(m.asText(), new BigDecimal[12][], entries, List.of(), BallotTally.ofVotes(votes), veto, Set.of(), null));
    });
    BranchYearResult year = engine.branchYear(inputs);
    golden.get("expected").get("members").properties().forEach(e -> {
      var r = year.of(e.getKey());
      JsonNode x = e.getValue();
      assertThat(r.components().get("base").toPlainString()).as(e.getKey()).isEqualTo(x.get("base").asText());
      assertThat(r.components().get("additions").toPlainString()).as(e.getKey()).isEqualTo(x.get("additions").asText());
      assertThat(r.components().get("evaluation").toPlainString()).as(e.getKey()).isEqualTo(x.get("evaluation").asText());
      assertThat(r.annualTotal().toPlainString()).as(e.getKey()).isEqualTo(x.get("annualTotal").asText());
      assertThat(r.grade()).as(e.getKey()).isEqualTo(x.get("grade").asText());
      assertThat(r.vetoed()).as(e.getKey()).isEqualTo(x.get("vetoed").asBoolean());
    });
    assertThat(year.ranking().ranks()).isEqualTo(intMap(golden.get("expected").get("annualRanks")));
  }

  @org.junit.jupiter.api.Test
  void s3ThreeCards() throws IOException {
    JsonNode golden = golden("s3-three-card-20.json");
    ScoringEngine engine = SeedSchemes.engine(SeedSchemes.S3);
    golden.get("expected").get("members").properties().forEach(e -> {
      JsonNode in = golden.get("inputs").get(e.getKey());
      Set<String> stars = new HashSet<>();
      in.get("sixStars").forEach(s -> stars.add(s.asText()));
      var tally = BallotTally.ofGroups(Map.of(
          "MASS", one(in, "massScore"), "PARTY", one(in, "partyScore"), "ORG", one(in, "orgScore")));
      var r = engine.subjectYear(new SubjectYear(e.getKey(), new BigDecimal[12][], List.of(), List.of(), tally, List.of(), stars, null));
      JsonNode x = e.getValue();
      assertThat(r.annualTotal().toPlainString()).as(e.getKey()).isEqualTo(x.get("total").asText());
      assertThat(r.grade()).as(e.getKey()).isEqualTo(x.get("grade").asText());
      assertThat(r.honourCount()).as(e.getKey()).isEqualTo(x.get("sixStarCount").asInt());
      assertThat(r.commendable()).as(e.getKey()).isEqualTo(x.get("commendable").asBoolean());
    });
  }

  @org.junit.jupiter.api.Test
  void s4Organizations() throws IOException {
    JsonNode golden = golden("s4-orgs-15.json");
    ScoringEngine engine = SeedSchemes.engine(SeedSchemes.S4);
    golden.get("expected").get("organizations").properties().forEach(e -> {
      JsonNode in = golden.get("inputs").get(e.getKey());
      var tally = BallotTally.ofGroups(Map.of(
          "SELF", one(in, "selfScore"), "MASS", one(in, "massScore"), "SUPERIOR", one(in, "superiorScore")));
      var veto = in.get("veto").asBoolean() ? List.of("VETO_ITEM") : List.<String>of();
      var satisfaction = new SubjectYear.Satisfaction(in.get("satisfiedVoters").asInt(), in.get("voters").asInt());
      var r = engine.subjectYear(new SubjectYear(e.getKey(), new BigDecimal[12][], List.of(), List.of(), tally, veto, Set.of(), satisfaction));
      JsonNode x = e.getValue();
      assertThat(r.annualTotal().toPlainString()).as(e.getKey()).isEqualTo(x.get("total").asText());
      assertThat(r.grade()).as(e.getKey()).isEqualTo(x.get("grade").asText());
      assertThat(r.mayApplyForPromotion()).as(e.getKey()).isEqualTo(x.get("mayApplyForPromotion").asBoolean());
      assertThat(r.vetoed()).as(e.getKey()).isEqualTo(x.get("vetoed").asBoolean());
    });
  }

  /** A group's rating as given in the golden file: one rater's score (the group mean). */
  private static GroupTally one(JsonNode in, String field) {
    return new GroupTally(new BigDecimal(in.get(field).asText()), 1);
  }

  private static Map<String, Integer> intMap(JsonNode node) {
    Map<String, Integer> map = new HashMap<>();
    node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asInt()));
    return map;
  }
}
