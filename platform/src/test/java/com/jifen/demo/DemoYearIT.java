package com.jifen.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.shared.TenantId;
import com.jifen.testing.IntegrationTest;
import com.jifen.testing.Keycloak;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo year on a county of its own (the shipped townships under fresh codes, same sizes and schemes), so the
 * shared demo county stays light for the other tests: every ranking, card, board and statistic has content, and a
 * member's own rank agrees with the list the township admin sees.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoYearIT extends IntegrationTest {
  @Autowired DemoLoader loader;
  @Autowired DemoYear demoYear;

  private final int current = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
  private final int previous = current - 1;
  /** The demo scores the current year up to last month: in January, that is the previous year's December. */
  private final YearMonth lastScored = YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(1);
  private final List<TenantId> townships = new ArrayList<>();
  private String county;
  private long loadMillis;

  @BeforeAll
  void loadTheYear() {
    String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36, 36L * 36 * 36 * 36), 36).toUpperCase();
    county = "DY" + suffix;
    List<TownshipConfig> configs = TownshipConfig.shipped().stream().map(c -> new TownshipConfig("Y" + c.code() + suffix,
        c.name() + suffix, county, "示范年县" + suffix, c.shape(), c.rankingVisibility(), c.schemes(), c.generalBranches(),
        c.branchesPerGeneralBranch(), c.members())).toList();
    loader.load(DemoCounty.generate(2026, configs)).block();
    configs.forEach(c -> townships.add(new TenantId(c.code())));
    long start = System.nanoTime();
    demoYear.load(townships).block();
    loadMillis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("demo year of %d townships loaded in %d ms%n", townships.size(), loadMillis);
  }

  private String admin(TenantId t) {
    return Keycloak.createUser("dy.admin." + t.value().toLowerCase(), t.value(), List.of("tenant-admin"), null, null);
  }

  private String member(TenantId t) {
    return Keycloak.createUser("dy.mem." + t.value().toLowerCase(), t.value(), List.of("member"), null, t.value() + "-00002");
  }

  @Test
  void loadingTheYearAgainWritesNothing() {
    assertThat(demoYear.load(townships).block()).isZero();
  }

  @Test
  void everyTownshipHasRankingsForLastYearAndThisYear() {
    for (TenantId t : townships) {
      for (var period : List.of(Map.of("period", "YEAR", "year", previous), Map.of("period", "YEAR", "year", lastScored.getYear()),
          Map.of("period", "MONTH", "year", lastScored.getYear(), "index", lastScored.getMonthValue()),
          Map.of("period", "QUARTER", "year", previous, "index", 4))) {
        var input = new java.util.HashMap<String, Object>(period);
        input.put("scope", "TOWNSHIP");
        input.put("first", 5);
        var ranking = as(admin(t)).document("query($in: RankingInput!) { ranking(input: $in) { entries { rank memberCode score } } }")
            .variable("in", input).execute();
        List<BigDecimal> scores = ranking.path("ranking.entries[*].score").entityList(BigDecimal.class).get();
        assertThat(scores).as("%s %s", t, period).hasSize(5);
        assertThat(scores.getFirst()).as("%s %s top score", t, period).isPositive();
      }
    }
  }

  @Test
  void aMembersOwnRankAgreesWithTheListAndWithTheCard() {
    for (TenantId t : townships) {
      var me = as(member(t)).document("{ me { member { id code branch { id } } } }").execute();
      String memberId = me.path("me.member.id").entity(String.class).get();
      String code = me.path("me.member.code").entity(String.class).get();
      String branch = me.path("me.member.branch.id").entity(String.class).get();
      Map<String, Object> input = Map.of("period", "YEAR", "year", lastScored.getYear(), "scope", "BRANCH", "scopeId", branch, "first", 200);
      String query = "query($in: RankingInput!) { ranking(input: $in) { entries { rank memberCode score } me { rank memberCode score } } }";
      var own = as(member(t)).document(query).variable("in", input).execute();
      int myRank = own.path("ranking.me.rank").entity(Integer.class).get();
      BigDecimal myScore = own.path("ranking.me.score").entity(BigDecimal.class).get();
      own.path("ranking.me.memberCode").entity(String.class).isEqualTo(code);

      var list = as(admin(t)).document(query).variable("in", input).execute();
      List<String> codes = list.path("ranking.entries[*].memberCode").entityList(String.class).get();
      int index = codes.indexOf(code);
      assertThat(index).as("%s: the member is on the admin's list", t).isNotNegative();
      list.path("ranking.entries[" + index + "].rank").entity(Integer.class).isEqualTo(myRank);
      assertThat(list.path("ranking.entries[" + index + "].score").entity(BigDecimal.class).get()).isEqualByComparingTo(myScore);

      // the YEAR board ranks by the provisional total the card shows, computed by the same engine as the settlement
      var card = as(member(t)).document("query($m: ID!, $y: Int!) { memberCard(memberId: $m, year: $y) { months { month } provisional { total } } }")
          .variable("m", memberId).variable("y", lastScored.getYear()).execute();
      assertThat(card.path("memberCard.provisional.total").entity(BigDecimal.class).get()).as("%s card total", t).isEqualByComparingTo(myScore);
      assertThat(card.path("memberCard.months[*].month").entityList(Integer.class).get()).as("%s card months", t).isNotEmpty();
    }
  }

  @Test
  void lastYearIsSettledPublishedFinalAndFollowedUp() {
    int notices = 0;
    for (TenantId t : townships) {
      String token = admin(t);
      String branch = as(token).document("{ organizations(first: 1, kind: BRANCH) { edges { node { id } } } }").execute()
          .path("organizations.edges[0].node.id").entity(String.class).get();
      var settlement = as(token).document("query($b: ID!, $y: Int!) { settlement(branchId: $b, year: $y) { members { grade annualTotal } } "
              + "publication(branchId: $b, year: $y) { state objections { id } } publishedSheet(branchId: $b, year: $y, month: 12) { rows { memberCode } } }")
          .variable("b", branch).variable("y", previous).execute();
      assertThat(settlement.path("settlement.members[*].grade").entityList(String.class).get()).as("%s grades", t).isNotEmpty();
      settlement.path("publication.state").entity(String.class).isEqualTo("FINAL");
      assertThat(settlement.path("publishedSheet.rows[*].memberCode").entityList(String.class).get()).as("%s board", t).isNotEmpty();
      notices += as(token).document("query($y: Int!) { notices(year: $y) { id } }").variable("y", previous).execute()
          .path("notices[*].id").entityList(String.class).get().size();
    }
    assertThat(notices).as("warning and rectification notices in the county").isPositive();
  }

  @Test
  void theCountyReviewerSeesEveryTownshipSettledAndGraded() {
    String reviewer = Keycloak.createUser("dy.reviewer." + county.toLowerCase(), Map.of("county", county), List.of("county-reviewer"));
    var stats = as(reviewer).document("query($y: Int!) { countyStatistics(year: $y) { townships { township { id } members "
            + "branchesSettled branchesFinal grades { code value } objections } } }")
        .variable("y", previous).execute();
    assertThat(stats.path("countyStatistics.townships[*].township.id").entityList(String.class).get())
        .containsExactlyInAnyOrderElementsOf(townships.stream().map(TenantId::value).toList());
    for (int i = 0; i < townships.size(); i++) {
      assertThat(stats.path("countyStatistics.townships[" + i + "].branchesFinal").entity(Integer.class).get()).isPositive();
      assertThat(stats.path("countyStatistics.townships[" + i + "].grades[*].code").entityList(String.class).get()).isNotEmpty();
    }
    assertThat(stats.path("countyStatistics.townships[*].objections").entityList(Integer.class).get()).allMatch(n -> n > 0);
  }
}
