package com.jifen.ledger;

import static com.jifen.testing.AuditTrail.assertAudited;
import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.scheme.engine.SeedSchemes;
import com.jifen.testing.IntegrationTest;
import com.jifen.testing.Keycloak;
import com.jifen.testing.TestTownship;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** The ledger through GraphQL: grid, confirmation, self-assessment, entries, corrections, publication, card. */
class LedgerIT extends IntegrationTest {
  /** Last year: every month of it is in the past, whenever the suite runs. */
  static final int YEAR = LocalDate.now().getYear() - 1;
  static final String[] ITEMS = {"STUDY", "ORG_LIFE", "DUES", "DISCIPLINE", "DUTY", "PLEDGE", "MASSES", "VANGUARD", "INTEGRITY", "MORALITY"};

  TestTownship t;
  String branch;
  String otherBranch;
  List<String> memberIds = new ArrayList<>();
  String secretary;
  String member;

  @BeforeEach
  void organOffice() {
    t = freshTownship();
    String code = t.tenant().value();
    String committee = t.createOrganization(null, code, "测试镇党委", "COMMITTEE", null);
    String general = t.createOrganization(committee, code + "-Z1", "机关党总支", "GENERAL_BRANCH", "ORGAN");
    branch = t.createOrganization(general, code + "-Z1-01", "党政办党支部", "BRANCH", "ORGAN");
    otherBranch = t.createOrganization(general, code + "-Z1-02", "财政所党支部", "BRANCH", "ORGAN");
    for (int i = 1; i <= 3; i++) {
      memberIds.add(t.createMember(branch, "P" + i, "党员" + i, "ORGAN"));
    }
    t.createMember(otherBranch, "Q1", "外支部党员", "ORGAN");
    t.publishAndPin(SeedSchemes.text(SeedSchemes.S1), YEAR, "ORGAN", "HOSPITAL");
    secretary = Keycloak.createUser(("sec." + code).toLowerCase(), code, List.of("branch-secretary", "member"), code + "-Z1-01", "P1");
    member = Keycloak.createUser(("mem." + code).toLowerCase(), code, List.of("member"), null, "P2");
  }

  private HttpGraphQlTester sec() {
    return as(secretary);
  }

  private List<Map<String, Object>> grid(int base) {
    List<Map<String, Object>> cells = new ArrayList<>();
    for (int m = 0; m < memberIds.size(); m++) {
      for (String item : ITEMS) {
        cells.add(Map.of("memberId", memberIds.get(m), "item", item, "points", String.valueOf(base - m), "version", 0));
      }
    }
    return cells;
  }

  private static final String SAVE = """
      mutation($input: SaveMonthDraftInput!) { saveMonthDraft(input: $input) { saved sheet { state rows { member { code } cells { item draft selfAssessed confirmed version } } } } }""";
  private static final String CONFIRM = """
      mutation($input: ConfirmMonthInput!) { confirmMonth(input: $input) { posted sheet { state rows { cells { item confirmed } } } } }""";
  private static final String POST = """
      mutation($input: PostEntryInput!) { postEntry(input: $input) { entry { id kind code points reason actor occurredOn correction schemeVersion evidence { id mediaType sizeBytes note } } } }""";
  private static final String CARD = """
      query($id: ID!, $year: Int!) { memberCard(memberId: $id, year: $year) { schemeCode yearTotal months { month total quarterToDate yearToDate additions items { item points selfPoints } entries { id kind code points selfPoints actor reason correction reverses } } } }""";

  private void fillAndConfirm(int month, int base) {
    sec().document(SAVE).variable("input", Map.of("branchId", branch, "year", YEAR, "month", month, "cells", grid(base))).executeAndVerify();
    sec().document(CONFIRM).variable("input", Map.of("branchId", branch, "year", YEAR, "month", month,
        "idempotencyKey", "confirm-" + month + "-" + UUID.randomUUID())).executeAndVerify();
  }

