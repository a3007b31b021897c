package com.jifen.scheme;

import static com.jifen.testing.AuditTrail.assertAudited;
import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.scheme.engine.SeedSchemes;
import com.jifen.testing.IntegrationTest;
import com.jifen.testing.TestTownship;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Publishing versions, pinning years, and the what-if comparison through GraphQL. */
class SchemeIT extends IntegrationTest {
  private static final String PUBLISH = """
      mutation($input: PublishSchemeInput!) { publishScheme(input: $input) { version { schemeCode version checksum publishedBy } } }""";
  private static final String PIN = """
      mutation($input: PinSchemeInput!) { pinScheme(input: $input) { pinned { year category schemeCode version } } }""";

  @Test
  void editingPublishesANewVersionAndTheOldOneStays() {
    TestTownship t = freshTownship();
    String v1 = SeedSchemes.text(SeedSchemes.S1);
    String v2 = v1.replace("quarterStars: {percent: 5,", "quarterStars: {percent: 10,");
    t.admin().document(PUBLISH).variable("input", Map.of("yaml", v1)).execute()
        .path("publishScheme.version.version").entity(Integer.class).isEqualTo(1);
    // the same text again is a retry: no new version
    t.admin().document(PUBLISH).variable("input", Map.of("yaml", v1)).execute()
        .path("publishScheme.version.version").entity(Integer.class).isEqualTo(1);
    t.admin().document(PUBLISH).variable("input", Map.of("yaml", v2, "note", "季度之星比例调整为 10%")).execute()
        .path("publishScheme.version.version").entity(Integer.class).isEqualTo(2);
    assertAudited("publishScheme", t.tenant(), t.adminUsername(), null);
    var list = t.admin().document("{ schemes { code versions { version note yaml } } }").execute();
    list.path("schemes[0].versions[*].version").entityList(Integer.class).containsExactly(1, 2);
    list.path("schemes[0].versions[0].yaml").entity(String.class).isEqualTo(v1);
  }

  @Test
  void aBrokenSchemeIsRefusedWithEveryErrorLocated() {
    TestTownship t = freshTownship();
    String bad = SeedSchemes.text(SeedSchemes.S1).replace("ballotWeight: 20", "ballotWeight: 30")
        .replace("{from: 60, to: 80,  grade: BASIC", "{from: 65, to: 80,  grade: BASIC");
    t.admin().document(PUBLISH).variable("input", Map.of("yaml", bad)).execute().errors().satisfy(errors ->
        assertThat(errors).singleElement().satisfies(e -> {
          assertThat(classification(e)).isEqualTo("BAD_REQUEST");
          assertThat(code(e)).isEqualTo("INVALID_SCHEME");
          @SuppressWarnings("unchecked")
          var located = (List<Map<String, Object>>) e.getExtensions().get("errors");
          assertThat(located).extracting(m -> m.get("path")).containsExactlyInAnyOrder("formula[0].ballotWeight", "grades[2].from");
          assertThat(located).allSatisfy(m -> assertThat((Integer) m.get("line")).isPositive());
        }));
    t.admin().document("{ schemes { code } }").execute().path("schemes").entityList(Object.class).hasSize(0);
  }

  @Test
  void aPinWithoutDataMayBeChangedButNotToASchemeThatDoesNotCoverTheCategory() {
    TestTownship t = freshTownship();
    t.admin().document(PUBLISH).variable("input", Map.of("yaml", SeedSchemes.text(SeedSchemes.S1))).executeAndVerify();
    t.admin().document(PUBLISH).variable("input", Map.of("yaml",
        SeedSchemes.text(SeedSchemes.S1).replace("name: 党员“评星定格”十项积分", "name: 党员“评星定格”十项积分（修订）"))).executeAndVerify();
    var pin = Map.<String, Object>of("year", 2025, "category", "ORGAN", "schemeCode", "S1-ten-item-star-rating", "version", 1);
    t.admin().document(PIN).variable("input", pin).execute().path("pinScheme.pinned.version").entity(Integer.class).isEqualTo(1);
    assertAudited("pinScheme", t.tenant(), t.adminUsername(), null);
    t.admin().document(PIN).variable("input", pin).executeAndVerify();
    // no data recorded for 2025 yet: the township may still correct its choice (issue 14; with data it is fixed,
    // FaithfulToTheRulesIT)
    t.admin().document(PIN).variable("input", Map.of("year", 2025, "category", "ORGAN", "schemeCode", "S1-ten-item-star-rating", "version", 2))
        .execute().path("pinScheme.pinned.version").entity(Integer.class).isEqualTo(2);
    t.admin().document(PIN).variable("input", Map.of("year", 2025, "category", "VILLAGE", "schemeCode", "S1-ten-item-star-rating", "version", 1))
        .execute().errors().satisfy(errors -> assertThat(errors).singleElement()
            .satisfies(e -> assertThat(code(e)).isEqualTo("CATEGORY_NOT_COVERED")));
    t.admin().document("{ scoringYear(year: 2025) { category schemeCode version } }").execute()
        .path("scoringYear[0].version").entity(Integer.class).isEqualTo(2);
  }

