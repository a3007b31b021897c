package com.jifen.organization;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules a member record must satisfy, whether it comes from the form (createMember) or from a roster
 * sheet: one place for them, so both paths refuse the same things with the same words.
 */
public final class MemberRules {
  static final Pattern CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$");
  static final Pattern MOBILE = Pattern.compile("^1\\d{10}$");
  static final Pattern LANDLINE = Pattern.compile("^0\\d{2,3}-?\\d{7,8}$");
  /** The founding of the Party; no join date can be earlier. */
  static final LocalDate EARLIEST_JOIN = LocalDate.of(1921, 7, 1);

  private MemberRules() {}

  /** A member's fields as entered; null where not given. */
  public record Draft(
      String code,
      String name,
      Gender gender,
      MemberCategory category,
      VillageType villageType,
      Organization branch,
      LocalDate joinDate,
      String phone) {}

  /** One refused field: which one, an English code and the Chinese reason. */
  public record Problem(String field, String code, String message) {}

  /** The shape of a member's and an organization's code. */
  public static boolean validCode(String code) {
    return CODE.matcher(code).matches();
  }

  public static List<Problem> check(Draft d, LocalDate today) {
    List<Problem> problems = new ArrayList<>();
    if (d.code() == null || d.code().isBlank()) {
      problems.add(new Problem("code", "REQUIRED", "党员编号不能为空"));
    } else if (!validCode(d.code())) {
      problems.add(new Problem("code", "INVALID_CODE", "党员编号只能包含字母、数字、-、_，不超过 32 位: " + d.code()));
    }
    if (d.name() == null || d.name().isBlank()) {
      problems.add(new Problem("name", "REQUIRED", "姓名不能为空"));
    } else if (d.name().length() > 50) {
      problems.add(new Problem("name", "TOO_LONG", "姓名不能超过 50 个字"));
    }
    if (d.gender() == null) {
      problems.add(new Problem("gender", "REQUIRED", "性别不能为空，应为“男”或“女”"));
    }
    if (d.category() == null) {
      problems.add(new Problem("category", "REQUIRED", "党员类别不能为空，应为 农村/社区/机关/企业/医院/社会组织"));
    } else if (d.villageType() != null && !d.category().typed()) {
      problems.add(new Problem("villageType", "TYPE_NOT_APPLICABLE",
          "只有农村、社区党员区分有职/无职/流动，%s党员不填类型".formatted(d.category().chinese())));
    }
    if (d.category() != null && d.category().typed() && d.villageType() == null) {
      // docs/DOMAIN.md, Glossary: village and community members are typed with post / without post / mobile (S3's action card)
      problems.add(new Problem("villageType", "TYPE_REQUIRED",
          "%s党员须填写类型：有职、无职或流动".formatted(d.category().chinese())));
    }
    if (d.branch() == null) {
      problems.add(new Problem("branch", "REQUIRED", "所在支部不能为空"));
    } else if (d.branch().kind() != OrganizationKind.BRANCH) {
      problems.add(new Problem("branch", "NOT_A_BRANCH",
          "党员只能编入党支部，“%s”是%s".formatted(d.branch().name(), d.branch().kind().chinese())));
    }
    if (d.joinDate() != null && (d.joinDate().isAfter(today) || d.joinDate().isBefore(EARLIEST_JOIN))) {
      problems.add(new Problem("joinDate", "INVALID_JOIN_DATE", "入党日期不合理: " + d.joinDate()));
    }
    if (d.phone() != null && !d.phone().isBlank()
        && !MOBILE.matcher(d.phone()).matches() && !LANDLINE.matcher(d.phone()).matches()) {
      problems.add(new Problem("phone", "INVALID_PHONE", "联系电话应为 11 位手机号或带区号的固定电话: " + d.phone()));
    }
    return problems;
  }
}
