package com.jifen.ballot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.ballot.internal.SmallGroups.Shown;
import com.jifen.scheme.engine.SubjectYear.GroupTally;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmallGroupsTest {
  private static Map<String, GroupTally> groups(Object... codeSumCount) {
    Map<String, GroupTally> groups = new LinkedHashMap<>();
    for (int i = 0; i < codeSumCount.length; i += 3) {
      groups.put((String) codeSumCount[i], new GroupTally(new BigDecimal(codeSumCount[i + 1].toString()), (Integer) codeSumCount[i + 2]));
    }
    return groups;
  }

  private static Shown shown(String code, String sum, int count) {
    return new Shown(code, new BigDecimal(sum), count);
  }

  @Test
  void groupsWithEnoughVotesAreShownAloneInTheSchemesOrder() {
    assertThat(SmallGroups.release(groups("MASS", 300, 4, "SUPERIOR", 270, 3), 3, Set.of()))
        .containsExactly(shown("MASS", "300", 4), shown("SUPERIOR", "270", 3));
  }

  @Test
  void smallGroupsArePooledWhenThePoolReachesTheMinimum() {
    assertThat(SmallGroups.release(groups("MASS", 900, 10, "A", 90, 1, "B", 170, 2), 3, Set.of()))
        .containsExactly(shown("MASS", "900", 10), shown("A+B", "260", 3));
  }

  @Test
  void aPoolStillTooSmallJoinsTheSmallestGroupShown() {
    assertThat(SmallGroups.release(groups("MASS", 900, 10, "PEERS", 400, 5, "SUPERIOR", 180, 2), 3, Set.of()))
        .containsExactly(shown("MASS", "900", 10), shown("PEERS+SUPERIOR", "580", 7));
  }

  @Test
  void aSmallGroupWithNothingToJoinIsLeftOut() {
    assertThat(SmallGroups.release(groups("SUPERIOR", 180, 2), 3, Set.of())).isEmpty();
    assertThat(SmallGroups.release(groups(null, 8, 2), 3, Set.of())).as("a ballot without groups, two raters").isEmpty();
  }

  @Test
  void aSelfAssessmentIsShownAloneAndNeverAbsorbsASmallGroup() {
    assertThat(SmallGroups.release(groups("SELF", 95, 1, "MASS", 850, 10, "SUPERIOR", 90, 1), 3, Set.of("SELF")))
        .containsExactly(shown("SELF", "95", 1), shown("MASS+SUPERIOR", "940", 11));
    assertThat(SmallGroups.release(groups("SELF", 95, 1, "SUPERIOR", 90, 1), 3, Set.of("SELF")))
        .containsExactly(shown("SELF", "95", 1));
  }

  @Test
  void groupsNobodyVotedInAreNotShown() {
    assertThat(SmallGroups.release(groups("MASS", 0, 0, "SUPERIOR", 300, 3), 3, Set.of())).containsExactly(shown("SUPERIOR", "300", 3));
  }
}
