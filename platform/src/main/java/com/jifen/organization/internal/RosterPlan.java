package com.jifen.organization.internal;

import com.jifen.organization.Gender;
import com.jifen.organization.Member;
import com.jifen.organization.MemberCategory;
import com.jifen.organization.MemberRules;
import com.jifen.organization.MemberService.NewMember;
import com.jifen.organization.Organization;
import com.jifen.organization.RowError;
import com.jifen.organization.VillageType;
import com.jifen.organization.internal.ImportRoster.RosterChange;
import com.jifen.shared.Ids;
import com.jifen.shared.MemberId;
import com.jifen.shared.OrganizationId;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a roster sheet asks for, decided without the database: every bad cell as a {@link RowError} with its row and
 * column, or the members to create and the members to update with the changes a clerk previews. Pure, so that the
 * import stores all rows or none ({@link ImportRoster}) and the rules read in one place.
 */
final class RosterPlan {
  private RosterPlan() {}

  /** A member on the roster and the fields the sheet changes (phone, type, branch; null where unchanged). */
  record Update(Member member, String phone, VillageType villageType, Organization branch) {}

  /** What a valid sheet does: members to create and members to update, with the changes a clerk sees. */
  record Plan(List<NewMember> created, List<Update> updates, List<RosterChange> changes) {}

  static final String CODE = "编号";
  static final String NAME = "姓名";
  static final String GENDER = "性别";
  static final String CATEGORY = "党员类别";
  static final String TYPE = "类型";
  static final String BRANCH = "所在支部";
  static final String JOIN_DATE = "入党日期";
  static final String PHONE = "联系电话";
  static final String ACCOUNT = "账号";
  static final List<String> REQUIRED_COLUMNS = List.of(CODE, NAME, GENDER, CATEGORY, BRANCH);
  /** MemberRules field → the column a clerk sees. */
  private static final Map<String, String> COLUMN_OF_FIELD = Map.of(
      "code", CODE, "name", NAME, "gender", GENDER, "category", CATEGORY, "villageType", TYPE,
      "branch", BRANCH, "joinDate", JOIN_DATE, "phone", PHONE);
  private static final Pattern CHINESE_DATE = Pattern.compile("^(\\d{4})\\s*[年./-]\\s*(\\d{1,2})\\s*[月./-]\\s*(\\d{1,2})\\s*日?$");
  private static final Pattern YEAR_MONTH = Pattern.compile("^(\\d{4})\\s*[年./-]\\s*(\\d{1,2})\\s*月?$");

  static Plan validate(RosterSheet sheet, Map<String, Organization> branches, Map<OrganizationId, Organization> byId,
      Map<String, Member> existing, List<RowError> errors, LocalDate today) {
    Map<String, Integer> column = new HashMap<>();
    for (int i = 0; i < sheet.header().size(); i++) {
      column.put(sheet.header().get(i), i);
    }
    for (String required : REQUIRED_COLUMNS) {
      if (!column.containsKey(required)) {
        errors.add(new RowError(1, required, "表头缺少“%s”列".formatted(required), "MISSING_COLUMN"));
      }
    }
    if (!errors.isEmpty()) {
      return new Plan(List.of(), List.of(), List.of());
    }
    Set<String> seen = new HashSet<>();
    List<NewMember> ready = new ArrayList<>();
    List<Update> updates = new ArrayList<>();
    List<RosterChange> changes = new ArrayList<>();
    for (RosterSheet.Line line : sheet.lines()) {
      int before = errors.size();
      String code = cell(line, column, CODE);
      String genderText = cell(line, column, GENDER);
      Gender gender = genderText.isEmpty() ? null : Gender.parse(genderText).orElseGet(() -> {
        errors.add(new RowError(line.row(), GENDER, "性别应为“男”或“女”: " + genderText, "INVALID_GENDER"));
        return null;
      });
      String categoryText = cell(line, column, CATEGORY);
      MemberCategory category = categoryText.isEmpty() ? null : MemberCategory.parse(categoryText).orElseGet(() -> {
        errors.add(new RowError(line.row(), CATEGORY, "党员类别应为 农村/社区/机关/企业/医院/社会组织: " + categoryText, "INVALID_CATEGORY"));
        return null;
      });
      String typeText = cell(line, column, TYPE);
      VillageType type = typeText.isEmpty() ? null : VillageType.parse(typeText).orElseGet(() -> {
        errors.add(new RowError(line.row(), TYPE, "类型应为 有职/无职/流动: " + typeText, "INVALID_TYPE"));
        return null;
      });
      String branchText = cell(line, column, BRANCH);
      Organization branch = branchText.isEmpty() ? null : Optional.ofNullable(branches.get(branchText)).orElseGet(() -> {
        errors.add(new RowError(line.row(), BRANCH, "找不到党组织“%s”，请先建立该支部或核对名称".formatted(branchText), "UNKNOWN_BRANCH"));
        return null;
      });
      String dateText = cell(line, column, JOIN_DATE);
      LocalDate joinDate = dateText.isEmpty() ? null : parseDate(dateText).orElseGet(() -> {
        errors.add(new RowError(line.row(), JOIN_DATE, "入党日期格式应为 2001-07-01 或 2001年7月1日: " + dateText, "INVALID_DATE"));
        return null;
      });
      var draft = new MemberRules.Draft(code, cell(line, column, NAME), gender, category, type, branch, joinDate,
          cell(line, column, PHONE));
      for (MemberRules.Problem p : MemberRules.check(draft, today)) {
        // a cell already refused while parsing is not reported twice as "required"
        String col = COLUMN_OF_FIELD.get(p.field());
        boolean alreadyReported = errors.subList(before, errors.size()).stream().anyMatch(e -> col.equals(e.column()));
        if (!alreadyReported) {
          errors.add(new RowError(line.row(), col, p.message(), p.code()));
        }
      }
      Member known = existing.get(code);
      if (!code.isEmpty() && !seen.add(code)) {
        errors.add(new RowError(line.row(), CODE, "编号在名册中重复: " + code, "DUPLICATE_IN_SHEET"));
      } else if (known != null && errors.size() == before) {
        compare(line.row(), known, draft, byId, errors, changes).ifPresent(updates::add);
      }
      if (errors.size() == before && known == null) {
        String account = cell(line, column, ACCOUNT);
        ready.add(new NewMember(new MemberId(Ids.newId()), draft, account.isEmpty() ? null : account, null));
      }
    }
    return new Plan(ready, updates, changes);
  }