  @Test
  void whatIfShowsMemberByMemberWhatADraftWouldChangeAndStoresNothing() {
    TestTownship t = freshTownship();
    t.admin().document(PUBLISH).variable("input", Map.of("yaml", SeedSchemes.text(SeedSchemes.S2))).executeAndVerify();
    // the draft caps additions at 10 instead of 20
    String draft = SeedSchemes.text(SeedSchemes.S2).replace("max: 5,  capPerYear: 20}", "max: 5,  capPerYear: 10}");
    List<Map<String, Object>> members = new ArrayList<>();
    // evaluation = (good × 20 + medium × 10) ÷ 20 raters
    members.add(member("A", List.of(5, 5, 5), 15));    // 60 + 15 + 17.5 = 92.5 → 60 + 10 + 17.5 = 87.5
    members.add(member("B", List.of(5, 5, 5, 5), 10)); // 60 + 20 + 15 = 95 → 60 + 10 + 15 = 85
    members.add(member("C", List.of(2), 10));          // 60 + 2 + 15 = 77 either way
    var result = t.admin().document("""
        query($input: WhatIfInput!) { whatIf(input: $input) { changedCount changes { memberId currentTotal draftTotal currentGrade draftGrade changed } } }""")
        .variable("input", Map.of("draftYaml", draft, "schemeCode", "S2-village-base-bonus-ballot", "version", 1, "members", members))
        .execute();
    result.path("whatIf.changedCount").entity(Integer.class).isEqualTo(2);
    result.path("whatIf.changes[0].draftTotal").entity(String.class).isEqualTo("87.50");
    result.path("whatIf.changes[1].currentTotal").entity(String.class).isEqualTo("95.00");
    result.path("whatIf.changes[1].draftTotal").entity(String.class).isEqualTo("85.00");
    result.path("whatIf.changes[1].currentGrade").entity(String.class).isEqualTo("EXCELLENT");
    result.path("whatIf.changes[1].draftGrade").entity(String.class).isEqualTo("QUALIFIED");
    result.path("whatIf.changes[2].changed").entity(Boolean.class).isEqualTo(false);
    t.admin().document("{ schemes { versions { version } } }").execute()
        .path("schemes[0].versions[*].version").entityList(Integer.class).containsExactly(1);
  }

  private static Map<String, Object> member(String id, List<Integer> additions, int good) {
    List<Map<String, Object>> entries = new ArrayList<>();
    additions.forEach(p -> entries.add(Map.of("kind", "ACHIEVEMENT", "month", 3, "points", String.valueOf(p))));
    return Map.of("memberId", id, "entries", entries, "votes", List.of(
        Map.of("option", "GOOD", "count", good), Map.of("option", "MEDIUM", "count", 20 - good)));
  }

  @Test
  void validateSchemeLocatesABadKeyAtItsLineAndColumnAndStoresNothing() {
    TestTownship t = freshTownship();
    String good = SeedSchemes.text(SeedSchemes.S1);
    String bad = good.replace("ballotWeight: 20", "ballotWieght: 20");
    // where the misspelt key stands in the text, 1-based, as an editor counts
    int at = bad.indexOf("ballotWieght");
    int line = (int) bad.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    int column = at - bad.lastIndexOf('\n', at - 1);
    String validate = "query($yaml: String!) { validateScheme(yaml: $yaml) { valid errors { line column path message } } }";
    var answer = t.admin().document(validate).variable("yaml", bad).execute();
    answer.path("validateScheme.valid").entity(Boolean.class).isEqualTo(false);
    answer.path("validateScheme.errors").entityList(Map.class).satisfies(errors -> assertThat(errors)
        .anySatisfy(e -> {
          assertThat(e.get("line")).isEqualTo(line);
          assertThat(e.get("column")).isEqualTo(column);
          assertThat((String) e.get("message")).isNotBlank();
        }));
    t.admin().document(validate).variable("yaml", good).execute()
        .path("validateScheme.valid").entity(Boolean.class).isEqualTo(true);
    t.admin().document("{ schemes { code } }").execute().path("schemes").entityList(Object.class).hasSize(0);
    asUser("sec.qs").document(validate).variable("yaml", good).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement()
            .satisfies(e -> assertThat(classification(e)).isEqualTo("FORBIDDEN")));
  }

  @Test
  void onlyTownshipAdminsPublish() {
    asUser("sec.qs").document(PUBLISH).variable("input", Map.of("yaml", SeedSchemes.text(SeedSchemes.S1))).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement()
            .satisfies(e -> assertThat(classification(e)).isEqualTo("FORBIDDEN")));
  }
}
