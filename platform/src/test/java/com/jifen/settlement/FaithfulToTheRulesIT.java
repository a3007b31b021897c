package com.jifen.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.scheme.engine.SeedSchemes;
import com.jifen.testing.IntegrationTest;
import com.jifen.testing.TestTownship;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the year-end cycle as docs/DOMAIN.md and the seeds write it, through GraphQL on real PostgreSQL.
 */
class FaithfulToTheRulesIT extends IntegrationTest {
  static final int YEAR = LocalDate.now().getYear() - 1;
  static final String[] ITEMS = {"STUDY", "ORG_LIFE", "DUES", "DISCIPLINE", "DUTY", "PLEDGE", "MASSES", "VANGUARD", "INTEGRITY", "MORALITY"};
  /** S1 without the ballot term, so a year can be settled from the ledger alone. */
  static final String S1_NO_BALLOT = SeedSchemes.text(SeedSchemes.S1)
      .replace("monthlyWeight: 80", "monthlyWeight: 100").replace("ballotWeight: 20", "ballotWeight: 0");
  static final String SETTLE = """
      mutation($input: SettleBranchInput!) { settleBranch(input: $input) { settlement { missingMonths
        members { member { code } itemScores annualTotal } } } }""";

  record Branch(TestTownship town, String id) {}

  /** A fresh township with one branch {code}-01 of a category, the scheme published and pinned for it. */
  private Branch branch(String category, String name, String yaml) {
    TestTownship t = freshTownship();
    String committee = t.createOrganization(null, t.tenant().value(), "测试镇党委", "COMMITTEE", null);
    String branch = t.createOrganization(committee, t.tenant().value() + "-01", name, "BRANCH", category);
    t.publishAndPin(yaml, YEAR, category);
    return new Branch(t, branch);
  }

  private Branch organBranch(String yaml) {
    return branch("ORGAN", "机关党支部", yaml);
  }

  private String member(Branch b, String code, String joinDate) {
    return b.town().admin().documentName("createMember")
        .variable("input", Map.of("code", code, "name", "党员" + code, "gender", "MALE", "category", "ORGAN",
            "branchId", b.id(), "joinDate", joinDate))
        .execute().path("createMember.member.id").entity(String.class).get();
  }

  /** One month's grid: STUDY as given, every other item 10; saved and confirmed into the ledger. */
  private void confirmMonth(Branch b, int month, Map<String, String> studyByMember) {
    List<Map<String, Object>> cells = new ArrayList<>();
    studyByMember.forEach((id, study) -> {
      for (String item : ITEMS) {
        cells.add(Map.of("memberId", id, "item", item, "points", item.equals("STUDY") ? study : "10", "version", 0));
      }
    });
    b.town().admin().document("mutation($input: SaveMonthDraftInput!) { saveMonthDraft(input: $input) { saved } }")
        .variable("input", Map.of("branchId", b.id(), "year", YEAR, "month", month, "cells", cells)).executeAndVerify();
    b.town().admin().document("mutation($input: ConfirmMonthInput!) { confirmMonth(input: $input) { posted } }")
        .variable("input", Map.of("branchId", b.id(), "year", YEAR, "month", month, "idempotencyKey", "m" + month + "-" + b.id()))
        .executeAndVerify();
  }

  @Test
  void aYearIsTwelveMonthsAMissingMonthCountsZeroAndAJoinerIsProratedOverHisMonthsOfMembership() {
    Branch b = organBranch(S1_NO_BALLOT);
    String whole = member(b, "A", "2001-07-01");
    String[] study = {"9.5", "10", "10", "9.5", "10"};
    String joiner = null;
    for (int month = 7; month <= 11; month++) {
      if (month == 9) {
        joiner = member(b, "B", YEAR + "-09-15");
      }
      Map<String, String> grid = new java.util.LinkedHashMap<>(Map.of(whole, study[month - 7]));
      if (joiner != null) {
        grid.put(joiner, "10");
      }
      confirmMonth(b, month, grid);
    }

    // settling with months that have no scores is refused, naming them, until they are acknowledged
    b.town().admin().document(SETTLE).variable("input", Map.of("branchId", b.id(), "year", YEAR)).execute()
        .errors().satisfy(errors -> {
          assertThat(errors).hasSize(1);
          assertThat(code(errors.getFirst())).isEqualTo("MISSING_MONTHS_NOT_ACKNOWLEDGED");
          assertThat(classification(errors.getFirst())).isEqualTo("BAD_REQUEST");
          assertThat(errors.getFirst().getMessage()).contains("1、2、3、4、5、6、12 月");
          assertThat(errors.getFirst().getExtensions().get("missingMonths")).isEqualTo(List.of(1, 2, 3, 4, 5, 6, 12));
        });
    b.town().admin().document(SETTLE)
        .variable("input", Map.of("branchId", b.id(), "year", YEAR, "acknowledgeMissingMonths", List.of(1, 2, 3, 4, 5, 6)))
        .execute().errors().satisfy(errors -> assertThat(errors).extracting(IntegrationTest::code)
            .containsExactly("MISSING_MONTHS_NOT_ACKNOWLEDGED"));

    var settled = b.town().admin().document(SETTLE)
        .variable("input", Map.of("branchId", b.id(), "year", YEAR, "acknowledgeMissingMonths", List.of(1, 2, 3, 4, 5, 6, 12)))
        .execute();
    settled.path("settleBranch.settlement.missingMonths").entityList(Integer.class).containsExactly(1, 2, 3, 4, 5, 6, 12);
    // A: STUDY 49 ÷ 12 = 4.08 (not 49 ÷ 5 = 9.80); the year 499 ÷ 12 = 41.58
    settled.path("settleBranch.settlement.members[?(@.member.code == 'A')].itemScores[0]").entityList(String.class).containsExactly("4.08");
    settled.path("settleBranch.settlement.members[?(@.member.code == 'A')].annualTotal").entityList(String.class).containsExactly("41.58");
    // B joined in September: four months of membership, December counted zero: 30 ÷ 4 = 7.50, 300 ÷ 4 = 75.00
    settled.path("settleBranch.settlement.members[?(@.member.code == 'B')].itemScores[0]").entityList(String.class).containsExactly("7.50");
    settled.path("settleBranch.settlement.members[?(@.member.code == 'B')].annualTotal").entityList(String.class).containsExactly("75.00");
  }

