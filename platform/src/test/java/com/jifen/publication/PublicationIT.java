package com.jifen.publication;

import static com.jifen.testing.AuditTrail.assertAudited;
import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.scheme.engine.SeedSchemes;
import com.jifen.testing.IntegrationTest;
import com.jifen.testing.Keycloak;
import com.jifen.testing.TestClock;
import com.jifen.testing.TestTownship;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * From settlement to final results and follow-up: publication for 7 working days, objections and answers,
 * finality, exempt grading, veto, warning and rectification notices (PDF), overdue list, removal procedure.
 */
class PublicationIT extends IntegrationTest {
  static final int YEAR = LocalDate.now().getYear() - 1;

  @AfterEach
  void resetClock() {
    TestClock.reset();
  }

  private String post(TestTownship t, String member, String kind, String points, int month) {
    return t.admin().document("mutation($input: PostEntryInput!) { postEntry(input: $input) { entry { id } } }")
        .variable("input", Map.of("memberId", member, "kind", kind, "points", points, "occurredOn", "%d-%02d-10".formatted(YEAR, month),
            "reason", "测试", "idempotencyKey", UUID.randomUUID().toString()))
        .execute().path("postEntry.entry.id").entity(String.class).get();
  }

  @Test
  void fromSettlementToFinalResultsAndFollowUp() {
    TestTownship t = freshTownship();
    String code = t.tenant().value();
    String committee = t.createOrganization(null, code, "测试镇党委", "COMMITTEE", null);
    String branch = t.createOrganization(committee, code + "-01", "东村党支部", "BRANCH", "VILLAGE");
    Map<String, String> m = new LinkedHashMap<>();
    for (String c : List.of("A", "B", "C", "D", "E")) {
      m.put(c, t.createMember(branch, c, "党员" + c, "VILLAGE"));
    }
    t.publishAndPin(SeedSchemes.text(SeedSchemes.S2), YEAR, "VILLAGE");
    t.admin().document("mutation { setMemberExempt(input: {id: \"%s\", version: 0, exempt: true, reason: \"长期患病\"}) { member { exempt } } }"
        .formatted(m.get("E"))).executeAndVerify();
    post(t, m.get("A"), "ACHIEVEMENT", "5", 3);
    String bDeduction = post(t, m.get("B"), "VIOLATION", "10", 3);
    post(t, m.get("D"), "VIOLATION", "10", 4);
    post(t, m.get("D"), "VIOLATION", "10", 5);
    t.admin().document("mutation($input: RecordVetoInput!) { recordVeto(input: $input) { id } }")
        .variable("input", Map.of("memberId", m.get("C"), "year", YEAR, "reason", "EMBEZZLEMENT", "note", "经查实侵占集体资产")).executeAndVerify();
    t.admin().document("mutation($input: RecordVetoInput!) { recordVeto(input: $input) { id } }")
        .variable("input", Map.of("memberId", m.get("C"), "year", YEAR, "reason", "NOT_A_REASON", "note", "x")).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("UNKNOWN_VETO_REASON")));

    // settlement needs a closed ballot with quorum
    String settle = "mutation($input: SettleBranchInput!) { settleBranch(input: $input) { settlement { run members { member { code } annualTotal grade vetoed } exempt { member { code } grade } } } }";
    t.admin().document(settle).variable("input", Map.of("branchId", branch, "year", YEAR)).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("BALLOT_REQUIRED")));
    var opened = t.admin().document("mutation($input: OpenBallotInput!) { openBallot(input: $input) { ballot { id } codes { code } } }")
        .variable("input", Map.of("branchId", branch, "year", YEAR, "massRepresentatives", 10)).execute();
    String ballotId = opened.path("openBallot.ballot.id").entity(String.class).get();
    Map<String, String> option = Map.of("A", "GOOD", "B", "MEDIUM", "C", "GOOD", "D", "BAD");
    for (String c : opened.path("openBallot.codes[*].code").entityList(String.class).get()) {
      List<Map<String, Object>> ratings = new ArrayList<>();
      option.forEach((k, v) -> ratings.add(Map.of("subjectId", m.get(k), "option", v)));
      anonymous().document("mutation($input: CastVoteInput!) { castVote(input: $input) { accepted } }")
          .variable("input", Map.of("code", c, "ratings", ratings)).executeAndVerify();
    }
    t.admin().document(settle).variable("input", Map.of("branchId", branch, "year", YEAR)).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("BALLOT_OPEN")));
    t.admin().document("mutation($id: ID!) { closeBallot(input: {ballotId: $id}) { ballot { state } } }").variable("id", ballotId).executeAndVerify();
    t.admin().document("mutation($input: GradeExemptInput!) { gradeExempt(input: $input) { memberId grade } }")
        .variable("input", Map.of("memberId", m.get("E"), "year", YEAR, "grade", "QUALIFIED", "reason", "长期患病，支部直接评定")).execute()
        .path("gradeExempt.memberId").entity(String.class).isEqualTo(m.get("E"));
    var settled = t.admin().document(settle).variable("input", Map.of("branchId", branch, "year", YEAR)).execute();
    settled.path("settleBranch.settlement.members[*].member.code").entityList(String.class).containsExactly("A", "C", "B", "D");
    settled.path("settleBranch.settlement.members[*].annualTotal").entityList(String.class).containsExactly("85.00", "80.00", "60.00", "40.00");
    settled.path("settleBranch.settlement.members[*].grade").entityList(String.class).containsExactly("QUALIFIED", "UNQUALIFIED", "BASIC", "UNQUALIFIED");
    settled.path("settleBranch.settlement.members[1].vetoed").entity(Boolean.class).isEqualTo(true);
    settled.path("settleBranch.settlement.exempt[0].member.code").entity(String.class).isEqualTo("E");
    // the whole township at once: this branch settles, a branch without a ballot is listed with the reason
    String other = t.createOrganization(committee, code + "-02", "西村党支部", "BRANCH", "VILLAGE");
    t.createMember(other, "F", "党员F", "VILLAGE");
    var township = t.admin().document("mutation($y: Int!) { settleTownship(input: {year: $y}) { settled { run } notSettled { branch { code } code } } }")
        .variable("y", YEAR).execute();
    township.path("settleTownship.settled[*].run").entityList(Integer.class).containsExactly(2);
    township.path("settleTownship.notSettled[0].branch.code").entity(String.class).isEqualTo(code + "-02");
    township.path("settleTownship.notSettled[0].code").entity(String.class).isEqualTo("BALLOT_REQUIRED");

    // publication from today for 7 working days
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    String publication = "query($b: ID!, $y: Int!) { publication(branchId: $b, year: $y) { startsOn endsOn state settlementRun objections { id member { code } text upheld answer } } }";
    var published = t.admin().document("mutation($input: PublishSettlementInput!) { publishSettlement(input: $input) { publication { startsOn endsOn state } } }")
        .variable("input", Map.of("branchId", branch, "year", YEAR, "startsOn", today.toString())).execute();
    published.path("publishSettlement.publication.state").entity(String.class).isEqualTo("OPEN");
    LocalDate endsOn = LocalDate.parse(published.path("publishSettlement.publication.endsOn").entity(String.class).get());
    assertThat(endsOn).isAfterOrEqualTo(today.plusDays(8)); // seven working days span at least one weekend

    String memberB = Keycloak.createUser(("b." + code).toLowerCase(), code, List.of("member"), null, "B");
    String objection = "mutation($input: FileObjectionInput!) { fileObjection(input: $input) { objection { id kind } } }";
    String objectionId = as(memberB).document(objection).variable("input", Map.of("branchId", branch, "year", YEAR,
        "text", "3 月扣 10 分过重，当时已及时改正")).execute().path("fileObjection.objection.id").entity(String.class).get();
    String finalize = "mutation($input: FinalizeSettlementInput!) { finalizeSettlement(input: $input) { publication { state settlementRun } } }";
    t.admin().document(finalize).variable("input", Map.of("branchId", branch, "year", YEAR)).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("WINDOW_OPEN")));

    // the window closes
    TestClock.advance(Duration.ofDays(endsOn.toEpochDay() - today.toEpochDay() + 1));
    as(memberB).document(objection).variable("input", Map.of("branchId", branch, "year", YEAR, "text", "再提一次")).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("WINDOW_CLOSED")));
    t.admin().document(finalize).variable("input", Map.of("branchId", branch, "year", YEAR)).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("OBJECTIONS_PENDING")));
    // upheld: corrected in the ledger and re-settled
    t.admin().document("mutation($input: CorrectEntryInput!) { correctEntry(input: $input) { replacement { points } } }")
        .variable("input", Map.of("entryId", bDeduction, "points", "5", "reason", "异议成立，改为扣 5 分", "idempotencyKey", UUID.randomUUID().toString()))
        .executeAndVerify();
    t.admin().document(settle).variable("input", Map.of("branchId", branch, "year", YEAR)).execute()
        .path("settleBranch.settlement.run").entity(Integer.class).isEqualTo(3);
    t.admin().document("mutation($input: AnswerObjectionInput!) { answerObjection(input: $input) { objection { upheld answer } } }")
        .variable("input", Map.of("objectionId", objectionId, "upheld", true, "answer", "经支委会复核，异议成立，已更正并重新结算")).executeAndVerify();
    as(memberB).document(publication).variable("b", branch).variable("y", YEAR).execute()
        .path("publication.objections[0].answer").entity(String.class).isEqualTo("经支委会复核，异议成立，已更正并重新结算");
    var finalized = t.admin().document(finalize).variable("input", Map.of("branchId", branch, "year", YEAR)).execute();
    finalized.path("finalizeSettlement.publication.state").entity(String.class).isEqualTo("FINAL");

    // follow-up notices
    var notices = t.admin().document("mutation($input: IssueNoticesInput!) { issueNotices(input: $input) { notices { id kind member { code } deadline overdue } } }")
        .variable("input", Map.of("branchId", branch, "year", YEAR)).execute();
    notices.path("issueNotices.notices[*].member.code").entityList(String.class).contains("B", "C", "D").hasSize(3);
    String warningId = notices.path("issueNotices.notices[?(@.kind == 'WARNING')].id").entityList(String.class).get().getFirst();
    var pdf = as(memberB).document("query($id: ID!) { noticePdf(noticeId: $id) { mediaType contentBase64 } }").variable("id", warningId).execute();
    byte[] bytes = Base64.getDecoder().decode(pdf.path("noticePdf.contentBase64").entity(String.class).get());
    assertThat(new String(bytes, 0, 5)).isEqualTo("%PDF-");
    assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("WenQuanYi");
    TestClock.advance(Duration.ofDays(200));
    String overdue = "query($y: Int!) { notices(year: $y, overdueOnly: true) { kind member { code } } }";
    t.admin().document(overdue).variable("y", YEAR).execute()
        .path("notices[*].member.code").entityList(String.class).containsExactly("B");
    t.admin().document("mutation($input: RecordNoticeOutcomeInput!) { recordNoticeOutcome(input: $input) { notice { improved overdue } } }")
        .variable("input", Map.of("noticeId", warningId, "improved", true, "note", "整改到位")).execute()
        .path("recordNoticeOutcome.notice.overdue").entity(Boolean.class).isEqualTo(false);
    t.admin().document(overdue).variable("y", YEAR).execute().path("notices").entityList(Object.class).hasSize(0);

    // removal: seven steps in order, the sixth with the superior's approval
    String caseId = t.admin().document("mutation($input: OpenRemovalCaseInput!) { openRemovalCase(input: $input) { removalCase { id nextStep } } }")
        .variable("input", Map.of("memberId", m.get("D"), "ground", "UNQUALIFIED_UNREPENTANT")).execute()
        .path("openRemovalCase.removalCase.id").entity(String.class).get();
    String step = "mutation($input: RecordRemovalStepInput!) { recordRemovalStep(input: $input) { removalCase { complete nextStep steps { step name } } } }";
    t.admin().document(step).variable("input", Map.of("caseId", caseId, "step", 2, "note", "x")).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("STEP_OUT_OF_ORDER")));
    for (int s = 1; s <= 5; s++) {
      t.admin().document(step).variable("input", Map.of("caseId", caseId, "step", s, "note", "第 " + s + " 步记录")).executeAndVerify();
    }
    // step 6 is the superior's: the township cannot type it, a reviewer of the township's county records it
    t.admin().document(step).variable("input", Map.of("caseId", caseId, "step", 6, "note", "报镇党委", "approvedBySuperior", "镇党委 组字〔2026〕3 号")).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("SUPERIOR_APPROVAL_BY_COUNTY")));
    String reviewer = Keycloak.createUser(("cr." + code).toLowerCase(), null, List.of("county-reviewer"), null, null);
    String approveRemoval = "mutation($input: ApproveRemovalInput!) { approveRemoval(input: $input) { removalCase { nextStep steps { step approvedBySuperior actor } } } }";
    as(reviewer).document(approveRemoval).variable("input", Map.of("township", code, "caseId", caseId, "note", "同意 组字〔2026〕3 号")).execute()
        .path("approveRemoval.removalCase.steps[5].approvedBySuperior").entity(String.class).isEqualTo("TEST 县委组织部 " + ("cr." + code).toLowerCase());
    t.admin().document(step).variable("input", Map.of("caseId", caseId, "step", 7, "note", "宣布并办理")).execute()
        .path("recordRemovalStep.removalCase.complete").entity(Boolean.class).isEqualTo(true);
    // the member has left the active set, the case named
    t.admin().document("query($id: ID!) { member(id: $id) { status leftReason } }").variable("id", m.get("D")).execute()
        .path("member.status").entity(String.class).isEqualTo("LEFT")
        .path("member.leftReason").entity(String.class).satisfies(r -> assertThat(r).contains(caseId));
    // the administrator's list: an open case first, then the complete one with its seven steps; members get none
    String second = t.admin().document("mutation($input: OpenRemovalCaseInput!) { openRemovalCase(input: $input) { removalCase { id } } }")
        .variable("input", Map.of("memberId", m.get("C"), "ground", "PERSUADED_TO_LEAVE")).execute()
        .path("openRemovalCase.removalCase.id").entity(String.class).get();
    t.admin().document("{ removalCases { id complete ground member { code } steps { step } } }").execute()
        .path("removalCases[*].id").entityList(String.class).containsExactly(second, caseId)
        .path("removalCases[0].member.code").entity(String.class).isEqualTo("C")
        .path("removalCases[0].steps").entityList(Object.class).hasSize(0)
        .path("removalCases[1].complete").entity(Boolean.class).isEqualTo(true)
        .path("removalCases[1].steps[*].step").entityList(Integer.class).containsExactly(1, 2, 3, 4, 5, 6, 7);
    as(memberB).document("{ removalCases { id } }").execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("FORBIDDEN")));
    // every step above is on the township's audit trail
    String admin = t.adminUsername();
    assertAudited("recordVeto", t.tenant(), admin, m.get("C"));
    assertAudited("gradeExempt", t.tenant(), admin, m.get("E"));
    assertAudited("settleBranch", t.tenant(), admin, branch);
    assertAudited("settleTownship", t.tenant(), admin, null);
    assertAudited("publishSettlement", t.tenant(), admin, branch);
    assertAudited("fileObjection", t.tenant(), ("b." + code).toLowerCase(), branch);
    assertAudited("answerObjection", t.tenant(), admin, objectionId);
    assertAudited("finalizeSettlement", t.tenant(), admin, branch);
    assertAudited("issueNotices", t.tenant(), admin, branch);
    assertAudited("recordNoticeOutcome", t.tenant(), admin, warningId);
    assertAudited("recordRemovalStep", t.tenant(), admin, caseId);
    assertThat(assertAudited("approveRemoval", t.tenant(), ("cr." + code).toLowerCase(), caseId).detail())
        .as("the approving county, on the mutation's one row").contains("\"county\"");
    assertThat(com.jifen.testing.AuditTrail.events(t.tenant(), "approveRemoval")).as("one row for the approval").hasSize(1);

    // the year-end summary sheet and the publication board
    t.admin().document("query($b: ID!, $y: Int!) { yearSummaryXlsx(branchId: $b, year: $y) { fileName contentBase64 } publicationBoardXlsx(branchId: $b, year: $y) { fileName } }")
        .variable("b", branch).variable("y", YEAR).execute()
        .path("publicationBoardXlsx.fileName").entity(String.class).satisfies(n -> assertThat(n).endsWith(".xlsx"));
  }

  @Test
  void halfYearReviewAMemberObjectsToAMonthAndSeesTheAnswer() {
    TestTownship t = freshTownship();
    String code = t.tenant().value();
    String committee = t.createOrganization(null, code, "测试镇党委", "COMMITTEE", null);
    String branch = t.createOrganization(committee, code + "-01", "党政办党支部", "BRANCH", "ORGAN");
    String member = t.createMember(branch, "P1", "党员一", "ORGAN");
    t.publishAndPin(SeedSchemes.text(SeedSchemes.S1), YEAR, "ORGAN");
    List<Map<String, Object>> cells = new ArrayList<>();
    for (String item : new String[] {"STUDY", "ORG_LIFE", "DUES", "DISCIPLINE", "DUTY", "PLEDGE", "MASSES", "VANGUARD", "INTEGRITY", "MORALITY"}) {
      cells.add(Map.of("memberId", member, "item", item, "points", "6", "version", 0));
    }
    String token = Keycloak.createUser(("p1." + code).toLowerCase(), code, List.of("member"), null, "P1");
    String objection = "mutation($input: FileObjectionInput!) { fileObjection(input: $input) { objection { id kind month } } }";
    as(token).document(objection).variable("input", Map.of("branchId", branch, "year", YEAR, "month", 2, "text", "二月学习记分偏低")).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("MONTH_NOT_CONFIRMED")));
    t.admin().document("mutation($input: SaveMonthDraftInput!) { saveMonthDraft(input: $input) { saved } }")
        .variable("input", Map.of("branchId", branch, "year", YEAR, "month", 2, "cells", cells)).executeAndVerify();
    t.admin().document("mutation($input: ConfirmMonthInput!) { confirmMonth(input: $input) { posted } }")
        .variable("input", Map.of("branchId", branch, "year", YEAR, "month", 2, "idempotencyKey", "half-" + code)).executeAndVerify();
    String id = as(token).document(objection).variable("input", Map.of("branchId", branch, "year", YEAR, "month", 2, "text", "二月学习记分偏低"))
        .execute().path("fileObjection.objection.id").entity(String.class).get();
    t.admin().document("mutation($input: AnswerObjectionInput!) { answerObjection(input: $input) { objection { upheld } } }")
        .variable("input", Map.of("objectionId", id, "upheld", false, "answer", "经支委会重新讨论，维持原评分：当月缺学习笔记")).executeAndVerify();
    t.admin().document("mutation($input: AnswerObjectionInput!) { answerObjection(input: $input) { objection { upheld } } }")
        .variable("input", Map.of("objectionId", id, "upheld", true, "answer", "改口")).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("ALREADY_ANSWERED")));
    as(token).document("query($b: ID!, $y: Int!) { monthObjections(branchId: $b, year: $y) { month upheld answer answeredBy } }")
        .variable("b", branch).variable("y", YEAR).execute()
        .path("monthObjections[0].answer").entity(String.class).isEqualTo("经支委会重新讨论，维持原评分：当月缺学习笔记");
  }
}
