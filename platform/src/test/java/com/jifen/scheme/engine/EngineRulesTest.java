package com.jifen.scheme.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jifen.scheme.config.SchemeLoader;
import com.jifen.scheme.engine.SubjectYear.BallotTally;
import com.jifen.scheme.engine.SubjectYear.Entry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rules the golden files do not reach. */
class EngineRulesTest {

  private static BigDecimal[][] flat(int score) {
    BigDecimal[][] monthly = new BigDecimal[12][10];
    for (BigDecimal[] m : monthly) {
      Arrays.fill(m, BigDecimal.valueOf(score));
    }
    return monthly;
  }

  private static BallotTally ballot(int raters, int each) {
    BigDecimal[] sums = new BigDecimal[10];
    Arrays.fill(sums, BigDecimal.valueOf((long) raters * each));
    return BallotTally.ofItemSums(raters, sums);
  }

  private static SubjectYear s1(String id, int monthly) {
    return SubjectYear.ofMonthly(id, flat(monthly), ballot(10, monthly), List.of());
  }

  private static SubjectYear s2(String id, List<Entry> entries, List<String> veto) {
    return new SubjectYear(id, new BigDecimal[12][], entries, List.of(),
        BallotTally.ofVotes(Map.of("GOOD", 10, "MEDIUM", 0, "BAD", 0)), veto, Set.of(), null);
  }