  private String post(TestTownship t, String member, String kind, String points, int month) {
    return t.admin().document("mutation($input: PostEntryInput!) { postEntry(input: $input) { entry { id } warnings } }")
        .variable("input", Map.of("memberId", member, "kind", kind, "points", points, "occurredOn", "%d-%02d-10".formatted(YEAR, month),
            "reason", "带领群众发展产业", "idempotencyKey", java.util.UUID.randomUUID().toString()))
        .execute().path("postEntry.warnings").entityList(String.class).get().stream().findFirst().orElse(null);
  }

  @Test
  void theCardShowsTheCappedFigureTheCutAndTheProvisionalTotalTheYearLeaderboardRanksBy() {
    Branch village = branch("VILLAGE", "东村党支部", SeedSchemes.text(SeedSchemes.S2));
    TestTownship t = village.town();
    String a = t.createMember(village.id(), "A", "党员A", "VILLAGE");
    String b = t.createMember(village.id(), "B", "党员B", "VILLAGE");
    for (int month = 1; month <= 4; month++) {
      assertThat(post(t, a, "ACHIEVEMENT", "5", month)).as("20 points reach the cap, no warning yet").isNull();
    }
    // the 21st point is kept, and the secretary is told it will not count
    assertThat(post(t, a, "ACHIEVEMENT", "1", 5)).contains("践诺业绩加分全年上限 20 分").contains("超出的 1.00 分不计入");
    assertThat(post(t, b, "ACHIEVEMENT", "3", 2)).isNull();
    post(t, b, "VIOLATION", "2", 3);

    var card = t.admin().document("""
        query($id: ID!, $y: Int!) { memberCard(memberId: $id, year: $y) { yearTotal
          provisional { total components { code value } cuts { entryKind recorded counted reason } note } } }""")
        .variable("id", a).variable("y", YEAR).execute();
    card.path("memberCard.yearTotal").entity(java.math.BigDecimal.class).satisfies(v -> assertThat(v).isEqualByComparingTo("21"));
    card.path("memberCard.provisional.components[?(@.code == 'additions')].value").entityList(java.math.BigDecimal.class)
        .satisfies(v -> assertThat(v).singleElement().satisfies(x -> assertThat(x).isEqualByComparingTo("20")));
    card.path("memberCard.provisional.cuts[0].entryKind").entity(String.class).isEqualTo("ACHIEVEMENT");
    card.path("memberCard.provisional.cuts[0].recorded").entity(java.math.BigDecimal.class).satisfies(v -> assertThat(v).isEqualByComparingTo("21"));
    card.path("memberCard.provisional.cuts[0].counted").entity(java.math.BigDecimal.class).satisfies(v -> assertThat(v).isEqualByComparingTo("20"));
    // base 60 + additions 20, the ballot not yet held
    card.path("memberCard.provisional.total").entity(java.math.BigDecimal.class).satisfies(v -> assertThat(v).isEqualByComparingTo("80"));
    card.path("memberCard.provisional.note").entity(String.class).satisfies(n -> assertThat(n).contains("暂估"));

    // the YEAR leaderboard ranks by the same provisional total and says so: A 80.00, B 60 − 2 + 3 = 61.00
    var ranking = t.admin().document("""
        query($input: RankingInput!) { ranking(input: $input) { provisional entries { rank memberCode score } } }""")
        .variable("input", Map.of("period", "YEAR", "year", YEAR, "scope", "TOWNSHIP")).execute();
    ranking.path("ranking.provisional").entity(Boolean.class).isEqualTo(true);
    ranking.path("ranking.entries[*].memberCode").entityList(String.class).containsExactly("A", "B");
    ranking.path("ranking.entries[*].score").entityList(java.math.BigDecimal.class).satisfies(v -> assertThat(v)
        .usingElementComparator(java.math.BigDecimal::compareTo).containsExactly(new java.math.BigDecimal("80"), new java.math.BigDecimal("61")));
    t.admin().document("query($input: RankingInput!) { ranking(input: $input) { provisional } }")
        .variable("input", Map.of("period", "MONTH", "year", YEAR, "index", 1, "scope", "TOWNSHIP")).execute()
        .path("ranking.provisional").entity(Boolean.class).isEqualTo(false);
  }

  @org.springframework.beans.factory.annotation.Autowired java.time.Clock clock;

