package com.jifen.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.scheme.ShippedSchemes;
import com.jifen.testing.IntegrationTest;
import com.jifen.testing.TestTownship;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** A township's settings round-trip through a YAML file, and a bad file is refused whole with located errors. */
class TownshipSettingsIT extends IntegrationTest {
  private static final String APPLY = "mutation($in: ApplyTownshipSettingsInput!) { applyTownshipSettings(input: $in) { yaml } }";

  @Value("${spring.liquibase.url}") String jdbcUrl;

  private void assertAudited(String action, String tenant, String subject) throws Exception {
    try (var c = DriverManager.getConnection(jdbcUrl, "jifen_platform", "jifen_platform");
        var s = c.prepareStatement("select count(*) from audit_event where tenant_id = ? and action = ? and subject = ?")) {
      s.setString(1, tenant);
      s.setString(2, action);
      s.setString(3, subject);
      var rs = s.executeQuery();
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(1);
    }
  }

  @Test
  void theExportedFileAppliedWithChangesChangesTheTownshipAndExportsAgainAsApplied() throws Exception {
    TestTownship t = freshTownship();
    String code = t.tenant().value();
    t.publishAndPin(ShippedSchemes.yamlByCode().get("S2-village-base-bonus-ballot"), 2025, "VILLAGE");
    String exported = t.admin().document("{ townshipSettings }").execute().path("townshipSettings").entity(String.class).get();
    assertThat(exported).contains("code: " + code).contains("'2025':").contains("VILLAGE: {scheme: S2-village-base-bonus-ballot, version: 1}");

    String changed = exported.replace("rankingVisibility: BRANCH", "rankingVisibility: PUBLIC")
        .replace("calendar: []", "calendar:\n  - {day: '2026-10-01', kind: HOLIDAY, name: '国庆节'}")
        .replace("    VILLAGE: {scheme: S2-village-base-bonus-ballot, version: 1}\n",
            "    VILLAGE: {scheme: S2-village-base-bonus-ballot, version: 1}\n  '2026':\n    COMMUNITY: {scheme: S2-village-base-bonus-ballot, version: 1}\n");
    String applied = t.admin().document(APPLY).variable("in", Map.of("yaml", changed)).execute()
        .path("applyTownshipSettings.yaml").entity(String.class).get();
    assertThat(applied).isEqualTo(changed);
    assertAudited("applyTownshipSettings", code, code);
    t.admin().document("{ scoringYear(year: 2026) { category schemeCode version } }").execute()
        .path("scoringYear[*].category").entityList(String.class).containsExactly("COMMUNITY");
  }

  @Test
  void aBadFileIsRefusedWholeWithEveryErrorLocatedAndChangesNothing() {
    TestTownship t = freshTownship();
    String code = t.tenant().value();
    t.publishAndPin(ShippedSchemes.yamlByCode().get("S2-village-base-bonus-ballot"), 2025, "VILLAGE");
    String before = t.admin().document("{ townshipSettings }").execute().path("townshipSettings").entity(String.class).get();

    // the shape: an unknown calendar kind, on line 8
    String shape = before.replace("calendar: []", "calendar:\n  - {day: '2026-10-01', kind: FEAST, name: 庙会}");
    t.admin().document(APPLY).variable("in", Map.of("yaml", shape)).execute().errors().expect(e -> {
      @SuppressWarnings("unchecked")
      var errors = (List<Map<String, Object>>) e.getExtensions().get("errors");
      return "BAD_REQUEST".equals(classification(e)) && errors.size() == 1 && errors.getFirst().get("line").equals(8)
          && String.valueOf(errors.getFirst().get("path")).contains("kind");
    }).verify();

    // against the township: another township's code, a pin changed, a version that does not exist
    String township = before.replace("code: " + code, "code: QS").replace("rankingVisibility: BRANCH", "rankingVisibility: PUBLIC")
        .replace("version: 1}", "version: 2}")
        + "  '2027':\n    COMMUNITY: {scheme: S2-village-base-bonus-ballot, version: 9}\n";
    t.admin().document(APPLY).variable("in", Map.of("yaml", township)).execute().errors().expect(e -> {
      @SuppressWarnings("unchecked")
      var errors = (List<Map<String, Object>>) e.getExtensions().get("errors");
      return errors.size() == 3 && errors.get(0).get("path").equals("code") && errors.get(1).get("path").toString().contains("2025")
          && errors.get(2).get("path").toString().contains("2027");
    }).verify();
    t.admin().document("{ townshipSettings }").execute().path("townshipSettings").entity(String.class).isEqualTo(before);
  }
}