  /**
   * A row for a member already on the roster: the same person (name, gender, category and join date agree) whose phone,
   * type and branch the sheet may change. Anything else differing is refused, naming the member by code and name,
   * since it more likely means a wrong code than a change (those fields are edited on the member's own record).
   */
  private static Optional<Update> compare(int row, Member known, MemberRules.Draft draft, Map<OrganizationId, Organization> byId,
      List<RowError> errors, List<RosterChange> changes) {
    String who = "%s %s".formatted(known.code(), known.name());
    if (known.status() != Member.MemberStatus.ACTIVE) {
      errors.add(new RowError(row, CODE, "党员 %s 已离开（%s），不能通过名册更新".formatted(who, known.leftReason()), "MEMBER_LEFT"));
      return Optional.empty();
    }
    if (!known.name().equals(draft.name())) {
      errors.add(new RowError(row, NAME, "编号 %s 在册党员是“%s”，名册中是“%s”，请核对编号".formatted(known.code(), known.name(), draft.name()),
          "NAME_MISMATCH"));
      return Optional.empty();
    }
    int before = errors.size();
    if (known.gender() != draft.gender()) {
      errors.add(notUpdatable(row, GENDER, who, known.gender().chinese(), draft.gender().chinese()));
    }
    if (known.category() != draft.category()) {
      errors.add(notUpdatable(row, CATEGORY, who, known.category().chinese(), draft.category().chinese()));
    }
    if (draft.joinDate() != null && !draft.joinDate().equals(known.joinDate())) {
      errors.add(notUpdatable(row, JOIN_DATE, who, String.valueOf(known.joinDate()), draft.joinDate().toString()));
    }
    if (errors.size() > before) {
      return Optional.empty();
    }
    String phone = null;
    VillageType type = null;
    Organization branch = null;
    if (draft.phone() != null && !draft.phone().isBlank() && !draft.phone().equals(known.phone())) {
      phone = draft.phone();
      changes.add(new RosterChange(row, known.code(), known.name(), PHONE, known.phone(), phone));
    }
    if (draft.villageType() != known.villageType()) {
      type = draft.villageType();
      changes.add(new RosterChange(row, known.code(), known.name(), TYPE,
          known.villageType() == null ? null : known.villageType().chinese(), type.chinese()));
    }
    if (!draft.branch().branchId().equals(known.branchId())) {
      branch = draft.branch();
      Organization from = byId.get(known.branchId().organization());
      changes.add(new RosterChange(row, known.code(), known.name(), BRANCH, from == null ? null : from.name(), branch.name()));
    }
    return phone == null && type == null && branch == null ? Optional.empty() : Optional.of(new Update(known, phone, type, branch));
  }

  private static RowError notUpdatable(int row, String column, String who, String before, String after) {
    return new RowError(row, column, "党员 %s 的%s在册为“%s”，名册中为“%s”；重新导入只更新联系电话、类型和所在支部，其他信息请在党员信息中修改"
        .formatted(who, column, before, after), "NOT_UPDATABLE");
  }

  private static String cell(RosterSheet.Line line, Map<String, Integer> column, String name) {
    Integer index = column.get(name);
    return index == null ? "" : line.cell(index);
  }

  static Optional<LocalDate> parseDate(String text) {
    try {
      return Optional.of(LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE));
    } catch (DateTimeParseException ignored) {
      // other layouts below
    }
    try {
      Matcher m = CHINESE_DATE.matcher(text);
      if (m.matches()) {
        return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
      }
      m = YEAR_MONTH.matcher(text);
      if (m.matches()) {
        return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1));
      }
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
