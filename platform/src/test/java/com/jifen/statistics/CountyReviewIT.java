package com.jifen.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.scheme.engine.SeedSchemes;
import com.jifen.shared.TenantId;
import com.jifen.testing.IntegrationTest;
import com.jifen.testing.Keycloak;
import com.jifen.testing.TestTownship;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Value;

/**
 * The county review on two counties of its own. County A: township BAD whose branches fill three months of
 * last year at once with everyone scored the same, copy self-assessments, and stamp their ballots; township
 * CLEAN whose branch scores this month on time with varied scores and a split ballot, plus a branch of three
 * members. County B: one township with a uniform month, never shown to A's reviewer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class CountyReviewIT extends IntegrationTest {
  public static final String[] ITEMS = {"STUDY", "ORG_LIFE", "DUES", "DISCIPLINE", "DUTY", "PLEDGE", "MASSES", "VANGUARD", "INTEGRITY", "MORALITY"};
  /** The ledger checks months against the service's clock, which is China time (ClockConfig); so do we, to pick this month. */
  static final YearMonth NOW = YearMonth.now(ZoneId.of("Asia/Shanghai"));
  static final int YEAR = NOW.getYear();
  static final int LAST_YEAR = YEAR - 1;

  static final String ALARMS = """
      query($y: Int!, $all: Boolean) { reviewAlarms(year: $y, includeAcknowledged: $all) { id rule township { id } branch { code name } year period
        figures { code value } message acknowledgement { by comment } } }""";
  static final String COMPARISON = """
      query($y: Int!, $sort: ComparisonSort, $desc: Boolean) { countyComparison(year: $y, sortBy: $sort, descending: $desc) { county
        rows { township { id } category schemeCode comparable previousSchemeCode
          current { suppressed members branches membersEvaluated participation sheetsExpected sheetsConfirmed sheetsOnTime graded totalMedian progress { month confirmed published } }
          previous { members sheetsConfirmed sheetsOnTime } }
        totals { township { id } category schemeCode current { members sheetsConfirmed } previous { sheetsConfirmed } } } }""";
  static final String DRILL = """
      query($t: ID!, $y: Int!) { townshipReview(townshipId: $t, year: $y) { township { id }
        branches { branch { code } category current { suppressed members membersEvaluated sheetsConfirmed totalMedian progress { month } } } } }""";

  @Value("${spring.liquibase.url}") String jdbcUrl;

  String countyA;
  String countyB;
  TestTownship bad;
  TestTownship clean;
  TestTownship other;
  String reviewerA;
  String reviewerB;
  /** Days from the end of last year's January to today: how late the bad township's January sheet is. */
  long januaryDelay;

  @BeforeAll
  void twoCounties() {
    String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36), 36).toUpperCase();
    countyA = "CA" + suffix;
    countyB = "CB" + suffix;
    bad = township("RB" + suffix, countyA);
    clean = township("RC" + suffix, countyA);
    other = township("RO" + suffix, countyB);
    reviewerA = ("reviewer." + countyA).toLowerCase();
    reviewerB = ("reviewer." + countyB).toLowerCase();
    Keycloak.createCountyReviewer(reviewerA, countyA);
    Keycloak.createCountyReviewer(reviewerB, countyB);
    januaryDelay = ChronoUnit.DAYS.between(YearMonth.of(LAST_YEAR, 1).atEndOfMonth(), LocalDate.now(ZoneId.of("Asia/Shanghai")));

    // BAD, last year: branch 01 (6 organ members) everyone 8 on every item, Jan–Mar entered today, ballot of 10 identical raters
    List<String> badTree = organTree(bad);
    String badOrgan = badTree.get(2);
    bad.publishAndPin(SeedSchemes.text(SeedSchemes.S1), LAST_YEAR, "ORGAN");
    bad.publishAndPin(SeedSchemes.text(SeedSchemes.S1), YEAR, "ORGAN");
    List<String> uniform = members(bad, badOrgan, "U", 6, "ORGAN");
    for (int month = 1; month <= 3; month++) {
      confirm(bad, badOrgan, LAST_YEAR, month, grid(uniform, (m, i) -> 8));
    }
    itemBallot(bad, badOrgan, LAST_YEAR, uniform, 10, (rater, m) -> 9);
    // BAD, branch 02 (5 members): each self-assesses Jan–Mar and the committee confirms exactly that
    String copied = bad.createOrganization(badTree.get(1), bad.tenant().value() + "-Z1-02", "财政所党支部", "BRANCH", "ORGAN");
    List<String> selfAssessing = members(bad, copied, "S", 5, "ORGAN");
    List<String> memberTokens = new ArrayList<>();
    for (int m = 1; m <= selfAssessing.size(); m++) {
      memberTokens.add(Keycloak.createUser(("s" + m + "." + bad.tenant().value()).toLowerCase(), bad.tenant().value(), List.of("member"), null, "S" + m));
    }
    for (int month = 1; month <= 3; month++) {
      for (int m = 0; m < selfAssessing.size(); m++) {
        int mm = m;
        as(memberTokens.get(m)).document("mutation($input: SelfAssessInput!) { selfAssess(input: $input) { saved } }")
            .variable("input", Map.of("year", LAST_YEAR, "month", month, "items",
                java.util.Arrays.stream(ITEMS).map(i -> Map.of("item", i, "points", String.valueOf(5 + mm))).toList()))
            .executeAndVerify();
      }
      confirm(bad, copied, LAST_YEAR, month, grid(selfAssessing, (m, i) -> 5 + m, 1));
    }
    // BAD, a village branch under S2: 12 raters all vote GOOD for all 5 members
    String village = bad.createOrganization(badTree.getFirst(), bad.tenant().value() + "-V1", "东村党支部", "BRANCH", "VILLAGE");
    bad.publishAndPin(SeedSchemes.text(SeedSchemes.S2), LAST_YEAR, "VILLAGE");
    List<String> villagers = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      villagers.add(bad.createMember(village, "V" + i, "村党员" + i));
    }
    gradeBallot(bad, village, LAST_YEAR, villagers, 12);

    // CLEAN, this year: 6 members scored this month (on time, varied), a ballot of 12 raters who differ; 3 in a small branch
    List<String> cleanTree = organTree(clean);
    String cleanOrgan = cleanTree.get(2);
    clean.publishAndPin(SeedSchemes.text(SeedSchemes.S1), YEAR, "ORGAN");
    List<String> varied = members(clean, cleanOrgan, "C", 6, "ORGAN");
    confirm(clean, cleanOrgan, YEAR, NOW.getMonthValue(), grid(varied, (m, i) -> 4 + (m + i) % 6));
    itemBallot(clean, cleanOrgan, YEAR, varied, 12, (rater, m) -> 4 + (rater * (m + 1)) % 7);
    String small = clean.createOrganization(cleanTree.get(1), clean.tenant().value() + "-Z1-02", "财政所党支部", "BRANCH", "ORGAN");
    List<String> three = members(clean, small, "T", 3, "ORGAN");
    confirm(clean, small, YEAR, NOW.getMonthValue(), grid(three, (m, i) -> 6 + m));

    // OTHER (county B): everyone 7 in last year's January
    String otherOrgan = organTree(other).get(2);
    other.publishAndPin(SeedSchemes.text(SeedSchemes.S1), LAST_YEAR, "ORGAN");
    confirm(other, otherOrgan, LAST_YEAR, 1, grid(members(other, otherOrgan, "O", 5, "ORGAN"), (m, i) -> 7));
  }

  @Test
  void eachAlarmListsTheBranchPeriodAndFiguresThatTrippedIt() {
    var alarms = ask(reviewerA, ALARMS, LAST_YEAR);
    String t = bad.tenant().value();
    // 大锅饭: 6 of 6 members with the same items, spread 0, in each of the three months
    alarms.path("reviewAlarms[?(@.rule == 'UNIFORM_SCORING' && @.branch.code == '%s-Z1-01')].period".formatted(t)).entityList(String.class)
        .containsExactly(LAST_YEAR + "-01", LAST_YEAR + "-02", LAST_YEAR + "-03");
    assertThat(figures(alarms, "UNIFORM_SCORING", t + "-Z1-01")).containsEntry("membersScored", "6").containsEntry("sameScoreMembers", "6")
        .containsEntry("sameScoreShare", "1.000").containsEntry("totalSpread", "0.00");
    // late: January confirmed today, that many days after it ended
    assertThat(figures(alarms, "LATE_CONFIRMATION", t + "-Z1-01")).containsEntry("daysAfterMonthEnd", String.valueOf(januaryDelay))
        .containsEntry("lateConfirmDays", "30");
    // three months entered on one day, in both branches of BAD
    alarms.path("reviewAlarms[?(@.rule == 'SAME_DAY_ENTRY')].branch.code").entityList(String.class)
        .containsExactly(t + "-Z1-01", t + "-Z1-02");
    assertThat(figures(alarms, "SAME_DAY_ENTRY", t + "-Z1-01")).containsEntry("months", "3").containsEntry("firstMonth", "1").containsEntry("lastMonth", "3");
    // self-assessment copied for three months by every member of branch 02, not in branch 01 (nobody self-assessed)
    alarms.path("reviewAlarms[?(@.rule == 'SELF_ASSESSMENT_COPIED')].branch.code").entityList(String.class).containsExactly(t + "-Z1-02");
    assertThat(figures(alarms, "SELF_ASSESSMENT_COPIED", t + "-Z1-02")).containsEntry("months", "3").containsEntry("membersScored", "5");
    alarms.path("reviewAlarms[?(@.rule == 'SELF_ASSESSMENT_COPIED')].period").entityList(String.class)
        .containsExactly(LAST_YEAR + "-01.." + LAST_YEAR + "-03");
    // rubber stamp: identical item tallies (S1) and all votes in one option (S2)
    assertThat(figures(alarms, "RUBBER_STAMP_BALLOT", t + "-Z1-01")).containsEntry("subjects", "6").containsEntry("unanimousSubjects", "6")
        .containsEntry("raters", "10");
    assertThat(figures(alarms, "RUBBER_STAMP_BALLOT", t + "-V1")).containsEntry("subjects", "5").containsEntry("unanimousSubjects", "5")
        .containsEntry("raters", "12");
    // quorum barely met: 10 raters of a minimum of 10 (16 codes: 6 members, 10 mass representatives); the village ballot's 12 is above 10 × 1.1
    alarms.path("reviewAlarms[?(@.rule == 'QUORUM_BARELY_MET')].branch.code").entityList(String.class).containsExactly(t + "-Z1-01");
    assertThat(figures(alarms, "QUORUM_BARELY_MET", t + "-Z1-01")).containsEntry("raters", "10").containsEntry("minRaters", "10")
        .containsEntry("codesIssued", "16");
    alarms.path("reviewAlarms[*].township.id").entityList(String.class).satisfies(ids -> assertThat(ids).containsOnly(t));
  }

  @Test
  void aTownshipScoringOnTimeWithVariedScoresAndASplitBallotTripsNoAlarm() {
    ask(reviewerA, ALARMS, YEAR).path("reviewAlarms[?(@.township.id == '%s')]".formatted(clean.tenant().value()))
        .entityList(Object.class).hasSize(0);
    ask(reviewerA, ALARMS, LAST_YEAR).path("reviewAlarms[?(@.township.id == '%s')]".formatted(clean.tenant().value()))
        .entityList(Object.class).hasSize(0);
  }

  @Test
  void aReviewerOfCountyANeverSeesCountyB() {
    ask(reviewerA, ALARMS, LAST_YEAR).path("reviewAlarms[*].township.id").entityList(String.class)
        .satisfies(ids -> assertThat(ids).doesNotContain(other.tenant().value()));
    ask(reviewerA, COMPARISON, LAST_YEAR).path("countyComparison.rows[*].township.id").entityList(String.class)
        .satisfies(ids -> assertThat(ids).containsOnly(bad.tenant().value(), clean.tenant().value()));
    asUser(reviewerA).document(DRILL).variable("t", other.tenant().value()).variable("y", LAST_YEAR).execute().errors()
        .satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("NOT_FOUND")));
    // and B's reviewer sees B's late January, nothing of A
    var b = ask(reviewerB, ALARMS, LAST_YEAR);
    b.path("reviewAlarms[*].township.id").entityList(String.class).satisfies(ids -> assertThat(ids).containsOnly(other.tenant().value()));
    assertThat(figures(b, "LATE_CONFIRMATION", other.tenant().value() + "-Z1-01")).containsEntry("lateConfirmDays", "30");
  }

  @Test
  void theComparisonIsPerSchemeWithThePreviousYearBesideAndACountyTotal() {
    var c = ask(reviewerA, COMPARISON, YEAR);
    String badRow = "countyComparison.rows[?(@.township.id == '%s' && @.category == 'ORGAN')]".formatted(bad.tenant().value());
    String cleanRow = "countyComparison.rows[?(@.township.id == '%s' && @.category == 'ORGAN')]".formatted(clean.tenant().value());
    c.path(badRow + ".schemeCode").entityList(String.class).containsExactly("S1-ten-item-star-rating");
    c.path(badRow + ".comparable").entityList(Boolean.class).containsExactly(true);
    c.path(badRow + ".current.members").entityList(Integer.class).containsExactly(11);
    // BAD scored nothing this year; last year's six branch months (two branches × three) are beside it, none on time
    c.path(badRow + ".current.sheetsConfirmed").entityList(Integer.class).containsExactly(0);
    c.path(badRow + ".previous.sheetsConfirmed").entityList(Integer.class).containsExactly(6);
    c.path(badRow + ".previous.sheetsOnTime").entityList(Integer.class).containsExactly(0);
    c.path(cleanRow + ".current.members").entityList(Integer.class).containsExactly(9);
    c.path(cleanRow + ".current.sheetsConfirmed").entityList(Integer.class).containsExactly(2);
    c.path(cleanRow + ".current.sheetsOnTime").entityList(Integer.class).containsExactly(2);
    c.path(cleanRow + ".current.membersEvaluated").entityList(Integer.class).containsExactly(9);
    c.path(cleanRow + ".current.participation").entityList(String.class).containsExactly("1.000");
    c.path(cleanRow + ".current.progress[%d].confirmed".formatted(NOW.getMonthValue() - 1)).entityList(Integer.class).containsExactly(2);
    // the village members of BAD are a row of their own (S2 is not pinned this year: no scheme), never pooled with S1
    c.path("countyComparison.rows[?(@.township.id == '%s' && @.category == 'VILLAGE')].current.members".formatted(bad.tenant().value()))
        .entityList(Integer.class).containsExactly(5);
    c.path("countyComparison.totals[?(@.category == 'ORGAN')].current.members").entityList(Integer.class).containsExactly(20);
    c.path("countyComparison.totals[?(@.category == 'ORGAN')].current.sheetsConfirmed").entityList(Integer.class).containsExactly(2);
    c.path("countyComparison.totals[?(@.category == 'ORGAN')].previous.sheetsConfirmed").entityList(Integer.class).containsExactly(6);
    c.path("countyComparison.totals[*].township").entityList(Object.class).satisfies(ts -> assertThat(ts).containsOnlyNulls());
    // sortable: by members, largest first
    ask(reviewerA, COMPARISON, YEAR, "MEMBERS", true).path("countyComparison.rows[*].current.members").entityList(Integer.class)
        .containsExactly(11, 9, 5);
  }

  @Test
  void theDrillDownSuppressesBranchesUnderFiveMembers() {
    var d = asUser(reviewerA).document(DRILL).variable("t", clean.tenant().value()).variable("y", YEAR).execute();
    String t = clean.tenant().value();
    d.path("townshipReview.branches[?(@.branch.code == '%s-Z1-01')].current.suppressed".formatted(t)).entityList(Boolean.class).containsExactly(false);
    d.path("townshipReview.branches[?(@.branch.code == '%s-Z1-01')].current.membersEvaluated".formatted(t)).entityList(Integer.class).containsExactly(6);
    d.path("townshipReview.branches[?(@.branch.code == '%s-Z1-02')].current.suppressed".formatted(t)).entityList(Boolean.class).containsExactly(true);
    d.path("townshipReview.branches[?(@.branch.code == '%s-Z1-02')].current.members".formatted(t)).entityList(Integer.class).containsExactly(3);
    d.path("townshipReview.branches[?(@.branch.code == '%s-Z1-02')].current.sheetsConfirmed".formatted(t)).entityList(Object.class).containsExactly((Object) null);
    d.path("townshipReview.branches[?(@.branch.code == '%s-Z1-02')].current.totalMedian".formatted(t)).entityList(Object.class).containsExactly((Object) null);
  }

  @Test
  void theCountysIntegrationClientReadsTheSameFiguresForItsCountyOnly() {
    var c = as(Keycloak.clientToken("app-county-demo")).document(COMPARISON).variable("y", YEAR).execute();
    c.path("countyComparison.county").entity(String.class).isEqualTo("DEMO");
    c.path("countyComparison.rows[*].township.id").entityList(String.class)
        .satisfies(ids -> assertThat(ids).contains("CG", "KF", "QS").doesNotContain(bad.tenant().value(), other.tenant().value()));
  }

  @Test
  void townshipRolesCannotReadTheCountyReview() {
    bad.admin().document(COMPARISON).variable("y", YEAR).execute().errors()
        .satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("FORBIDDEN")));
  }

  @Test
  void anAcknowledgedAlarmStaysListedWithItsCommentAndIsAudited() {
    var alarms = ask(reviewerA, ALARMS, LAST_YEAR);
    String id = alarms.path("reviewAlarms[?(@.rule == 'QUORUM_BARELY_MET')].id").entityList(String.class).get().getFirst();
    String ack = "mutation($id: ID!, $c: String!) { acknowledgeReviewAlarm(input: {alarmId: $id, comment: $c}) { alarm { id acknowledgement { by comment } } } }";
    // reviewer B cannot acknowledge A's alarm; an empty comment is refused; nothing is stored by either
    asUser(reviewerB).document(ack).variable("id", id).variable("c", "已约谈").execute().errors()
        .satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("NOT_FOUND")));
    asUser(reviewerA).document(ack).variable("id", id).variable("c", "  ").execute().errors()
        .satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("COMMENT_REQUIRED")));
    var done = asUser(reviewerA).document(ack).variable("id", id).variable("c", "已约谈支部书记，下次测评扩大群众代表").execute();
    done.path("acknowledgeReviewAlarm.alarm.acknowledgement.by").entity(String.class).isEqualTo(reviewerA);
    assertAudited("acknowledgeReviewAlarm", bad.tenant(), reviewerA, id.substring(id.indexOf('|') + 1));
    asUser(reviewerA).document(ack).variable("id", id).variable("c", "再次").execute().errors()
        .satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("ALREADY_ACKNOWLEDGED")));
    ask(reviewerA, ALARMS, LAST_YEAR).path("reviewAlarms[?(@.id == '%s')].acknowledgement.comment".formatted(id)).entityList(String.class)
        .containsExactly("已约谈支部书记，下次测评扩大群众代表");
    asUser(reviewerA).document(ALARMS).variable("y", LAST_YEAR).variable("all", false).execute()
        .path("reviewAlarms[*].id").entityList(String.class).satisfies(ids -> assertThat(ids).doesNotContain(id).isNotEmpty());
  }

  @Test
  void thresholdsAreTheCountysOwnVersionedAndAudited() {
    String read = "{ reviewSettings { lateConfirmDays uniformShare minGroup version } }";
    asUser(reviewerB).document(read).execute().path("reviewSettings.version").entity(Integer.class).isEqualTo(0);
    String update = "mutation($input: ReviewSettingsInput!) { updateReviewSettings(input: $input) { settings { lateConfirmDays minGroup version updatedBy } } }";
    asUser(reviewerB).document(update).variable("input", Map.of("minGroup", 3, "version", 0)).execute().errors()
        .satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(classification(e)).isEqualTo("BAD_REQUEST");
          assertThat(code(e)).isEqualTo("INVALID_THRESHOLD");
        }));
    // a minimum group of six: B's five-member branch is no longer judged for uniform scoring; its January is still late
    var changed = asUser(reviewerB).document(update).variable("input", Map.of("minGroup", 6, "version", 0)).execute();
    changed.path("updateReviewSettings.settings.version").entity(Integer.class).isEqualTo(1);
    changed.path("updateReviewSettings.settings.minGroup").entity(Integer.class).isEqualTo(6);
    changed.path("updateReviewSettings.settings.lateConfirmDays").entity(Integer.class).isEqualTo(30);
    assertAudited("updateReviewSettings", countyB, reviewerB);
    asUser(reviewerB).document(update).variable("input", Map.of("lateConfirmDays", 10, "version", 0)).execute().errors()
        .satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("CONFLICT")));
    var b = ask(reviewerB, ALARMS, LAST_YEAR);
    b.path("reviewAlarms[*].rule").entityList(String.class).satisfies(rules -> assertThat(rules).contains("LATE_CONFIRMATION").doesNotContain("UNIFORM_SCORING"));
    // county A keeps the defaults
    asUser(reviewerA).document(read).execute().path("reviewSettings.lateConfirmDays").entity(Integer.class).isEqualTo(30);
  }

  @Test
  void theExportHasTheComparisonAndTheAlarmsInChinese() throws Exception {
    var file = asUser(reviewerA).document("query($y: Int!) { countyReviewXlsx(year: $y) { fileName contentBase64 } }")
        .variable("y", LAST_YEAR).execute();
    byte[] bytes = Base64.getDecoder().decode(file.path("countyReviewXlsx.contentBase64").entity(String.class).get());
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      assertThat(book.getSheetName(0)).isEqualTo("乡镇对比");
      assertThat(book.getSheetName(1)).isEqualTo("预警");
      assertThat(book.getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).isEqualTo("乡镇");
      List<String> rules = new ArrayList<>();
      for (int r = 2; r <= book.getSheetAt(1).getLastRowNum(); r++) {
        rules.add(book.getSheetAt(1).getRow(r).getCell(2).getStringCellValue());
      }
      assertThat(rules).contains("评分大锅饭", "民主测评一边倒", "确认分照抄自评分", "测评人数刚达下限");
      List<String> townships = new ArrayList<>();
      for (int r = 2; r <= book.getSheetAt(0).getLastRowNum(); r++) {
        townships.add(book.getSheetAt(0).getRow(r).getCell(0).getStringCellValue());
      }
      assertThat(townships).contains("全县合计").doesNotContain("评审镇" + other.tenant().value());
    }
  }

  // ---------------------------------------------------------------- fixtures

  private TestTownship township(String code, String county) {
    TenantId tenant = new TenantId(code);
    townships.provision(tenant, "评审镇" + code, county, "评审县" + county).block();
    String admin = Keycloak.createUser(("admin." + code).toLowerCase(), code, List.of("tenant-admin", "member"), null, null);
    return new TestTownship(tenant, admin, this);
  }

  /** Committee → organ general branch → branch 01; returns [committee, general, branch]. */
  private static List<String> organTree(TestTownship t) {
    String code = t.tenant().value();
    String committee = t.createOrganization(null, code, "评审镇党委", "COMMITTEE", null);
    String general = t.createOrganization(committee, code + "-Z1", "机关党总支", "GENERAL_BRANCH", "ORGAN");
    return List.of(committee, general, t.createOrganization(general, code + "-Z1-01", "党政办党支部", "BRANCH", "ORGAN"));
  }

  private static List<String> members(TestTownship t, String branch, String prefix, int n, String category) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ids.add(t.createMember(branch, prefix + i, "党员" + prefix + i, category));
    }
    return ids;
  }

  private interface Score {
    int of(int member, int item);
  }

  private static List<Map<String, Object>> grid(List<String> members, Score score) {
    return grid(members, score, 0);
  }

  /** version: of the cells as read (1 once a member's self-assessment made them). */
  private static List<Map<String, Object>> grid(List<String> members, Score score, int version) {
    List<Map<String, Object>> cells = new ArrayList<>();
    for (int m = 0; m < members.size(); m++) {
      for (int i = 0; i < ITEMS.length; i++) {
        cells.add(Map.of("memberId", members.get(m), "item", ITEMS[i], "points", String.valueOf(score.of(m, i)), "version", version));
      }
    }
    return cells;
  }

  private static void confirm(TestTownship t, String branch, int year, int month, List<Map<String, Object>> cells) {
    t.admin().document("mutation($input: ConfirmMonthInput!) { confirmMonth(input: $input) { posted } }")
        .variable("input", Map.of("branchId", branch, "year", year, "month", month, "idempotencyKey", "review-" + UUID.randomUUID(), "cells", cells))
        .executeAndVerify();
  }

  private record Opened(String id, List<String> codes) {}

  private Opened open(TestTownship t, String branch, int year, int raters) {
    var opened = t.admin().document("mutation($input: OpenBallotInput!) { openBallot(input: $input) { ballot { id } codes { code } } }")
        .variable("input", Map.of("branchId", branch, "year", year, "massRepresentatives", Math.max(10, raters))).execute();
    // codes for every member and the mass representatives (seed 001); the first `raters` of them vote
    return new Opened(opened.path("openBallot.ballot.id").entity(String.class).get(),
        opened.path("openBallot.codes[*].code").entityList(String.class).get().subList(0, raters));
  }

  private static void close(TestTownship t, String ballotId) {
    t.admin().document("mutation($id: ID!) { closeBallot(input: {ballotId: $id}) { ballot { state } } }").variable("id", ballotId).executeAndVerify();
  }

  private void itemBallot(TestTownship t, String branch, int year, List<String> members, int raters, Score score) {
    Opened ballot = open(t, branch, year, raters);
    List<String> codes = ballot.codes();
    for (int r = 0; r < codes.size(); r++) {
      List<Map<String, Object>> ratings = new ArrayList<>();
      for (int m = 0; m < members.size(); m++) {
        for (String item : ITEMS) {
          ratings.add(Map.of("subjectId", members.get(m), "item", item, "score", String.valueOf(score.of(r, m))));
        }
      }
      anonymous().document("mutation($input: CastVoteInput!) { castVote(input: $input) { accepted } }")
          .variable("input", Map.of("code", codes.get(r), "ratings", ratings)).executeAndVerify();
    }
    close(t, ballot.id());
  }

  private void gradeBallot(TestTownship t, String branch, int year, List<String> members, int raters) {
    Opened ballot = open(t, branch, year, raters);
    for (String code : ballot.codes()) {
      anonymous().document("mutation($input: CastVoteInput!) { castVote(input: $input) { accepted } }")
          .variable("input", Map.of("code", code, "ratings", members.stream().map(m -> Map.of("subjectId", m, "option", "GOOD")).toList()))
          .executeAndVerify();
    }
    close(t, ballot.id());
  }

  private org.springframework.graphql.test.tester.GraphQlTester.Response ask(String username, String query, int year) {
    return asUser(username).document(query).variable("y", year).execute();
  }

  private org.springframework.graphql.test.tester.GraphQlTester.Response ask(String username, String query, int year, String sort, boolean desc) {
    return asUser(username).document(query).variable("y", year).variable("sort", sort).variable("desc", desc).execute();
  }

  /** The figures of the first alarm of a rule on a branch, code → plain value. */
  private static Map<String, String> figures(org.springframework.graphql.test.tester.GraphQlTester.Response alarms, String rule, String branchCode) {
    List<Map<String, Object>> figures = alarms.path("reviewAlarms[?(@.rule == '%s' && @.branch.code == '%s')].figures".formatted(rule, branchCode))
        .entityList(Object.class).get().stream().findFirst().map(f -> {
          @SuppressWarnings("unchecked")
          List<Map<String, Object>> list = (List<Map<String, Object>>) f;
          return list;
        }).orElseThrow(() -> new AssertionError("no " + rule + " alarm on " + branchCode));
    Map<String, String> out = new java.util.LinkedHashMap<>();
    figures.forEach(f -> out.put((String) f.get("code"), new BigDecimal(String.valueOf(f.get("value"))).toPlainString()));
    return out;
  }

  /** Until the shared AuditTrail helper arrives: the township's audit row of an action, its actor and subject. */
  private void assertAudited(String action, TenantId tenant, String actor, String subject) {
    assertThat(auditRows("audit_event", "app.tenant_id", tenant.value(), action)).contains(actor + "|" + subject);
  }

  /** A county-level action's audit row (county_audit_event). */
  private void assertAudited(String action, String county, String actor) {
    assertThat(auditRows("county_audit_event", "app.county_id", county, action)).containsExactly(actor + "|" + county);
  }

  private List<String> auditRows(String table, String setting, String value, String action) {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "jifen_app", "jifen_app")) {
      c.createStatement().execute("select set_config('%s', '%s', false)".formatted(setting, value));
      ResultSet rs = c.createStatement().executeQuery("select actor, subject from %s where action = '%s'".formatted(table, action));
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + "|" + rs.getString(2));
      }
      return rows;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