  @Test
  void gridIsSavedConfirmedPublishedAndReadOnTheCard() {
    var saved = sec().document(SAVE).variable("input", Map.of("branchId", branch, "year", YEAR, "month", 1, "cells", grid(9))).execute();
    saved.path("saveMonthDraft.saved").entity(Integer.class).isEqualTo(30);
    saved.path("saveMonthDraft.sheet.state").entity(String.class).isEqualTo("OPEN");
    saved.path("saveMonthDraft.sheet.rows[0].cells[0].draft").entity(String.class).isEqualTo("9.00");
    saved.path("saveMonthDraft.sheet.rows[0].cells[0].confirmed").valueIsNull();

    var confirmed = sec().document(CONFIRM).variable("input", Map.of("branchId", branch, "year", YEAR, "month", 1,
        "idempotencyKey", "confirm-jan-" + t.tenant().value())).execute();
    confirmed.path("confirmMonth.posted").entity(Integer.class).isEqualTo(30);
    confirmed.path("confirmMonth.sheet.state").entity(String.class).isEqualTo("CONFIRMED");
    confirmed.path("confirmMonth.sheet.rows[1].cells[3].confirmed").entity(String.class).isEqualTo("8.00");

    // confirmed months take no more drafts
    sec().document(SAVE).variable("input", Map.of("branchId", branch, "year", YEAR, "month", 1, "cells", grid(5))).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("MONTH_CONFIRMED")));

    var card = as(member).document(CARD).variable("id", memberIds.get(1)).variable("year", YEAR).execute();
    card.path("memberCard.schemeCode").entity(String.class).isEqualTo("S1-ten-item-star-rating");
    card.path("memberCard.months[0].total").entity(String.class).isEqualTo("80.00");
    card.path("memberCard.months[0].entries").entityList(Object.class).hasSize(10);
    card.path("memberCard.months[0].entries[0].actor").entity(String.class).isEqualTo(("sec." + t.tenant().value()).toLowerCase());

    // publication: the township admin publishes, anyone in the branch reads the snapshot
    t.admin().document("mutation($input: PublishMonthInput!) { publishMonth(input: $input) { sheet { publishedBy rows { memberCode total } } } }")
        .variable("input", Map.of("branchId", branch, "year", YEAR, "month", 1)).execute()
        .path("publishMonth.sheet.rows[*].total").entityList(String.class).containsExactly("90.00", "80.00", "70.00");
    String published = "query($b: ID!, $y: Int!) { publishedSheet(branchId: $b, year: $y, month: 1) { rows { memberCode total } corrections { code points reason } } }";
    as(member).document(published).variable("b", branch).variable("y", YEAR).execute()
        .path("publishedSheet.rows[1].total").entity(String.class).isEqualTo("80.00");

    // a later correction shows as a correction; the published snapshot stays as published
    String entryId = card.path("memberCard.months[0].entries[0].id").entity(String.class).get();
    var corrected = sec().document("mutation($input: CorrectEntryInput!) { correctEntry(input: $input) { reversal { points reverses correction } replacement { points correction } } }")
        .variable("input", Map.of("entryId", entryId, "points", "10", "reason", "半年评议后支委会重新评分", "idempotencyKey", "fix-" + entryId))
        .execute();
    corrected.path("correctEntry.reversal.points").entity(String.class).isEqualTo("-8.00");
    corrected.path("correctEntry.reversal.reverses").entity(String.class).isEqualTo(entryId);
    corrected.path("correctEntry.replacement.correction").entity(Boolean.class).isEqualTo(true);
    String sec = ("sec." + t.tenant().value()).toLowerCase();
    assertAudited("saveMonthDraft", t.tenant(), sec, branch);
    assertThat(assertAudited("confirmMonth", t.tenant(), sec, branch).idempotencyKey()).isEqualTo("confirm-jan-" + t.tenant().value());
    assertAudited("publishMonth", t.tenant(), t.adminUsername(), branch);
    assertAudited("correctEntry", t.tenant(), sec, entryId);
    as(member).document(published).variable("b", branch).variable("y", YEAR).execute()
        .path("publishedSheet.rows[1].total").entity(String.class).isEqualTo("80.00")
        .path("publishedSheet.corrections[*].reason").entityList(String.class).containsExactly("半年评议后支委会重新评分", "半年评议后支委会重新评分");
    as(member).document(CARD).variable("id", memberIds.get(1)).variable("year", YEAR).execute()
        .path("memberCard.months[0].total").entity(String.class).isEqualTo("82.00")
        .path("memberCard.months[0].entries").entityList(Object.class).hasSize(12);
    // a published month takes no new entries; outsiders cannot read its sheet
    as(Keycloak.createUser(("out." + t.tenant().value()).toLowerCase(), t.tenant().value(), List.of("member"), null, "Q1"))
        .document(published).variable("b", branch).variable("y", YEAR).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("FORBIDDEN")));
  }

  @Test
  void twoSecretariesEditingOneCellTheSecondGetsConflictWithTheCurrentValue() {
    var first = Map.<String, Object>of("memberId", memberIds.get(0), "item", "STUDY", "points", "7", "version", 0);
    sec().document(SAVE).variable("input", Map.of("branchId", branch, "year", YEAR, "month", 2, "cells", List.of(first))).executeAndVerify();
    var second = Map.<String, Object>of("memberId", memberIds.get(0), "item", "STUDY", "points", "9", "version", 0);
    t.admin().document(SAVE).variable("input", Map.of("branchId", branch, "year", YEAR, "month", 2, "cells", List.of(second))).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(classification(e)).isEqualTo("CONFLICT");
          @SuppressWarnings("unchecked")
          var cells = (List<Map<String, Object>>) e.getExtensions().get("cells");
          assertThat(cells).singleElement().satisfies(c -> {
            assertThat(c.get("currentPoints")).isEqualTo("7.00");
            assertThat(c.get("currentVersion")).isEqualTo(1);
          });
        }));
    var retry = Map.<String, Object>of("memberId", memberIds.get(0), "item", "STUDY", "points", "9", "version", 1);
    t.admin().document(SAVE).variable("input", Map.of("branchId", branch, "year", YEAR, "month", 2, "cells", List.of(retry))).execute()
        .path("saveMonthDraft.sheet.rows[0].cells[0].draft").entity(String.class).isEqualTo("9.00");
  }

  @Test
  void badCellsAreRefusedWholeAndAnIncompleteMonthCannotBeConfirmed() {
    List<Map<String, Object>> cells = new ArrayList<>(grid(8));
    cells.set(0, Map.of("memberId", memberIds.get(0), "item", "STUDY", "points", "11", "version", 0));
    cells.add(Map.of("memberId", memberIds.get(0), "item", "NO_SUCH_ITEM", "points", "1", "version", 0));
    sec().document(SAVE).variable("input", Map.of("branchId", branch, "year", YEAR, "month", 3, "cells", cells)).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(code(e)).isEqualTo("INVALID_CELLS");
          assertThat((List<?>) e.getExtensions().get("cells")).hasSize(2);
        }));
    String sheet = "query($b: ID!, $y: Int!) { monthSheet(branchId: $b, year: $y, month: 3) { rows { cells { draft } } } }";
    assertThat(sec().document(sheet).variable("b", branch).variable("y", YEAR).execute()
        .path("monthSheet.rows[*].cells[*].draft").entityList(Object.class).get()).allMatch(java.util.Objects::isNull);
    sec().document(SAVE).variable("input", Map.of("branchId", branch, "year", YEAR, "month", 3, "cells", grid(8).subList(0, 25))).executeAndVerify();
    sec().document(CONFIRM).variable("input", Map.of("branchId", branch, "year", YEAR, "month", 3, "idempotencyKey", "confirm-mar-incomplete"))
        .execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("INCOMPLETE_MONTH")));
    // a secretary cannot score another branch
    sec().document(SAVE).variable("input", Map.of("branchId", otherBranch, "year", YEAR, "month", 3, "cells", List.of(
            Map.of("memberId", memberIds.get(0), "item", "STUDY", "points", "5", "version", 0))))
        .execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("FORBIDDEN")));
    String foreign = "query($b: ID!, $y: Int!) { monthSheet(branchId: $b, year: $y, month: 3) { state } }";
    sec().document(foreign).variable("b", otherBranch).variable("y", YEAR).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("FORBIDDEN")));
  }

  @Test
  void theMemberSelfAssessesAndSeesBothFiguresAndWhoDecided() {
    as(member).document("mutation($input: SelfAssessInput!) { selfAssess(input: $input) { saved } }")
        .variable("input", Map.of("year", YEAR, "month", 4, "items", List.of(Map.of("item", "STUDY", "points", "10"), Map.of("item", "DUES", "points", "10"))))
        .execute().path("selfAssess.saved").entity(Integer.class).isEqualTo(2);
    assertAudited("selfAssess", t.tenant(), ("mem." + t.tenant().value()).toLowerCase(), null);
    String sheet = "query($b: ID!, $y: Int!) { monthSheet(branchId: $b, year: $y, month: 4) { rows { member { code } cells { item selfAssessed version } } } }";
    var read = sec().document(sheet).variable("b", branch).variable("y", YEAR).execute();
    read.path("monthSheet.rows[1].cells[0].selfAssessed").entity(String.class).isEqualTo("10.00");
    read.path("monthSheet.rows[1].cells[0].version").entity(Integer.class).isEqualTo(1);
    // the secretary corrects the self-assessed STUDY to 8 and fills the rest
    List<Map<String, Object>> cells = new ArrayList<>();
    for (Map<String, Object> c : grid(9)) {
      boolean selfAssessed = c.get("memberId").equals(memberIds.get(1)) && (c.get("item").equals("STUDY") || c.get("item").equals("DUES"));
      Map<String, Object> cell = new HashMap<>(c);
      if (selfAssessed) {
        cell.put("version", 1);
      }
      cells.add(cell);
    }
    String grid = "{ state rows { member { code } cells { item draft selfAssessed confirmed version updatedBy } } }";
    @SuppressWarnings("unchecked")
    Map<String, Object> answered = sec().document("mutation($input: SaveMonthDraftInput!) { saveMonthDraft(input: $input) { sheet " + grid + " } }")
        .variable("input", Map.of("branchId", branch, "year", YEAR, "month", 4, "cells", cells)).execute()
        .path("saveMonthDraft.sheet").entity(Map.class).get();
    // the save answers the sheet as the next read shows it: new versions, who saved, the member's own figures kept
    sec().document("query($b: ID!, $y: Int!) { monthSheet(branchId: $b, year: $y, month: 4) " + grid + " }")
        .variable("b", branch).variable("y", YEAR).execute().path("monthSheet").entity(Map.class).isEqualTo(answered);
    assertThat(answered.toString()).contains("selfAssessed=10.00, confirmed=null, version=2, updatedBy=" + ("sec." + t.tenant().value()).toLowerCase());
    sec().document(CONFIRM).variable("input", Map.of("branchId", branch, "year", YEAR, "month", 4, "idempotencyKey", "confirm-apr-" + t.tenant().value())).executeAndVerify();
    var card = as(member).document(CARD).variable("id", memberIds.get(1)).variable("year", YEAR).execute();
    card.path("memberCard.months[3].items[0].points").entity(String.class).isEqualTo("8.00");
    card.path("memberCard.months[3].items[0].selfPoints").entity(String.class).isEqualTo("10.00");
    card.path("memberCard.months[3].entries[0].actor").entity(String.class).isEqualTo(("sec." + t.tenant().value()).toLowerCase());
    // another member's card is not for this member
    as(member).document(CARD).variable("id", memberIds.get(2)).variable("year", YEAR).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("FORBIDDEN")));
  }

  @Test
  void anIdempotencyKeyPostsOnceAndRefusesOtherInput() throws Exception {
    String village = t.createOrganization(null, t.tenant().value() + "V", "村党委", "COMMITTEE", null);
    String villageBranch = t.createOrganization(village, t.tenant().value() + "V-01", "东村党支部", "BRANCH", "VILLAGE");
    String villager = t.createMember(villageBranch, "V1", "村民党员", "VILLAGE");
    t.publishAndPin(SeedSchemes.text(SeedSchemes.S2), YEAR, "VILLAGE");
    Map<String, Object> input = new HashMap<>(Map.of("memberId", villager, "kind", "ACHIEVEMENT", "points", "3",
        "occurredOn", YEAR + "-05-10", "reason", "带领群众修路", "idempotencyKey", "post-once-" + t.tenant().value()));
    String first = t.admin().document(POST).variable("input", input).execute().path("postEntry.entry.id").entity(String.class).get();
    String again = t.admin().document(POST).variable("input", input).execute().path("postEntry.entry.id").entity(String.class).get();
    assertThat(again).isEqualTo(first);
    input.put("points", "4");
    t.admin().document(POST).variable("input", input).execute().errors().satisfy(errors ->
        assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("IDEMPOTENCY_KEY_REUSED")));

    // 50 concurrent requests with one key post once
    Map<String, Object> burst = new HashMap<>(Map.of("memberId", villager, "kind", "ACHIEVEMENT", "points", "2",
        "occurredOn", YEAR + "-06-01", "reason", "结对帮扶", "idempotencyKey", "burst-" + t.tenant().value()));
    var pool = java.util.concurrent.Executors.newFixedThreadPool(50);
    var start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      results.add(pool.submit(() -> {
        start.await();
        return t.admin().document(POST).variable("input", burst).execute().path("postEntry.entry.id").entity(String.class).get();
      }));
    }
    start.countDown();
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (var r : results) {
      ids.add(r.get(60, java.util.concurrent.TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertThat(ids).hasSize(1);
    // one audit row for the key, however many requests raced for it
    assertThat(assertAudited("postEntry", t.tenant(), t.adminUsername(), villager).idempotencyKey()).isNotNull();
    assertThat(com.jifen.testing.AuditTrail.events(t.tenant(), "postEntry"))
        .filteredOn(e -> ("burst-" + t.tenant().value()).equals(e.idempotencyKey())).hasSize(1);
    t.admin().document(CARD).variable("id", villager).variable("year", YEAR).execute()
        .path("memberCard.months[5].entries").entityList(Object.class).hasSize(1)
        .path("memberCard.months[5].additions").entity(String.class).isEqualTo("2.00");
  }

  @Test
  void entriesAreCheckedAgainstThePinnedSchemeAndTheMembersState() {
    String village = t.createOrganization(null, t.tenant().value() + "V", "村党委", "COMMITTEE", null);
    String villageBranch = t.createOrganization(village, t.tenant().value() + "V-01", "东村党支部", "BRANCH", "VILLAGE");
    String villager = t.createMember(villageBranch, "V1", "村民党员", "VILLAGE");
    String exempt = t.createMember(villageBranch, "V2", "年老党员", "VILLAGE");
    t.admin().document("mutation { setMemberExempt(input: {id: \"%s\", version: 0, exempt: true, reason: \"年老体弱\"}) { member { exempt } } }".formatted(exempt)).executeAndVerify();
    String capped = SeedSchemes.text(SeedSchemes.S2).replace("max: 5,  capPerYear: 20}", "max: 5,  capPerMonth: 8, capPerYear: 20}");
    t.publishAndPin(capped, YEAR, "VILLAGE");
    java.util.function.BiFunction<Map<String, Object>, String, Void> refused = (changes, expected) -> {
      Map<String, Object> input = new HashMap<>(Map.of("memberId", villager, "kind", "ACHIEVEMENT", "points", "3",
          "occurredOn", YEAR + "-05-10", "reason", "带领群众修路", "idempotencyKey", "k-" + UUID.randomUUID()));
      input.putAll(changes);
      t.admin().document(POST).variable("input", input).execute().errors().satisfy(errors ->
          assertThat(errors).singleElement().satisfies(e -> {
            assertThat(code(e)).isEqualTo(expected);
            assertThat(e.getMessage()).matches(".*\\p{IsHan}.*");
          }));
      return null;
    };
    refused.apply(Map.of("points", "6"), "OUT_OF_RANGE");
    refused.apply(Map.of("kind", "STUDY"), "UNKNOWN_ENTRY_KIND");
    refused.apply(Map.of("memberId", exempt), "MEMBER_EXEMPT");
    refused.apply(Map.of("reason", " "), "REASON_REQUIRED");
    refused.apply(Map.of("occurredOn", LocalDate.now().plusDays(40).toString()), "INVALID_DATE");
    refused.apply(Map.of("evidence", Map.of("mediaType", "image/png", "contentBase64", Base64.getEncoder().encodeToString("%PDF-1.4".getBytes()))), "EVIDENCE_TYPE_MISMATCH");
    refused.apply(Map.of("evidence", Map.of("mediaType", "application/pdf", "contentBase64", Base64.getEncoder().encodeToString(new byte[5 * 1024 * 1024 + 1]))), "EVIDENCE_TOO_LARGE");
    refused.apply(Map.of("evidence", Map.of("mediaType", "application/zip", "contentBase64", "UEsDBA==")), "UNSUPPORTED_EVIDENCE_TYPE");

    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 0};
    var posted = t.admin().document(POST).variable("input", Map.of("memberId", villager, "kind", "ACHIEVEMENT", "points", "5",
        "occurredOn", YEAR + "-05-10", "reason", "带领群众修路", "idempotencyKey", "k-" + UUID.randomUUID(),
        "evidence", Map.of("note", "村委会证明", "fileName", "proof.png", "mediaType", "image/png", "contentBase64", Base64.getEncoder().encodeToString(png))))
        .execute();
    posted.path("postEntry.entry.evidence.sizeBytes").entity(Integer.class).isEqualTo(png.length);
    String evidenceId = posted.path("postEntry.entry.evidence.id").entity(String.class).get();
    t.admin().document("query($id: ID!) { evidence(id: $id) { contentBase64 mediaType } }").variable("id", evidenceId).execute()
        .path("evidence.contentBase64").entity(String.class).isEqualTo(Base64.getEncoder().encodeToString(png));
    refused.apply(Map.of("points", "4"), "MONTH_CAP_EXCEEDED"); // 5 already this month, cap 8
    t.admin().document(POST).variable("input", Map.of("memberId", villager, "kind", "VIOLATION", "points", "2",
        "occurredOn", YEAR + "-05-11", "reason", "无故缺席组织生活", "idempotencyKey", "k-" + UUID.randomUUID()))
        .execute().path("postEntry.entry.kind").entity(String.class).isEqualTo("DEDUCTION");
    t.admin().document(CARD).variable("id", villager).variable("year", YEAR).execute()
        .path("memberCard.months[4].total").entity(String.class).isEqualTo("3.00");
    // after the member leaves, nothing more is posted
    var version = t.admin().documentName("member").variable("id", villager).execute().path("member.version").entity(Integer.class).get();
    t.admin().document("mutation { markMemberLeft(input: {id: \"%s\", version: %d, leftOn: \"%d-06-30\", reason: \"转出\"}) { member { status } } }"
        .formatted(villager, version, YEAR)).executeAndVerify();
    refused.apply(Map.of(), "MEMBER_LEFT");
  }

  @Test
  void theMonthSheetRoundTripsThroughXlsxAndBadCellsAreNamed() throws Exception {
    String export = "query($b: ID!, $y: Int!) { monthSheetXlsx(branchId: $b, year: $y, month: 7) { fileName mediaType contentBase64 } }";
    var file = sec().document(export).variable("b", branch).variable("y", YEAR).execute();
    file.path("monthSheetXlsx.fileName").entity(String.class).isEqualTo(t.tenant().value() + "-Z1-01-" + YEAR + "-07.xlsx");
    byte[] bytes = Base64.getDecoder().decode(file.path("monthSheetXlsx.contentBase64").entity(String.class).get());
    // the clerk fills the exported form: every item 8, and one bad cell and one bad number
    byte[] filled;
    try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(bytes));
        var out = new java.io.ByteArrayOutputStream()) {
      var sheet = book.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("党员积分登记表");
      assertThat(sheet.getRow(1).getCell(3).getStringCellValue()).isEqualTo("政治理论学习");
      for (int r = 2; r <= 4; r++) {
        for (int c = 3; c < 13; c++) {
          sheet.getRow(r).getCell(c).setCellValue(8);
        }
      }
      sheet.getRow(3).getCell(4).setCellValue(12);
      sheet.getRow(4).getCell(5).setCellValue("八");
      book.write(out);
      filled = out.toByteArray();
    }
    String importDoc = "mutation($input: ImportMonthSheetInput!) { importMonthSheet(input: $input) { saved errors { row column code message } } }";
    var bad = sec().document(importDoc).variable("input", Map.of("branchId", branch, "year", YEAR, "month", 7,
        "contentBase64", Base64.getEncoder().encodeToString(filled))).execute();
    bad.path("importMonthSheet.saved").entity(Integer.class).isEqualTo(0);
    bad.path("importMonthSheet.errors[*].code").entityList(String.class).containsExactly("NOT_A_NUMBER");
    bad.path("importMonthSheet.errors[0].row").entity(Integer.class).isEqualTo(5);
    bad.path("importMonthSheet.errors[0].column").entity(String.class).isEqualTo("按时交纳党费");
    try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(filled));
        var out = new java.io.ByteArrayOutputStream()) {
      book.getSheetAt(0).getRow(4).getCell(5).setCellValue(8);
      book.write(out);
      filled = out.toByteArray();
    }
    var range = sec().document(importDoc).variable("input", Map.of("branchId", branch, "year", YEAR, "month", 7,
        "contentBase64", Base64.getEncoder().encodeToString(filled))).execute();
    range.path("importMonthSheet.errors[0].row").entity(Integer.class).isEqualTo(4);
    range.path("importMonthSheet.errors[0].column").entity(String.class).isEqualTo("参加组织生活");
    range.path("importMonthSheet.errors[0].code").entity(String.class).isEqualTo("INVALID_CELL");
    String sheetQuery = "query($b: ID!, $y: Int!) { monthSheet(branchId: $b, year: $y, month: 7) { rows { cells { draft } } } }";
    assertThat(sec().document(sheetQuery).variable("b", branch).variable("y", YEAR).execute()
        .path("monthSheet.rows[*].cells[*].draft").entityList(Object.class).get()).allMatch(java.util.Objects::isNull);
    try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(filled));
        var out = new java.io.ByteArrayOutputStream()) {
      book.getSheetAt(0).getRow(3).getCell(4).setCellValue(9.5);
      book.write(out);
      filled = out.toByteArray();
    }
    sec().document(importDoc).variable("input", Map.of("branchId", branch, "year", YEAR, "month", 7,
        "contentBase64", Base64.getEncoder().encodeToString(filled))).execute()
        .path("importMonthSheet.saved").entity(Integer.class).isEqualTo(30);
    assertAudited("importMonthSheet", t.tenant(), ("sec." + t.tenant().value()).toLowerCase(), branch);
    sec().document(sheetQuery).variable("b", branch).variable("y", YEAR).execute()
        .path("monthSheet.rows[1].cells[1].draft").entity(String.class).isEqualTo("9.50");
    // the member's year exports too
    as(member).document("query($id: ID!, $y: Int!) { memberCardXlsx(memberId: $id, year: $y) { fileName } }")
        .variable("id", memberIds.get(1)).variable("y", YEAR).execute()
        .path("memberCardXlsx.fileName").entity(String.class).isEqualTo("P2-" + YEAR + ".xlsx");
  }

  @Test
  void sixMonthsWithoutOrganizationalLifeOrDuesPutsAMemberOnTheAttentionList() {
    for (int month = 1; month <= 6; month++) {
      List<Map<String, Object>> cells = new ArrayList<>();
      for (int m = 0; m < memberIds.size(); m++) {
        for (String item : ITEMS) {
          boolean absent = m == 2 && (item.equals("ORG_LIFE") || item.equals("DUES"));
          cells.add(Map.of("memberId", memberIds.get(m), "item", item, "points", absent ? "0" : "7", "version", 0));
        }
      }
      sec().document(SAVE).variable("input", Map.of("branchId", branch, "year", YEAR, "month", month, "cells", cells)).executeAndVerify();
      sec().document(CONFIRM).variable("input", Map.of("branchId", branch, "year", YEAR, "month", month,
          "idempotencyKey", "attention-" + month + "-" + t.tenant().value())).executeAndVerify();
    }
    String attention = "query($b: ID!, $y: Int!, $m: Int!) { attentionList(branchId: $b, year: $y, month: $m) { member { code } monthsWithout } }";
    sec().document(attention).variable("b", branch).variable("y", YEAR).variable("m", 6).execute()
        .path("attentionList[*].member.code").entityList(String.class).containsExactly("P3");
    // five recorded months of absence are not six: the months before January have no record, so they are no absence
    sec().document(attention).variable("b", branch).variable("y", YEAR).variable("m", 5).execute()
        .path("attentionList").entityList(Object.class).hasSize(0);

    // the flag feeds the removal procedure: only a member the ledger shows as self-separated
    String open = "mutation($input: OpenRemovalCaseInput!) { openRemovalCase(input: $input) { removalCase { ground nextStep } } }";
    sec().document(open).variable("input", Map.of("memberId", memberIds.get(2), "ground", "SELF_SEPARATION", "asOf", YEAR + "-06")).execute()
        .path("openRemovalCase.removalCase.nextStep").entity(String.class).isEqualTo("调查核实情况");
    assertAudited("openRemovalCase", t.tenant(), ("sec." + t.tenant().value()).toLowerCase(), memberIds.get(2));
    sec().document(open).variable("input", Map.of("memberId", memberIds.get(0), "ground", "SELF_SEPARATION", "asOf", YEAR + "-06")).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("NOT_SELF_SEPARATED")));
    sec().document(open).variable("input", Map.of("memberId", memberIds.get(0), "ground", "SELF_SEPARATION")).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("AS_OF_REQUIRED")));
  }

  @Test
  void aWholeGridConfirmsInOneMutationUnderTheSameRules() {
    var bad = new ArrayList<>(grid(9));
    bad.set(3, Map.of("memberId", memberIds.get(0), "item", "DISCIPLINE", "points", "10.5", "version", 0));
    sec().document(CONFIRM).variable("input", Map.of("branchId", branch, "year", YEAR, "month", 8, "idempotencyKey", "grid-bad-" + t.tenant().value(),
            "cells", bad)).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("INVALID_CELLS")));
    // a colleague's draft in between: the grid read before it is refused, nothing is posted
    sec().document(SAVE).variable("input", Map.of("branchId", branch, "year", YEAR, "month", 8, "cells",
        List.of(Map.of("memberId", memberIds.get(0), "item", "STUDY", "points", "5", "version", 0)))).executeAndVerify();
    sec().document(CONFIRM).variable("input", Map.of("branchId", branch, "year", YEAR, "month", 8, "idempotencyKey", "grid-stale-" + t.tenant().value(),
            "cells", grid(9))).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("CELL_CHANGED")));
    List<Map<String, Object>> current = new ArrayList<>();
    for (Map<String, Object> c : grid(9)) {
      Map<String, Object> cell = new HashMap<>(c);
      if (c.get("memberId").equals(memberIds.get(0)) && c.get("item").equals("STUDY")) {
        cell.put("version", 1);
      }
      current.add(cell);
    }
    var confirmed = sec().document(CONFIRM).variable("input", Map.of("branchId", branch, "year", YEAR, "month", 8,
        "idempotencyKey", "grid-ok-" + t.tenant().value(), "cells", current)).execute();
    confirmed.path("confirmMonth.posted").entity(Integer.class).isEqualTo(30);
    confirmed.path("confirmMonth.sheet.state").entity(String.class).isEqualTo("CONFIRMED");
    confirmed.path("confirmMonth.sheet.rows[0].cells[0].confirmed").entity(String.class).isEqualTo("9.00");
  }
}
