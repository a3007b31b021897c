package com.jifen.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.testing.IntegrationTest;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A county reviewer compares the townships of their county, and only those, as aggregates. */
class CountyStatisticsIT extends IntegrationTest {
  private static final String QUERY = """
      query($y: Int!) { countyStatistics(year: $y) { county townships { township { id name } members exemptMembers branches branchesSettled grades { code value } } } }""";

  @Test
  void theReviewerSeesTheTownshipsOfTheirCountyOnly() {
    freshTownship(); // in another county: never listed
    var stats = asUser("reviewer.demo").document(QUERY).variable("y", LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear()).execute();
    stats.path("countyStatistics.county").entity(String.class).isEqualTo("DEMO");
    stats.path("countyStatistics.townships[*].township.id").entityList(String.class).containsExactly("CG", "KF", "QS");
    stats.path("countyStatistics.townships[*].members").entityList(Integer.class)
        .satisfies(members -> assertThat(members).allSatisfy(n -> assertThat(n).isGreaterThan(400)));
    stats.path("countyStatistics.townships[2].branches").entity(Integer.class).isEqualTo(10);
  }

  @Test
  void townshipRolesCannotReadCountyStatistics() {
    asUser("admin.qs").document(QUERY).variable("y", 2025).execute().errors().satisfy(errors ->
        assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("FORBIDDEN")));
  }
}