  @Test
  void yearCapLimitsDeductionsAndAdditions() {
    ScoringEngine engine = SeedSchemes.engine(SeedSchemes.S2);
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      entries.add(new Entry("VIOLATION", i + 1, BigDecimal.TEN)); // 80 > cap 60
      entries.add(new Entry("ACHIEVEMENT", i + 1, BigDecimal.valueOf(5))); // 40 > cap 20
    }
    var r = engine.subjectYear(s2("A", entries, List.of()));
    assertThat(r.components().get("base")).isEqualByComparingTo("0");
    assertThat(r.components().get("additions")).isEqualByComparingTo("20");
    assertThat(r.annualTotal()).isEqualByComparingTo("40.00"); // 0 + 20 + 20 (all GOOD)
  }

  @Test
  void monthCapAppliesBeforeYearCap() {
    String yaml = SeedSchemes.text(SeedSchemes.S2).replace(
        "{code: ACHIEVEMENT, name: 践诺业绩加分,     direction: ADDITION,  min: 1, max: 5,  capPerYear: 20}",
        "{code: ACHIEVEMENT, name: 践诺业绩加分,     direction: ADDITION,  min: 1, max: 5,  capPerMonth: 6, capPerYear: 20}");
    ScoringEngine engine = new ScoringEngine(SchemeLoader.load("monthcap.yaml", yaml));
    var entries = List.of(
        new Entry("ACHIEVEMENT", 3, BigDecimal.valueOf(5)),
        new Entry("ACHIEVEMENT", 3, BigDecimal.valueOf(5)), // March: 10, capped to 6
        new Entry("ACHIEVEMENT", 4, BigDecimal.valueOf(4)));
    var r = engine.subjectYear(s2("A", entries, List.of()));
    assertThat(r.components().get("additions")).isEqualByComparingTo("10");
  }

  @Test
  void vetoOverridesAHighScore() {
    ScoringEngine engine = SeedSchemes.engine(SeedSchemes.S2);
    var r = engine.subjectYear(s2("A", List.of(new Entry("ACHIEVEMENT", 1, BigDecimal.valueOf(5))), List.of("EMBEZZLEMENT")));
    assertThat(r.annualTotal()).isEqualByComparingTo("85.00");
    assertThat(r.vetoed()).isTrue();
    assertThat(r.grade()).isEqualTo("UNQUALIFIED");
    assertThat(r.vetoReasons()).containsExactly("EMBEZZLEMENT");
  }

  @Test
  void branchOfExactlyTenGetsOneQuarterStarAndNineGetNone() {
    ScoringEngine engine = SeedSchemes.engine(SeedSchemes.S1);
    List<SubjectYear> ten = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ten.add(s1("M" + i, i));
    }
    var quarter = engine.quarters(ten).getFirst();
    assertThat(quarter.stars().quota()).isZero(); // 10 × 5% = 0.5, floor → 0
    // floor(5% of 10) is 0; the branch-size rule is checked with a 20% scheme below.
    String yaml = SeedSchemes.text(SeedSchemes.S1).replace("quarterStars: {percent: 5,", "quarterStars: {percent: 20,");
    ScoringEngine twenty = new ScoringEngine(SchemeLoader.load("q20.yaml", yaml));
    assertThat(twenty.quarters(ten).getFirst().stars().quota()).isEqualTo(2);
    assertThat(twenty.quarters(ten).getFirst().stars().candidates()).containsExactly("M9", "M8");
    assertThat(twenty.quarters(ten.subList(0, 9)).getFirst().stars().quota()).isZero();
  }

  @Test
  void quotaRoundsDownAndCountsOnlyTenStarMembersForAnnualStars() {
    ScoringEngine engine = SeedSchemes.engine(SeedSchemes.S1);
    List<SubjectYear> branch = new ArrayList<>();
    for (int i = 0; i < 19; i++) {
      branch.add(s1("T" + i, 10)); // 19 ten-star members → 1.9 → 1
    }
    branch.add(s1("N", 8));
    var year = engine.branchYear(branch);
    assertThat(year.annualStars().basis()).isEqualTo(19);
    assertThat(year.annualStars().quota()).isEqualTo(1);
    assertThat(engine.quarters(branch).getFirst().stars().quota()).isEqualTo(1); // 20 × 5% = 1
  }

  @Test
  void tiesAtTheCutOffAreAllCandidatesButTheQuotaHolds() {
    ScoringEngine engine = SeedSchemes.engine(SeedSchemes.S1);
    List<SubjectYear> branch = new ArrayList<>();
    branch.add(s1("TOP", 10));
    branch.add(s1("TIE-A", 9));
    branch.add(s1("TIE-B", 9));
    for (int i = 0; i < 37; i++) {
      branch.add(s1("O" + i, 5));
    }
    var quarter = engine.quarters(branch).getFirst(); // 40 × 5% = 2
    assertThat(quarter.stars().quota()).isEqualTo(2);
    assertThat(quarter.stars().candidates()).containsExactlyInAnyOrder("TOP", "TIE-A", "TIE-B");
    ScoringEngine.confirmStars(quarter.stars(), List.of("TOP", "TIE-B"));
    assertThatThrownBy(() -> ScoringEngine.confirmStars(quarter.stars(), List.of("TOP", "TIE-A", "TIE-B")))
        .isInstanceOf(ScoringException.class)
        .extracting(e -> ((ScoringException) e).code())
        .isEqualTo("STAR_QUOTA_EXCEEDED");
    assertThatThrownBy(() -> ScoringEngine.confirmStars(quarter.stars(), List.of("O1")))
        .extracting(e -> ((ScoringException) e).code())
        .isEqualTo("NOT_A_STAR_CANDIDATE");
  }

  @Test
  void competitionRanksSkipAfterTies() {
    Map<String, BigDecimal> totals = new LinkedHashMap<>();
    totals.put("a", new BigDecimal("90"));
    totals.put("b", new BigDecimal("80"));
    totals.put("c", new BigDecimal("80.00"));
    totals.put("d", new BigDecimal("70"));
    assertThat(ScoringEngine.rank(totals).ranks()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 2, "c", 2, "d", 4));
  }

  @Test
  void ballotBelowQuorumYieldsNoResult() {
    ScoringEngine engine = SeedSchemes.engine(SeedSchemes.S1);
    var input = SubjectYear.ofMonthly("A", flat(9), ballot(9, 9), List.of());
    assertThatThrownBy(() -> engine.subjectYear(input))
        .isInstanceOf(ScoringException.class)
        .hasMessageContaining("至少需要 10 人");
  }

  @Test
  void aYearIsTwelveMonthsAndAMonthNotScoredCountsZero() {
    ScoringEngine engine = SeedSchemes.engine(SeedSchemes.S1);
    BigDecimal[][] monthly = flat(10);
    for (int m = 0; m < 6; m++) {
      monthly[m] = null; // January to June never scored
    }
    var r = engine.subjectYear(SubjectYear.ofMonthly("A", monthly, ballot(10, 10), List.of()));
    // 10 items × (60 ÷ 12 × 80% + 10 × 20%) = 10 × 6
    assertThat(r.annualTotal()).isEqualByComparingTo("60.00");
    assertThat(engine.missingMonths(List.of(SubjectYear.ofMonthly("A", monthly, null, List.of())))).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void aMemberWhoJoinedInJulyIsDividedByHisSixMonthsOfMembership() {
    ScoringEngine engine = SeedSchemes.engine(SeedSchemes.S1);
    BigDecimal[][] monthly = flat(10);
    for (int m = 0; m < 6; m++) {
      monthly[m] = null;
    }
    var joined = new SubjectYear("A", monthly, List.of(), List.of(), ballot(10, 10), List.of(), java.util.Set.of(), null,
        new SubjectYear.Membership(7, 12));
    assertThat(engine.subjectYear(joined).annualTotal()).isEqualByComparingTo("100.00");
  }

  @Test
  void theProvisionalYearCountsABallotNotYetHeldAsZeroWhereTheSettlementRefuses() {
    ScoringEngine engine = SeedSchemes.engine(SeedSchemes.S1);
    var noBallot = SubjectYear.ofMonthly("A", flat(10), null, List.of());
    assertThat(engine.provisionalYear(noBallot).annualTotal()).isEqualByComparingTo("80.00");
    assertThatThrownBy(() -> engine.subjectYear(noBallot)).isInstanceOf(ScoringException.class);
  }

  @Test
  void recomputingGivesTheSameResult() {
    ScoringEngine engine = SeedSchemes.engine(SeedSchemes.S1);
    var input = s1("A", 7);
    assertThat(engine.subjectYear(input)).isEqualTo(engine.subjectYear(input));
  }
}
