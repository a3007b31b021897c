package com.jifen.ballot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jifen.ballot.internal.BallotQueries.Rating;
import com.jifen.ballot.internal.VoteCheck.Line;
import com.jifen.organization.Member;
import com.jifen.scheme.engine.Scheme;
import com.jifen.scheme.engine.SeedSchemes;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.MemberId;
import com.jifen.shared.TenantId;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A ballot paper against its form, without a database: which papers pass, and the code of each refusal. */
class VoteCheckTest {
  static final Scheme ITEM_SCORES = SeedSchemes.load(SeedSchemes.S1);
  static final Scheme GRADE_VOTES = SeedSchemes.load(SeedSchemes.S2);
  static final Scheme RATER_GROUPS = SeedSchemes.load(SeedSchemes.S3);
  static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  static final List<Member> SUBJECTS = List.of(member(A, "张三"), member(B, "李四"));

  private static Member member(UUID id, String name) {
    return new Member(new TenantId("QS"), new MemberId(id), "M" + name, name, null, null, null, new BranchId(UUID.randomUUID()), null, null,
        Member.MemberStatus.ACTIVE, null, null, false, null, null, 0);
  }

  private static Line option(UUID subject, String option) {
    return new Line(subject.toString(), null, option, null);
  }

  private static Line score(UUID subject, String score) {
    return new Line(subject.toString(), null, null, new BigDecimal(score));
  }

  /** Every item of S1 scored the same for a member. */
  private static Stream<Line> allItems(UUID subject, String score) {
    return ITEM_SCORES.items().stream().map(i -> new Line(subject.toString(), i.code(), null, new BigDecimal(score)));
  }

  static Stream<Arguments> refusedPapers() {
    String study = ITEM_SCORES.items().getFirst().code();
    return Stream.of(
        Arguments.of("a member outside the ballot", GRADE_VOTES, List.of(option(UUID.randomUUID(), "GOOD")), "NOT_A_SUBJECT"),
        Arguments.of("an option the form lacks", GRADE_VOTES, List.of(option(A, "EXCELLENT")), "UNKNOWN_OPTION"),
        Arguments.of("two options for one member", GRADE_VOTES, List.of(option(A, "GOOD"), option(A, "BAD")), "ONE_OPTION"),
        Arguments.of("an item the form lacks", ITEM_SCORES, List.of(new Line(A.toString(), "SINGING", null, BigDecimal.ONE)),
            "UNKNOWN_ITEM"),
        Arguments.of("a score above the form's maximum", ITEM_SCORES,
            List.of(new Line(A.toString(), study, null, new BigDecimal("10.5"))), "OUT_OF_RANGE"),
        Arguments.of("a score below the form's minimum", RATER_GROUPS, List.of(score(A, "-1")), "OUT_OF_RANGE"),
        Arguments.of("a missing score", RATER_GROUPS, List.of(new Line(A.toString(), null, null, null)), "OUT_OF_RANGE"),
        Arguments.of("one member scored twice", RATER_GROUPS, List.of(score(A, "90"), score(A, "80")), "DUPLICATE_RATING"),
        Arguments.of("a member rated on some items only", ITEM_SCORES,
            List.of(new Line(A.toString(), study, null, BigDecimal.TEN)), "INCOMPLETE_RATING"));
  }

  @ParameterizedTest(name = "{0} is refused with {3}")
  @MethodSource
  void refusedPapers(String paper, Scheme scheme, List<Line> lines, String code) {
    assertThatThrownBy(() -> VoteCheck.ratings(scheme, SUBJECTS, lines))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  static Stream<Arguments> acceptedPapers() {
    return Stream.of(
        Arguments.of("one option per member, each worth one vote", GRADE_VOTES, List.of(option(A, "GOOD"), option(B, "BAD")),
            List.of(new Rating(new MemberId(A), "GOOD", BigDecimal.ONE),
                new Rating(new MemberId(B), "BAD", BigDecimal.ONE))),
        Arguments.of("a member left out abstains", RATER_GROUPS, List.of(score(B, "100")),
            List.of(new Rating(new MemberId(B), "SCORE", new BigDecimal("100")))),
        Arguments.of("every item scored at the form's bounds", ITEM_SCORES,
            Stream.concat(allItems(A, "0"), allItems(B, "10")).toList(),
            Stream.concat(
                ITEM_SCORES.items().stream().map(i -> new Rating(new MemberId(A), i.code(), new BigDecimal("0"))),
                ITEM_SCORES.items().stream().map(i -> new Rating(new MemberId(B), i.code(), new BigDecimal("10"))))
                .toList()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void acceptedPapers(String paper, Scheme scheme, List<Line> lines, List<Rating> ratings) {
    assertThat(VoteCheck.ratings(scheme, SUBJECTS, lines)).containsExactlyElementsOf(ratings);
  }
}
