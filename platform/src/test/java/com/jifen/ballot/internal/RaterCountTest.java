package com.jifen.ballot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jifen.ballot.internal.RaterCount.Asked;
import com.jifen.ballot.internal.RaterCount.Group;
import com.jifen.scheme.engine.Scheme;
import com.jifen.scheme.engine.SeedSchemes;
import com.jifen.shared.DomainException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How many codes a ballot gets and for which group, without a database; and what the secretary may not ask. */
class RaterCountTest {
  /** S2: all members rate, plus at least 10 mass representatives; at least 10 raters. */
  static final Scheme.Ballot ALL_MEMBERS = SeedSchemes.load(SeedSchemes.S2).ballot();
  /** S3: groups MASS, PARTY, ORG; at least 1 rater. */
  static final Scheme.Ballot GROUPS = SeedSchemes.load(SeedSchemes.S3).ballot();
  /** S2's form without the all-members rule: the secretary gives the total. */
  static final Scheme.Ballot TOTAL = new Scheme.Ballot(ALL_MEMBERS.form(), ALL_MEMBERS.minRaters(), ALL_MEMBERS.min(),
      ALL_MEMBERS.max(), ALL_MEMBERS.options(), ALL_MEMBERS.groups(), ALL_MEMBERS.minGroupRaters(), null);

  static Stream<Arguments> codesIssued() {
    return Stream.of(
        Arguments.of("all 5 members plus 10 mass representatives", ALL_MEMBERS, new Asked(null, 10, null), 5, 15),
        Arguments.of("a total covering 5 members and 12 others", ALL_MEMBERS, new Asked(17, null, null), 5, 17),
        Arguments.of("a total and mass representatives that agree", ALL_MEMBERS, new Asked(15, 10, null), 5, 15),
        Arguments.of("the total the secretary gives, at the minimum", TOTAL, new Asked(10, null, null), null, 10),
        Arguments.of("the upper limit of codes", TOTAL, new Asked(RaterCount.MAX_CODES, null, null), null, RaterCount.MAX_CODES));
  }

  @ParameterizedTest(name = "{0}: {4} codes")
  @MethodSource
  void codesIssued(String asking, Scheme.Ballot form, Asked asked, Integer memberRaters, int codes) {
    assertThat(RaterCount.groupsOfCodes(form, asked, memberRaters)).hasSize(codes).containsOnlyNulls();
  }

  @org.junit.jupiter.api.Test
  void eachGroupGetsTheCodesAskedForInTheOrderAsked() {
    assertThat(RaterCount.groupsOfCodes(GROUPS, new Asked(null, null, List.of(new Group("ORG", 1), new Group("MASS", 2))), null))
        .containsExactly("ORG", "MASS", "MASS");
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("mass representatives below the scheme's 10", ALL_MEMBERS, new Asked(null, 9, null), 5, "TOO_FEW_MASS_REPRESENTATIVES"),
        Arguments.of("a total that leaves fewer than 10 others", ALL_MEMBERS, new Asked(14, null, null), 5, "TOO_FEW_RATERS"),
        Arguments.of("no count at all", ALL_MEMBERS, new Asked(null, null, null), 5, "TOO_FEW_RATERS"),
        Arguments.of("a total that disagrees with members plus mass", ALL_MEMBERS, new Asked(16, 10, null), 5, "RATERS_MISMATCH"),
        Arguments.of("a total below the form's minimum", TOTAL, new Asked(9, null, null), null, "TOO_FEW_RATERS"),
        Arguments.of("more codes than the limit", TOTAL, new Asked(RaterCount.MAX_CODES + 1, null, null), null, "TOO_FEW_RATERS"),
        Arguments.of("groups missing on a group form", GROUPS, new Asked(5, null, null), null, "GROUPS_REQUIRED"),
        Arguments.of("no groups listed", GROUPS, new Asked(null, null, Collections.emptyList()), null, "GROUPS_REQUIRED"),
        Arguments.of("a group the scheme lacks", GROUPS, new Asked(null, null, List.of(new Group("SUPERIOR", 3))), null, "UNKNOWN_GROUP"),
        Arguments.of("groups adding up to no rater", GROUPS, new Asked(null, null, List.of(new Group("MASS", 0))), null, "TOO_FEW_RATERS"));
  }

  @ParameterizedTest(name = "{0} is refused with {4}")
  @MethodSource
  void refused(String asking, Scheme.Ballot form, Asked asked, Integer memberRaters, String code) {
    assertThatThrownBy(() -> RaterCount.groupsOfCodes(form, asked, memberRaters))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
