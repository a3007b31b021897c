package com.jifen.organization;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.shared.OrganizationId;
import com.jifen.shared.TenantId;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The member rules as a table: one change to a valid record, and the one field and code it is refused with. */
class MemberRulesTest {

  static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

  static Organization org(OrganizationKind kind, String name) {
    return new Organization(new TenantId("QS"), new OrganizationId(UUID.randomUUID()), null, "QS-1", name, kind, MemberCategory.VILLAGE, "/", 0);
  }

  static final Organization BRANCH = org(OrganizationKind.BRANCH, "一支部");

  static final MemberRules.Draft VALID = new MemberRules.Draft("QS-001", "张三", Gender.MALE, MemberCategory.VILLAGE,
      VillageType.WITH_POST, BRANCH, LocalDate.of(1990, 7, 1), "13800138000");

  static MemberRules.Draft with(UnaryOperator<Draft> change) {
    Draft d = change.apply(new Draft());
    return new MemberRules.Draft(d.code, d.name, d.gender, d.category, d.villageType, d.branch, d.joinDate, d.phone);
  }

  /** The valid record as a mutable copy, so that each row of the table says only what it changes. */
  static final class Draft {
    String code = VALID.code();
    String name = VALID.name();
    Gender gender = VALID.gender();
    MemberCategory category = VALID.category();
    VillageType villageType = VALID.villageType();
    Organization branch = VALID.branch();
    LocalDate joinDate = VALID.joinDate();
    String phone = VALID.phone();
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        row("a missing code", d -> d.code = null, "code", "REQUIRED"),
        row("a blank code", d -> d.code = "  ", "code", "REQUIRED"),
        row("a code with a space", d -> d.code = "QS 001", "code", "INVALID_CODE"),
        row("a code starting with a dash", d -> d.code = "-QS001", "code", "INVALID_CODE"),
        row("a code of 33 characters", d -> d.code = "Q".repeat(33), "code", "INVALID_CODE"),
        row("a missing name", d -> d.name = null, "name", "REQUIRED"),
        row("a blank name", d -> d.name = "", "name", "REQUIRED"),
        row("a name of 51 characters", d -> d.name = "张".repeat(51), "name", "TOO_LONG"),
        row("a missing gender", d -> d.gender = null, "gender", "REQUIRED"),
        row("a missing category", d -> { d.category = null; d.villageType = null; }, "category", "REQUIRED"),
        row("a village type on an organ member", d -> d.category = MemberCategory.ORGAN, "villageType", "TYPE_NOT_APPLICABLE"),
        row("a village type on a hospital member", d -> d.category = MemberCategory.HOSPITAL, "villageType",
            "TYPE_NOT_APPLICABLE"),
        row("a village member without a type", d -> d.villageType = null, "villageType", "TYPE_REQUIRED"),
        row("a community member without a type", d -> { d.category = MemberCategory.COMMUNITY; d.villageType = null; },
            "villageType", "TYPE_REQUIRED"),
        row("no branch", d -> d.branch = null, "branch", "REQUIRED"),
        row("a general branch instead of a branch", d -> d.branch = org(OrganizationKind.GENERAL_BRANCH, "第一党总支"),
            "branch", "NOT_A_BRANCH"),
        row("a committee instead of a branch", d -> d.branch = org(OrganizationKind.COMMITTEE, "青山镇党委"), "branch",
            "NOT_A_BRANCH"),
        row("a join date tomorrow", d -> d.joinDate = TODAY.plusDays(1), "joinDate", "INVALID_JOIN_DATE"),
        row("a join date before the Party was founded", d -> d.joinDate = LocalDate.of(1921, 6, 30), "joinDate",
            "INVALID_JOIN_DATE"),
        row("a mobile number of 10 digits", d -> d.phone = "1380013800", "phone", "INVALID_PHONE"),
        row("a mobile number not starting with 1", d -> d.phone = "23800138000", "phone", "INVALID_PHONE"),
        row("a landline without its area code", d -> d.phone = "87654321", "phone", "INVALID_PHONE"),
        row("a phone with letters", d -> d.phone = "138-ABCD-0000", "phone", "INVALID_PHONE"));
  }

  static Arguments row(String what, java.util.function.Consumer<Draft> change, String field, String code) {
    return Arguments.of(what, (UnaryOperator<Draft>) d -> {
      change.accept(d);
      return d;
    }, field, code);
  }

  @ParameterizedTest(name = "{0} is refused on {2} as {3}")
  @MethodSource("refused")
  void aRecordIsRefusedOnTheOneFieldThatBreaksARule(String what, UnaryOperator<Draft> change, String field, String code) {
    List<MemberRules.Problem> problems = MemberRules.check(with(change), TODAY);
    assertThat(problems).extracting(MemberRules.Problem::field, MemberRules.Problem::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(field, code));
    assertThat(problems.getFirst().message()).as("a Chinese reason for the clerk").containsPattern("\\p{IsHan}");
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        row("the valid record itself", d -> { }, null, null),
        row("a code of 32 characters with dash and underscore", d -> d.code = "Q" + "-_".repeat(15) + "1", null, null),
        row("a name of 50 characters", d -> d.name = "张".repeat(50), null, null),
        row("no join date", d -> d.joinDate = null, null, null),
        row("a join date today", d -> d.joinDate = TODAY, null, null),
        row("a join date on the founding day", d -> d.joinDate = LocalDate.of(1921, 7, 1), null, null),
        row("no phone", d -> d.phone = null, null, null),
        row("a blank phone", d -> d.phone = " ", null, null),
        row("a landline with a three-digit area code and dash", d -> d.phone = "010-12345678", null, null),
        row("a landline with a four-digit area code, no dash", d -> d.phone = "07551234567", null, null),
        row("an organ member without a village type", d -> { d.category = MemberCategory.ORGAN; d.villageType = null; },
            null, null),
        row("a mobile village member", d -> d.villageType = VillageType.MOBILE, null, null));
  }

  @ParameterizedTest(name = "{0} is accepted")
  @MethodSource("accepted")
  void aRecordWithinTheRulesIsAccepted(String what, UnaryOperator<Draft> change, String field, String code) {
    assertThat(MemberRules.check(with(change), TODAY)).isEmpty();
  }

  @Test
  void anEmptyRecordNamesEveryRequiredFieldAtOnce() {
    var empty = new MemberRules.Draft(null, null, null, null, null, null, null, null);
    assertThat(MemberRules.check(empty, TODAY)).extracting(MemberRules.Problem::field)
        .containsExactly("code", "name", "gender", "category", "branch");
  }
}
