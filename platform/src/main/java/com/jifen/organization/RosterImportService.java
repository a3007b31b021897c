package com.jifen.organization;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Imports a roster in the column layout of the seeds' registration forms (党员积分登记表):
 * 编号, 姓名, 性别, 党员类别, 类型, 所在支部, 入党日期, 联系电话 [, 账号]. All rows or none: every bad cell is
 * reported with its row and column, and nothing is stored unless every row is good. A code already on the roster is
 * the same member again: their phone, type and branch are updated (a clerk re-imports the year's roster), and a
 * preview lists what would change before anything is stored (issue 14, item 14).
 */
@Service
public class RosterImportService {
  public enum RosterFormat { CSV, XLSX }

  public record ImportRosterInput(RosterFormat format, String content, Boolean preview) {}

  public record RowError(int row, String column, String message, String code) {}

  /** One field of a member already on the roster that the sheet changes; before/after as a clerk reads them. */
  public record RosterChange(int row, String code, String name, String column, String before, String after) {}

  public record ImportRosterPayload(boolean preview, int imported, int updated, List<RosterChange> changes, List<RowError> errors) {
    static ImportRosterPayload refused(boolean preview, List<RowError> errors) {
      return new ImportRosterPayload(preview, 0, 0, List.of(), errors);
    }
  }

  /** A member on the roster and the fields the sheet changes (phone, type, branch; null where unchanged). */
  record Update(Member member, String phone, VillageType villageType, Organization branch) {}

  /** What a valid sheet does: members to create and members to update, with the changes a clerk sees. */
  record Plan(List<MemberService.NewMember> created, List<Update> updates, List<RosterChange> changes) {}

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

  private final TenantScope scope;
  private final OrganizationService organizations;
  private final MemberService members;
  private final AuditLog audit;
  private final java.time.Clock clock;

  RosterImportService(TenantScope scope, OrganizationService organizations, MemberService members, AuditLog audit, java.time.Clock clock) {
    this.scope = scope;
    this.organizations = organizations;
    this.members = members;
    this.audit = audit;
    this.clock = clock;
  }

  public Mono<ImportRosterPayload> importRoster(CurrentUser user, ImportRosterInput in) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    RosterSheet sheet = switch (in.format()) {
      case CSV -> RosterSheet.csv(in.content());
      case XLSX -> {
        try {
          yield RosterSheet.xlsx(Base64.getMimeDecoder().decode(in.content()));
        } catch (IllegalArgumentException e) {
          throw DomainException.badRequest("INVALID_BASE64", "XLSX 内容须为 Base64 编码");
        }
      }
    };
    boolean preview = Boolean.TRUE.equals(in.preview());
    return scope.mono(tenant, db -> organizations.all(db, tenant).collectList().flatMap(orgs -> {
      Map<String, Organization> branches = new HashMap<>();
      Map<UUID, Organization> byId = new HashMap<>();
      for (Organization o : orgs) {
        branches.put(o.code(), o);
        branches.putIfAbsent(o.name(), o);
        byId.put(o.id(), o);
      }
      int codeColumn = sheet.header().indexOf(CODE);
      List<String> codes = codeColumn < 0 ? List.of() : sheet.lines().stream().map(l -> l.cell(codeColumn)).toList();
      return db.sql("select " + Member.COLUMNS + " from member where tenant_id = :tenant and code = any(:codes)")
          .bind("tenant", tenant.value()).bind("codes", codes.toArray(String[]::new))
          .map(Member::read).all().collectMap(Member::code)
          .flatMap(existing -> {
            List<RowError> errors = new ArrayList<>();
            Plan plan = validate(sheet, branches, byId, existing, errors);
            if (!errors.isEmpty()) {
              return Mono.just(ImportRosterPayload.refused(preview, errors));
            }
            if (plan.created().isEmpty() && plan.updates().isEmpty() && sheet.lines().isEmpty()) {
              return Mono.just(ImportRosterPayload.refused(preview, List.of(new RowError(2, null, "名册中没有党员数据", "EMPTY_SHEET"))));
            }
            var done = new ImportRosterPayload(preview, plan.created().size(), plan.updates().size(), plan.changes(), List.of());
            if (preview) {
              return Mono.just(done);
            }
            Map<String, Object> detail = new java.util.LinkedHashMap<>();
            detail.put("format", in.format().name());
            detail.put("rows", plan.created().size());
            detail.put("updated", plan.updates().size());
            detail.put("changes", plan.changes().stream().map(c -> c.code() + " " + c.column() + ": " + c.before() + " → " + c.after()).toList());
            return members.insert(db, tenant, plan.created())
                .then(update(db, tenant, plan.updates()))
                .then(audit.record(db, tenant, user.username(), "importRoster", tenant.value(), detail))
                .thenReturn(done);
          });
    }));
  }

  /** One UPDATE for every changed member, each guarded by the version read with the sheet (a concurrent edit wins). */
  private Mono<Void> update(org.springframework.r2dbc.core.DatabaseClient db, TenantId tenant, List<Update> updates) {
    if (updates.isEmpty()) {
      return Mono.empty();
    }
    int n = updates.size();
    UUID[] ids = new UUID[n];
    Integer[] versions = new Integer[n];
    String[] phones = new String[n];
    String[] types = new String[n];
    UUID[] branchIds = new UUID[n];
    for (int i = 0; i < n; i++) {
      Update u = updates.get(i);
      ids[i] = u.member().id();
      versions[i] = u.member().version();
      phones[i] = u.phone() == null ? u.member().phone() : u.phone();
      VillageType type = u.villageType() == null ? u.member().villageType() : u.villageType();
      types[i] = type == null ? null : type.name();
      branchIds[i] = u.branch() == null ? u.member().branchId() : u.branch().id();
    }
    return db.sql("update member m set phone = u.phone, village_type = u.vt, branch_id = u.branch, version = m.version + 1, "
            + "updated_at = now() from unnest(:ids::uuid[], :versions::int[], :phones::text[], :types::text[], :branches::uuid[]) "
            + "as u(id, version, phone, vt, branch) where m.tenant_id = :tenant and m.member_id = u.id and m.version = u.version")
        .bind("ids", ids).bind("versions", versions).bind("phones", phones).bind("types", types).bind("branches", branchIds)
        .bind("tenant", tenant.value())
        .fetch().rowsUpdated()
        .flatMap(rows -> rows == n ? Mono.<Void>empty() : Mono.error(DomainException.conflict("STALE_VERSION",
            "导入期间有党员信息被他人修改，请重新预览后导入", Map.of())));
  }

  Plan validate(RosterSheet sheet, Map<String, Organization> branches, Map<UUID, Organization> byId, Map<String, Member> existing,
      List<RowError> errors) {
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
    LocalDate today = LocalDate.now(clock);
    Set<String> seen = new HashSet<>();
    List<MemberService.NewMember> ready = new ArrayList<>();
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
        ready.add(new MemberService.NewMember(Ids.newId(), draft, account.isEmpty() ? null : account, null));
      }
    }
    return new Plan(ready, updates, changes);
  }

  /**
   * A row for a member already on the roster: the same person (name, gender, category and join date agree) whose phone,
   * type and branch the sheet may change. Anything else differing is refused, naming the member by code and name,
   * since it more likely means a wrong code than a change (those fields are edited on the member's own record).
   */
  private static Optional<Update> compare(int row, Member known, MemberRules.Draft draft, Map<UUID, Organization> byId,
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
    if (!draft.branch().id().equals(known.branchId())) {
      branch = draft.branch();
      Organization from = byId.get(known.branchId());
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