  @Test
  void aPublicationWindowCannotStartInThePastAHolidayAddedWhileItIsOpenExtendsItAndAMemberSeesOnlyTheirOwnNotices() {
    Branch b = organBranch(S1_NO_BALLOT);
    member(b, "A", "2001-07-01");
    member(b, "B", "2001-07-01");
    b.town().admin().document(SETTLE).variable("input", Map.of("branchId", b.id(), "year", YEAR,
        "acknowledgeMissingMonths", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))).executeAndVerify();
    LocalDate today = LocalDate.now(clock);
    String publish = "mutation($input: PublishSettlementInput!) { publishSettlement(input: $input) { publication { endsOn state } } }";
    b.town().admin().document(publish).variable("input", Map.of("branchId", b.id(), "year", YEAR, "startsOn", today.minusDays(1).toString()))
        .execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(code(e)).isEqualTo("START_IN_PAST");
          assertThat(classification(e)).isEqualTo("BAD_REQUEST");
        }));
    LocalDate end = LocalDate.parse(b.town().admin().document(publish)
        .variable("input", Map.of("branchId", b.id(), "year", YEAR, "startsOn", today.toString())).execute()
        .path("publishSettlement.publication.endsOn").entity(String.class).get());
    assertThat(end).isEqualTo(new com.jifen.publication.WorkingDays(java.util.Set.of(), java.util.Set.of()).end(today, 7));

    // the window's last working day becomes a holiday while the window is open: one more working day is added
    b.town().admin().document("mutation($input: SetCalendarDaysInput!) { setCalendarDays(input: $input) { __typename } }")
        .variable("input", Map.of("days", List.of(Map.of("day", end.toString(), "kind", "HOLIDAY", "name", "临时假日")))).executeAndVerify();
    LocalDate extended = new com.jifen.publication.WorkingDays(java.util.Set.of(end), java.util.Set.of()).end(today, 7);
    assertThat(extended).isAfter(end);
    b.town().admin().document("query($b: ID!, $y: Int!) { publication(branchId: $b, year: $y) { endsOn state } }")
        .variable("b", b.id()).variable("y", YEAR).execute()
        .path("publication.endsOn").entity(String.class).isEqualTo(extended.toString())
        .path("publication.state").entity(String.class).isEqualTo("OPEN");

    // after the window: final, notices issued (both unqualified); a member reads their own notice and no other
    com.jifen.testing.TestClock.advance(java.time.Duration.ofDays(extended.toEpochDay() - today.toEpochDay() + 1));
    try {
      b.town().admin().document("mutation($input: FinalizeSettlementInput!) { finalizeSettlement(input: $input) { publication { state } } }")
          .variable("input", Map.of("branchId", b.id(), "year", YEAR)).execute()
          .path("finalizeSettlement.publication.state").entity(String.class).isEqualTo("FINAL");
      b.town().admin().document("mutation($input: IssueNoticesInput!) { issueNotices(input: $input) { notices { id } } }")
          .variable("input", Map.of("branchId", b.id(), "year", YEAR)).execute()
          .path("issueNotices.notices").entityList(Object.class).hasSize(2);
      String code = b.town().tenant().value();
      String memberA = com.jifen.testing.Keycloak.createUser(("na." + code).toLowerCase(), code, List.of("member"), null, "A");
      var mine = as(memberA).document("{ myNotices { member { code } year kind deadline overdue improved } }").execute();
      mine.path("myNotices[*].member.code").entityList(String.class).containsExactly("A");
      mine.path("myNotices[0].kind").entity(String.class).isEqualTo("RECTIFICATION");
      mine.path("myNotices[0].year").entity(Integer.class).isEqualTo(YEAR);
      mine.path("myNotices[0].overdue").entity(Boolean.class).isEqualTo(false);

      // the forms as the seeds print them: item and component names, the branch's code in the file name, a titled tab
      var summary = b.town().admin().document("query($b: ID!, $y: Int!) { yearSummaryXlsx(branchId: $b, year: $y) { fileName contentBase64 } }")
          .variable("b", b.id()).variable("y", YEAR).execute();
      summary.path("yearSummaryXlsx.fileName").entity(String.class).isEqualTo("year-summary-%d-%s-01.xlsx".formatted(YEAR, code));
      List<String> headers = headerRow(summary.path("yearSummaryXlsx.contentBase64").entity(String.class).get(), "年度综合得分登记表");
      assertThat(headers).contains("政治理论学习", "社会公德家庭美德", "年终总积分", "年度总积分").doesNotContain("items", "第1项");
      // a member downloads the public board of their own branch
      var board = as(memberA).document("query($b: ID!, $y: Int!) { publicationBoardXlsx(branchId: $b, year: $y) { fileName contentBase64 } }")
          .variable("b", b.id()).variable("y", YEAR).execute();
      board.path("publicationBoardXlsx.fileName").entity(String.class).isEqualTo("board-%d-%s-01.xlsx".formatted(YEAR, code));
      assertThat(headerRow(board.path("publicationBoardXlsx.contentBase64").entity(String.class).get(), "公示栏")).contains("姓名", "星级", "等次");
      as(memberA).document("query($b: ID!, $y: Int!) { yearSummaryXlsx(branchId: $b, year: $y) { fileName } }")
          .variable("b", b.id()).variable("y", YEAR).execute()
          .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("FORBIDDEN")));
    } finally {
      com.jifen.testing.TestClock.reset();
    }
  }

  @Test
  void aVetoedOrganizationIsGradedPoorMayStillApplyForPromotionAndRanksBelowEveryBetterGrade() {
    TestTownship t = freshTownship();
    String committee = t.createOrganization(null, t.tenant().value(), "测试镇党委", "COMMITTEE", null);
    String vetoed = t.createOrganization(committee, t.tenant().value() + "-01", "东村党支部", "BRANCH", "VILLAGE");
    String average = t.createOrganization(committee, t.tenant().value() + "-02", "西村党支部", "BRANCH", "VILLAGE");
    var published = t.admin().document("mutation($input: PublishSchemeInput!) { publishScheme(input: $input) { version { schemeCode version } } }")
        .variable("input", Map.of("yaml", SeedSchemes.text(SeedSchemes.S4))).execute();
    String scheme = published.path("publishScheme.version.schemeCode").entity(String.class).get();
    int version = published.path("publishScheme.version.version").entity(Integer.class).get();
    String record = "mutation($input: RecordOrganizationAssessmentInput!) { recordOrganizationAssessment(input: $input) { result { grade } } }";
    var input = new java.util.HashMap<String, Object>(Map.of("organizationId", vetoed, "year", YEAR, "schemeCode", scheme, "version", version,
        "selfScore", "95", "massScore", "95", "superiorScore", "95", "satisfiedVoters", 95, "voters", 100));
    input.put("vetoNote", "发生重大安全责任事故");
    t.admin().document(record).variable("input", input).executeAndVerify();
    t.admin().document(record).variable("input", Map.of("organizationId", average, "year", YEAR, "schemeCode", scheme, "version", version,
        "selfScore", "70", "massScore", "70", "superiorScore", "70", "satisfiedVoters", 80, "voters", 100)).executeAndVerify();

    var results = t.admin().document("query($y: Int!) { organizationAssessments(year: $y) { organization { id } total grade vetoed mayApplyForPromotion rank } }")
        .variable("y", YEAR).execute();
    results.path("organizationAssessments[*].organization.id").entityList(String.class).containsExactly(average, vetoed);
    results.path("organizationAssessments[*].rank").entityList(Integer.class).containsExactly(1, 2);
    results.path("organizationAssessments[1].grade").entity(String.class).isEqualTo("POOR");
    results.path("organizationAssessments[1].vetoed").entity(Boolean.class).isEqualTo(true);
    results.path("organizationAssessments[1].mayApplyForPromotion").entity(Boolean.class).isEqualTo(true);
    results.path("organizationAssessments[0].grade").entity(String.class).isEqualTo("AVERAGE");
    results.path("organizationAssessments[0].mayApplyForPromotion").entity(Boolean.class).isEqualTo(false);
  }

  @Test
  void aPinIsFixedOnceTheYearHasDataForItsCategory() {
    Branch village = branch("VILLAGE", "东村党支部", SeedSchemes.text(SeedSchemes.S2));
    TestTownship t = village.town();
    String a = t.createMember(village.id(), "A", "党员A", "VILLAGE");
    int second = t.publishAndPin(SeedSchemes.text(SeedSchemes.S2).replace("name: 农村（社区）党员积分管理", "name: 农村（社区）党员积分管理（修订）"), YEAR + 1);
    String pin = "mutation($input: PinSchemeInput!) { pinScheme(input: $input) { pinned { version } } }";
    Map<String, Object> repin = Map.of("year", YEAR, "category", "VILLAGE", "schemeCode", "S2-village-base-bonus-ballot", "version", second);
    // no data yet: the choice can be corrected, and back
    t.admin().document(pin).variable("input", repin).execute().path("pinScheme.pinned.version").entity(Integer.class).isEqualTo(second);
    t.admin().document(pin).variable("input", Map.of("year", YEAR, "category", "VILLAGE", "schemeCode", "S2-village-base-bonus-ballot", "version", 1))
        .executeAndVerify();
    post(t, a, "ACHIEVEMENT", "3", 2);
    t.admin().document(pin).variable("input", repin).execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
      assertThat(classification(e)).isEqualTo("CONFLICT");
      assertThat(code(e)).isEqualTo("YEAR_ALREADY_PINNED");
    }));
    t.admin().document("query($y: Int!) { scoringYear(year: $y) { version } }").variable("y", YEAR).execute()
        .path("scoringYear[0].version").entity(Integer.class).isEqualTo(1);
  }

  @org.springframework.beans.factory.annotation.Value("${spring.liquibase.url}") String jdbcUrl;

  /** The audit row of a mutation, read as the service's role inside the township (RLS applies). */
  private void assertAudited(String action, TestTownship t, String subject, String actor) {
    try (var c = java.sql.DriverManager.getConnection(jdbcUrl, "jifen_app", "jifen_app")) {
      c.setAutoCommit(false);
      try (var st = c.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
        st.setString(1, t.tenant().value());
        st.execute();
      }
      try (var st = c.prepareStatement("select actor from audit_event where tenant_id = ? and action = ? and subject = ?")) {
        st.setString(1, t.tenant().value());
        st.setString(2, action);
        st.setString(3, subject);
        var rs = st.executeQuery();
        List<String> actors = new ArrayList<>();
        while (rs.next()) {
          actors.add(rs.getString(1));
        }
        assertThat(actors).as("audit of " + action).containsExactly(actor);
      }
      c.rollback();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private String postPending(TestTownship t, String member, String points, int month) {
    var posted = t.admin().document("mutation($input: PostEntryInput!) { postEntry(input: $input) { entry { id review { status } } } }")
        .variable("input", Map.of("memberId", member, "kind", "ACHIEVEMENT", "points", points, "occurredOn", "%d-%02d-10".formatted(YEAR, month),
            "reason", "带领群众发展产业", "idempotencyKey", java.util.UUID.randomUUID().toString()))
        .execute();
    posted.path("postEntry.entry.review.status").entity(String.class).isEqualTo("PENDING");
    return posted.path("postEntry.entry.id").entity(String.class).get();
  }

  @Test
  void additionsTheSchemeMarksForApprovalCountOnlyOnceTheBranchCommitteeApprovesAndARejectionNeedsAReason() {
    Branch village = branch("VILLAGE", "东村党支部",
        SeedSchemes.text(SeedSchemes.S2).replace("max: 5,  capPerYear: 20}", "max: 5,  capPerYear: 20, approval: BRANCH_COMMITTEE}"));
    TestTownship t = village.town();
    String code = t.tenant().value();
    String branch = village.id();
    String a = t.createMember(branch, "A", "党员A", "VILLAGE");
    String first = postPending(t, a, "5", 2);
    String second = postPending(t, a, "3", 3);
    String card = """
        query($id: ID!, $y: Int!) { memberCard(memberId: $id, year: $y) { months { additions entries { id review { status reason } } }
          provisional { components { code value } } } }""";
    var pending = t.admin().document(card).variable("id", a).variable("y", YEAR).execute();
    pending.path("memberCard.months[1].additions").entity(java.math.BigDecimal.class).satisfies(v -> assertThat(v).isZero());
    pending.path("memberCard.months[1].entries[0].review.status").entity(String.class).isEqualTo("PENDING");
    pending.path("memberCard.provisional.components[?(@.code == 'additions')].value").entityList(java.math.BigDecimal.class)
        .satisfies(v -> assertThat(v.getFirst()).isZero());
    String review = "query($b: ID!, $y: Int!, $s: ReviewStatus) { reviewEntries(branchId: $b, year: $y, status: $s) { id review { status reason decidedBy } } }";
    t.admin().document(review).variable("b", branch).variable("y", YEAR).execute()
        .path("reviewEntries[*].id").entityList(String.class).containsExactly(first, second);

    // a member is not the branch committee
    String member = com.jifen.testing.Keycloak.createUser(("ra." + code).toLowerCase(), code, List.of("member"), null, "A");
    String approve = "mutation($input: ReviewEntryInput!) { approveEntry(input: $input) { entry { review { status decidedBy } } } }";
    as(member).document(approve).variable("input", Map.of("entryId", first)).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("FORBIDDEN")));
    String admin = ("admin." + code).toLowerCase();
    t.admin().document(approve).variable("input", Map.of("entryId", first, "reason", "支委会 2 月会议审核通过")).execute()
        .path("approveEntry.entry.review.status").entity(String.class).isEqualTo("APPROVED")
        .path("approveEntry.entry.review.decidedBy").entity(String.class).isEqualTo(admin);
    assertAudited("approveEntry", t, first, admin);
    t.admin().document(approve).variable("input", Map.of("entryId", first)).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("ALREADY_REVIEWED")));

    String reject = "mutation($input: ReviewEntryInput!) { rejectEntry(input: $input) { entry { review { status reason } } } }";
    t.admin().document(reject).variable("input", Map.of("entryId", second)).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(code(e)).isEqualTo("REASON_REQUIRED");
          assertThat(classification(e)).isEqualTo("BAD_REQUEST");
        }));
    t.admin().document(reject).variable("input", Map.of("entryId", second, "reason", "无村委会证明材料")).execute()
        .path("rejectEntry.entry.review.status").entity(String.class).isEqualTo("REJECTED");
    assertAudited("rejectEntry", t, second, admin);

    var decided = t.admin().document(card).variable("id", a).variable("y", YEAR).execute();
    decided.path("memberCard.months[1].additions").entity(java.math.BigDecimal.class).satisfies(v -> assertThat(v).isEqualByComparingTo("5"));
    decided.path("memberCard.months[2].additions").entity(java.math.BigDecimal.class).satisfies(v -> assertThat(v).isZero());
    decided.path("memberCard.months[2].entries[0].review.reason").entity(String.class).isEqualTo("无村委会证明材料");
    decided.path("memberCard.provisional.components[?(@.code == 'additions')].value").entityList(java.math.BigDecimal.class)
        .satisfies(v -> assertThat(v.getFirst()).isEqualByComparingTo("5"));
    t.admin().document(review).variable("b", branch).variable("y", YEAR).execute().path("reviewEntries").entityList(Object.class).hasSize(0);
    t.admin().document(review).variable("b", branch).variable("y", YEAR).variable("s", "REJECTED").execute()
        .path("reviewEntries[0].review.reason").entity(String.class).isEqualTo("无村委会证明材料");
  }

  /** The header row (under the title) of the one sheet of an XLSX, which must carry the given tab name. */
  private static List<String> headerRow(String base64, String sheetName) {
    try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(base64)))) {
      assertThat(book.getSheetName(0)).isEqualTo(sheetName);
      List<String> headers = new ArrayList<>();
      book.getSheetAt(0).getRow(1).forEach(c -> headers.add(c.getStringCellValue()));
      return headers;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void everyTownshipIsOfferedTheFourSeedSchemesAsTemplatesAndAdoptsOneByPublishingIt() {
    TestTownship t = freshTownship();
    var templates = t.admin().document("{ schemeTemplates { code name description subject categories yaml } }").execute();
    templates.path("schemeTemplates[*].code").entityList(String.class).containsExactly("S1-ten-item-star-rating",
        "S2-village-base-bonus-ballot", "S3-three-cards", "S4-branch-promotion");
    templates.path("schemeTemplates[0].description").entity(String.class).satisfies(d -> assertThat(d).contains("seed 001"));
    String yaml = templates.path("schemeTemplates[1].yaml").entity(String.class).get();
    t.admin().document("mutation($input: PublishSchemeInput!) { publishScheme(input: $input) { version { schemeCode version } } }")
        .variable("input", Map.of("yaml", yaml.replace("capPerYear: 20}", "capPerYear: 25}"))).execute()
        .path("publishScheme.version.schemeCode").entity(String.class).isEqualTo("S2-village-base-bonus-ballot");
  }

  // ---------------------------------------------------------------- item 6: ballots sized by the rule

  @Test
  void aBallotIsRatedByEveryMemberOfTheBranchAndAtLeastTenMassRepresentativesWhateverTheBranchSize() {
    Branch b = organBranch(SeedSchemes.text(SeedSchemes.S1));
    for (String code : List.of("A", "B", "C", "D")) {
      member(b, code, "2001-07-01");
    }
    String elderly = member(b, "E", "1960-07-01");
    b.town().admin().document("mutation($input: SetMemberExemptInput!) { setMemberExempt(input: $input) { member { exempt } } }")
        .variable("input", Map.of("id", elderly, "version", 0, "exempt", true, "reason", "年老体弱")).executeAndVerify();
    String open = """
        mutation($input: OpenBallotInput!) { openBallot(input: $input) { ballot { id codesIssued memberRaters massRepresentatives minRaters }
          codes { code } sheet { contentBase64 } } }""";

    // a flat 10 no longer suffices: five members (the exempt one rates too) and at least ten mass representatives
    b.town().admin().document(open).variable("input", Map.of("branchId", b.id(), "year", YEAR, "raters", 10)).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(code(e)).isEqualTo("TOO_FEW_RATERS");
          assertThat(classification(e)).isEqualTo("BAD_REQUEST");
          assertThat(e.getMessage()).contains("全体党员 5 人").contains("群众代表不少于 10 名").contains("至少 15 人");
        }));
    b.town().admin().document(open).variable("input", Map.of("branchId", b.id(), "year", YEAR, "massRepresentatives", 9)).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(code(e)).isEqualTo("TOO_FEW_MASS_REPRESENTATIVES");
          assertThat(classification(e)).isEqualTo("BAD_REQUEST");
          assertThat(e.getMessage()).contains("群众代表不少于 10 名");
        }));
    b.town().admin().document(open).variable("input", Map.of("branchId", b.id(), "year", YEAR, "raters", 14, "massRepresentatives", 10)).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(code(e)).isEqualTo("RATERS_MISMATCH");
          assertThat(classification(e)).isEqualTo("BAD_REQUEST");
        }));

    var opened = b.town().admin().document(open).variable("input", Map.of("branchId", b.id(), "year", YEAR, "massRepresentatives", 12)).execute();
    opened.path("openBallot.ballot.codesIssued").entity(Integer.class).isEqualTo(17)
        .path("openBallot.ballot.memberRaters").entity(Integer.class).isEqualTo(5)
        .path("openBallot.ballot.massRepresentatives").entity(Integer.class).isEqualTo(12)
        .path("openBallot.codes").entityList(Object.class).hasSize(17);
    // the printed slips say which codes go to members and which to mass representatives
    try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(java.util.Base64.getDecoder()
        .decode(opened.path("openBallot.sheet.contentBase64").entity(String.class).get())))) {
      List<String> raters = new ArrayList<>();
      for (int r = 2; r <= book.getSheetAt(0).getLastRowNum(); r++) {
        raters.add(book.getSheetAt(0).getRow(r).getCell(2).getStringCellValue());
      }
      assertThat(raters).hasSize(17).containsOnly("党员", "群众代表");
      assertThat(raters.stream().filter("党员"::equals).count()).isEqualTo(5);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertAudited("openBallot", b.town(), b.id(), ("admin." + b.town().tenant().value()).toLowerCase());
  }

  // ---------------------------------------------------------------- item 14: roster updates, names, township what-if

  static final String IMPORT = """
      mutation($input: ImportRosterInput!) { importRoster(input: $input) { preview imported updated
        changes { row code name column before after } errors { row column message code } } }""";
  static final String ROSTER = "编号,姓名,性别,党员类别,类型,所在支部,入党日期,联系电话";

  private static String rosterMember(TestTownship t, String code) {
    return t.admin().document("query($s: String) { members(first: 5, filter: {search: $s}) { edges { node { code phone villageType branch { code } } } } }")
        .variable("s", code).execute().path("members.edges[0].node").entity(Map.class).get().toString();
  }

  @Test
  void aReimportedRosterUpdatesThePhoneTypeAndBranchOfMembersItKnowsAfterAPreviewAndNamesThemByCodeAndName() {
    TestTownship t = freshTownship();
    List<String> tree = t.standardTree();
    String east = t.tenant().value() + "-Z1-01";
    String west = t.tenant().value() + "-Z1-02";
    var first = t.admin().document(IMPORT).variable("input", Map.of("format", "CSV", "content", String.join("\n", ROSTER,
        "A001,赵一,男,农村,无职," + east + ",2001-07-01,13800000001",
        "A002,钱二,女,社区,有职," + east + ",2003-07-01,13800000002"))).execute();
    first.path("importRoster.imported").entity(Integer.class).isEqualTo(2).path("importRoster.updated").entity(Integer.class).isEqualTo(0);

    // the year's roster again: A001 has a new phone, now holds a post and moved west; A002 unchanged; A003 is new
    String again = String.join("\n", ROSTER,
        "A001,赵一,男,农村,有职," + west + ",2001-07-01,13900000009",
        "A002,钱二,女,社区,有职," + east + ",,",
        "A003,孙三,男,农村,流动," + west + ",2010-07-01,");
    var preview = t.admin().document(IMPORT).variable("input", Map.of("format", "CSV", "content", again, "preview", true)).execute();
    preview.path("importRoster.preview").entity(Boolean.class).isEqualTo(true)
        .path("importRoster.imported").entity(Integer.class).isEqualTo(1)
        .path("importRoster.updated").entity(Integer.class).isEqualTo(1)
        .path("importRoster.errors").entityList(Object.class).hasSize(0);
    assertThat(preview.path("importRoster.changes").entityList(Map.class).get()).extracting(Object::toString).containsExactly(
        "{row=2, code=A001, name=赵一, column=联系电话, before=13800000001, after=13900000009}",
        "{row=2, code=A001, name=赵一, column=类型, before=无职, after=有职}",
        "{row=2, code=A001, name=赵一, column=所在支部, before=东村党支部, after=西村党支部}");
    // a preview stores nothing
    assertThat(rosterMember(t, "A001")).contains("phone=13800000001", "villageType=WITHOUT_POST", "code=" + east);
    t.admin().document("query($s: String) { members(first: 5, filter: {search: $s}) { edges { node { code } } } }").variable("s", "A003").execute()
        .path("members.edges").entityList(Object.class).hasSize(0);

    var applied = t.admin().document(IMPORT).variable("input", Map.of("format", "CSV", "content", again)).execute();
    applied.path("importRoster.preview").entity(Boolean.class).isEqualTo(false)
        .path("importRoster.imported").entity(Integer.class).isEqualTo(1)
        .path("importRoster.updated").entity(Integer.class).isEqualTo(1)
        .path("importRoster.changes").entityList(Object.class).hasSize(3);
    assertThat(rosterMember(t, "A001")).contains("phone=13900000009", "villageType=WITH_POST", "code=" + west);
    assertThat(rosterMember(t, "A002")).contains("phone=13800000002");
    assertThat(rosterMember(t, "A003")).contains("villageType=MOBILE");

    // a row that is not the member on the roster, a change the import does not make, a village member without type:
    // each refused by row and column, naming the member by code and name; nothing stored
    var refused = t.admin().document(IMPORT).variable("input", Map.of("format", "CSV", "content", String.join("\n", ROSTER,
        "A001,赵壹,男,农村,有职," + west + ",2001-07-01,13700000001",
        "A002,钱二,女,机关,," + east + ",,13700000002",
        "A004,李四,男,农村,," + east + ",2012-07-01,"))).execute();
    refused.path("importRoster.imported").entity(Integer.class).isEqualTo(0).path("importRoster.updated").entity(Integer.class).isEqualTo(0);
    var errors = refused.path("importRoster.errors").entityList(Map.class).get();
    assertThat(errors).extracting(e -> e.get("row") + ":" + e.get("column") + ":" + e.get("code"))
        .containsExactly("2:姓名:NAME_MISMATCH", "3:党员类别:NOT_UPDATABLE", "4:类型:TYPE_REQUIRED");
    assertThat(errors.get(0).get("message").toString()).contains("A001").contains("赵一").contains("赵壹");
    assertThat(errors.get(1).get("message").toString()).contains("A002 钱二").contains("社区").contains("机关");
    assertThat(errors).allSatisfy(e -> assertThat(e.get("message").toString()).doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-"));
    assertThat(rosterMember(t, "A002")).contains("phone=13800000002");

    // the same rule on the member form: a village member needs a type
    t.admin().documentName("createMember").variable("input", Map.of("code", "A005", "name", "周五", "gender", "MALE",
        "category", "VILLAGE", "branchId", tree.get(2))).execute().errors().satisfy(e -> assertThat(e).singleElement().satisfies(x -> {
          assertThat(code(x)).isEqualTo("TYPE_REQUIRED");
          assertThat(classification(x)).isEqualTo("BAD_REQUEST");
          assertThat(x.getMessage()).contains("有职、无职或流动");
        }));
    com.jifen.testing.AuditTrail.assertAudited("importRoster", t.tenant(), t.adminUsername(), null);
  }

  @Test
  void aWhatIfRunsForTheWholeTownshipAndNamesEveryMemberByCodeAndName() {
    Branch east = organBranch(S1_NO_BALLOT);
    TestTownship t = east.town();
    String other = t.createOrganization(null, t.tenant().value() + "X", "另一党委", "COMMITTEE", null);
    Branch west = new Branch(t, t.createOrganization(other, t.tenant().value() + "X-01", "财政所党支部", "BRANCH", "ORGAN"));
    String a = member(east, "A", "2001-07-01");
    String b = member(east, "B", "2001-07-01");
    member(west, "C", "2001-07-01");
    confirmMonth(east, 7, Map.of(a, "10", b, "10"));
    // below 60 a star per 5 points instead of 10: A and B (100 ÷ 12 = 8.33) gain a star, C (no scores) does not
    String draft = S1_NO_BALLOT.replace("{to: 60, perPoints: 10}", "{to: 60, perPoints: 5}");
    assertThat(draft).isNotEqualTo(S1_NO_BALLOT);
    var result = t.admin().document("""
        query($input: WhatIfYearInput!) { whatIfYear(input: $input) { changedCount notAnalysed
          changes { memberCode memberName branchName currentTotal currentStars draftStars changed } } }""")
        .variable("input", Map.of("year", YEAR, "draftYaml", draft)).execute();
    result.path("whatIfYear.changes[*].memberCode").entityList(String.class).contains("A", "B", "C").hasSize(3)
        .path("whatIfYear.changedCount").entity(Integer.class).isEqualTo(2)
        .path("whatIfYear.notAnalysed").entityList(String.class).hasSize(0)
        .path("whatIfYear.changes[?(@.memberCode == 'A')].memberName").entityList(String.class).containsExactly("党员A")
        .path("whatIfYear.changes[?(@.memberCode == 'A')].draftStars").entityList(Integer.class).containsExactly(1)
        .path("whatIfYear.changes[?(@.memberCode == 'C')].branchName").entityList(String.class).containsExactly("财政所党支部")
        .path("whatIfYear.changes[?(@.memberCode == 'C')].changed").entityList(Boolean.class).containsExactly(false);
  }

  // ---------------------------------------------------------------- item 10: organizational life and dues in bulk

  @Test
  void organizationalLifeIsRecordedOncePerMonthForTheWholeBranchTickingTheAbsentAndOnlyRecordedAbsencesPutAMemberOnTheAttentionList() {
    Branch b = organBranch(S1_NO_BALLOT);
    TestTownship t = b.town();
    member(b, "A", "2001-07-01");
    String often = member(b, "B", "2001-07-01");
    String away = member(b, "C", "2001-07-01");
    String joiner = member(b, "D", YEAR + "-05-01");
    String record = """
        mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { attendance { branchId month item revision
          present { code } absent { code } recordedBy } } }""";
    java.util.function.BiFunction<Integer, List<String>, Map<String, Object>> orgLife = (month, absent) -> Map.of(
        "branchId", b.id(), "year", YEAR, "month", month, "item", "ORG_LIFE", "absentMemberIds", absent,
        "heldOn", "%d-%02d-15".formatted(YEAR, month), "note", "主题党日");
    // January to June: C never came, B missed March, D joined in May and came from then on
    for (int month = 1; month <= 6; month++) {
      List<String> absent = month == 3 ? List.of(away, often) : List.of(away);
      var recorded = t.admin().document(record).variable("input", orgLife.apply(month, absent)).execute();
      recorded.path("recordAttendance.attendance.absent[*].code").entityList(String.class)
          .containsExactly(month == 3 ? new String[] {"B", "C"} : new String[] {"C"});
      recorded.path("recordAttendance.attendance.present[*].code").entityList(String.class)
          .containsExactly(month == 3 ? new String[] {"A"} : month >= 5 ? new String[] {"A", "B", "D"} : new String[] {"A", "B"});
      // the typed BranchId travels as the UUID text it was sent as
      recorded.path("recordAttendance.attendance.branchId").entity(String.class).isEqualTo(b.id());
      if (month == 1) {
        assertAudited("recordAttendance", t, b.id(), ("admin." + t.tenant().value()).toLowerCase());
      }
    }

    String attention = "query($b: ID!, $y: Int!, $m: Int!) { attentionList(branchId: $b, year: $y, month: $m) { member { code } monthsWithout } }";
    var june = t.admin().document(attention).variable("b", b.id()).variable("y", YEAR).variable("m", 6).execute();
    june.path("attentionList[*].member.code").entityList(String.class).containsExactly("C");
    june.path("attentionList[0].monthsWithout").entity(Integer.class).isEqualTo(6);
    // in May only five months are recorded: nothing before January was, so that is no absence
    t.admin().document(attention).variable("b", b.id()).variable("y", YEAR).variable("m", 5).execute()
        .path("attentionList").entityList(Object.class).hasSize(0);

    // a correction is a new revision: C did come in June after all
    t.admin().document(record).variable("input", orgLife.apply(6, List.of())).execute()
        .path("recordAttendance.attendance.revision").entity(Integer.class).isEqualTo(2);
    t.admin().document(attention).variable("b", b.id()).variable("y", YEAR).variable("m", 6).execute()
        .path("attentionList").entityList(Object.class).hasSize(0);

    // bad input, each refused with its class and code, nothing stored
    t.admin().document(record).variable("input", orgLife.apply(1, List.of(joiner))).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(code(e)).isEqualTo("NOT_IN_BRANCH");
          assertThat(classification(e)).isEqualTo("BAD_REQUEST");
          assertThat(e.getMessage()).contains("D 党员D");
        }));
    var study = new java.util.HashMap<>(orgLife.apply(7, List.of()));
    study.put("item", "STUDY");
    t.admin().document(record).variable("input", study).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(code(e)).isEqualTo("UNKNOWN_ITEM");
          assertThat(classification(e)).isEqualTo("BAD_REQUEST");
        }));
    var future = new java.util.HashMap<>(orgLife.apply(1, List.of()));
    future.put("year", LocalDate.now(clock).getYear() + 1);
    t.admin().document(record).variable("input", future).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(code(e)).isEqualTo("FUTURE_MONTH");
          assertThat(classification(e)).isEqualTo("BAD_REQUEST");
        }));
  }

  // ---------------------------------------------------------------- item 4: S3's responsibility and target cards

  @Test
  void s3RunsTheResponsibilityAndTargetCardsWithYearlyTargetsFulfilmentThroughTheYearAndOneEvaluation() {
    TestTownship t = freshTownship();
    List<String> tree = t.standardTree();
    String code = t.tenant().value();
    String admin = ("admin." + code).toLowerCase();
    String open = "mutation($input: OpenDutyCardInput!) { openDutyCard(input: $input) { card { id kind holder targets { no area target } } } }";
    List<Map<String, String>> committeeTargets = List.of(Map.of("area", "党员教育管理责任", "target", "全年组织党员集中培训 2 次"),
        Map.of("area", "党建活动开展", "target", "每季度督查一次各支部“三卡”落实"));
    // the responsibility card is the party committee secretary's: not a branch's
    t.admin().document(open).variable("input", Map.of("kind", "RESPONSIBILITY", "year", YEAR, "organizationId", tree.get(2),
        "holder", "王书记", "targets", committeeTargets)).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(code(e)).isEqualTo("WRONG_ORGANIZATION");
          assertThat(classification(e)).isEqualTo("BAD_REQUEST");
        }));
    t.admin().document(open).variable("input", Map.of("kind", "TARGET", "year", YEAR, "organizationId", tree.get(2),
        "holder", "李支书", "targets", List.of())).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(code(e)).isEqualTo("TARGETS_REQUIRED");
          assertThat(classification(e)).isEqualTo("BAD_REQUEST");
        }));
    String responsibility = t.admin().document(open).variable("input", Map.of("kind", "RESPONSIBILITY", "year", YEAR,
        "organizationId", tree.get(0), "holder", "王书记", "targets", committeeTargets)).execute()
        .path("openDutyCard.card.id").entity(String.class).get();
    assertAudited("openDutyCard", t, responsibility, admin);
    Map<String, Object> targetCard = Map.of("kind", "TARGET", "year", YEAR, "organizationId", tree.get(2), "holder", "李支书",
        "targets", List.of(Map.of("area", "村级党组织建设", "target", "完成支部标准化建设"),
            Map.of("area", "党员发展与教育管理", "target", "发展党员 1 名，培训党员 4 次")));
    var opened = t.admin().document(open).variable("input", targetCard).execute();
    String target = opened.path("openDutyCard.card.id").entity(String.class).get();
    opened.path("openDutyCard.card.targets[*].no").entityList(Integer.class).containsExactly(1, 2);
    t.admin().document(open).variable("input", targetCard).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(code(e)).isEqualTo("CARD_EXISTS");
          assertThat(classification(e)).isEqualTo("CONFLICT");
        }));

    // fulfilment through the year: the township, and the branch's own secretary on its target card
    String record = "mutation($input: RecordCardFulfilmentInput!) { recordCardFulfilment(input: $input) { card { targets { no fulfilment { doneOn quarter note recordedBy } } } } }";
    t.admin().document(record).variable("input", Map.of("cardId", target, "targetNo", 1, "doneOn", YEAR + "-03-20", "note", "支部活动室挂牌")).execute()
        .path("recordCardFulfilment.card.targets[0].fulfilment[0].quarter").entity(Integer.class).isEqualTo(1);
    assertAudited("recordCardFulfilment", t, target, admin);
    t.createMember(tree.get(2), "S1", "李支书");
    String secretary = com.jifen.testing.Keycloak.createUser(("cs." + code).toLowerCase(), code, List.of("branch-secretary", "member"),
        code + "-Z1-01", "S1");
    var secretaryRecorded = as(secretary).document(record).variable("input", Map.of("cardId", target, "targetNo", 2,
        "doneOn", YEAR + "-08-02", "note", "发展预备党员 1 名")).execute();
    secretaryRecorded.path("recordCardFulfilment.card.targets[1].fulfilment[0].quarter").entity(Integer.class).isEqualTo(3);
    secretaryRecorded.path("recordCardFulfilment.card.targets[1].fulfilment[0].recordedBy").entity(String.class).isEqualTo(("cs." + code).toLowerCase());
    as(secretary).document(record).variable("input", Map.of("cardId", responsibility, "targetNo", 1, "doneOn", YEAR + "-04-01", "note", "培训"))
        .execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("FORBIDDEN")));
    t.admin().document(record).variable("input", Map.of("cardId", target, "targetNo", 3, "doneOn", YEAR + "-04-01", "note", "无此目标")).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(code(e)).isEqualTo("UNKNOWN_TARGET");
          assertThat(classification(e)).isEqualTo("BAD_REQUEST");
        }));
    t.admin().document(record).variable("input", Map.of("cardId", target, "targetNo", 1, "doneOn", (YEAR + 1) + "-01-05", "note", "跨年")).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(code(e)).isEqualTo("INVALID_DATE");
          assertThat(classification(e)).isEqualTo("BAD_REQUEST");
        }));

    // one evaluation at year end, by the township
    String evaluate = "mutation($input: EvaluateDutyCardInput!) { evaluateDutyCard(input: $input) { card { evaluation { score comment evaluatedBy } } } }";
    t.admin().document(evaluate).variable("input", Map.of("cardId", target, "score", "101", "comment", "好")).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(code(e)).isEqualTo("OUT_OF_RANGE");
          assertThat(classification(e)).isEqualTo("BAD_REQUEST");
        }));
    as(secretary).document(evaluate).variable("input", Map.of("cardId", target, "score", "95", "comment", "自评")).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("FORBIDDEN")));
    t.admin().document(evaluate).variable("input", Map.of("cardId", target, "score", "92.5", "comment", "目标全部完成")).execute()
        .path("evaluateDutyCard.card.evaluation.score").entity(java.math.BigDecimal.class)
        .satisfies(v -> assertThat(v).isEqualByComparingTo("92.5"))
        .path("evaluateDutyCard.card.evaluation.evaluatedBy").entity(String.class).isEqualTo(admin);
    assertAudited("evaluateDutyCard", t, target, admin);
    t.admin().document(evaluate).variable("input", Map.of("cardId", target, "score", "80", "comment", "再评")).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(code(e)).isEqualTo("ALREADY_EVALUATED");
          assertThat(classification(e)).isEqualTo("CONFLICT");
        }));

    String cards = "query($y: Int!) { dutyCards(year: $y) { kind holder organization { code } targets { fulfilment { note } } evaluation { score } } }";
    t.admin().document(cards).variable("y", YEAR).execute().path("dutyCards[*].kind").entityList(String.class)
        .containsExactly("RESPONSIBILITY", "TARGET");
    as(secretary).document(cards).variable("y", YEAR).execute()
        .path("dutyCards[*].kind").entityList(String.class).containsExactly("TARGET")
        .path("dutyCards[0].targets[*].fulfilment[*].note").entityList(String.class).containsExactly("支部活动室挂牌", "发展预备党员 1 名");
  }
}
