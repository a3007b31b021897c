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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Imports a roster in the column layout of the seeds' registration forms (党员积分登记表):
 * 编号, 姓名, 性别, 党员类别, 类型, 所在支部, 入党日期, 联系电话 [, 账号]. All rows or none: every bad cell is
 * reported with its row and column, and nothing is stored unless every row is good.
 */
@Service
public class RosterImportService {
  public enum RosterFormat { CSV, XLSX }

  public record ImportRosterInput(RosterFormat format, String content) {}

  public record RowError(int row, String column, String message, String code) {}

  public record ImportRosterPayload(int imported, List<RowError> errors) {}

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

  RosterImportService(TenantScope scope, OrganizationService organizations, MemberService members, AuditLog audit) {
    this.scope = scope;
    this.organizations = organizations;
    this.members = members;
    this.audit = audit;
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
    return scope.mono(tenant, db -> organizations.all(db, tenant).collectList().flatMap(orgs -> {
      Map<String, Organization> branches = new HashMap<>();
      for (Organization o : orgs) {
        branches.put(o.code(), o);
        branches.putIfAbsent(o.name(), o);
      }
      List<String> codes = sheet.lines().stream().map(l -> l.cell(sheet.header().indexOf(CODE))).toList();
      return db.sql("select code from member where tenant_id = :tenant and code = any(:codes)")
          .bind("tenant", tenant.value()).bind("codes", codes.toArray(String[]::new))
          .map(r -> r.get("code", String.class)).all().collect(java.util.stream.Collectors.toSet())
          .flatMap(existing -> {
            List<RowError> errors = new ArrayList<>();
            List<MemberService.NewMember> ready = validate(sheet, branches, existing, errors);
            if (!errors.isEmpty()) {
              return Mono.just(new ImportRosterPayload(0, errors));
            }
            if (ready.isEmpty()) {
              return Mono.just(new ImportRosterPayload(0, List.of(new RowError(2, null, "名册中没有党员数据", "EMPTY_SHEET"))));
            }
            return members.insert(db, tenant, ready)
                .flatMap(n -> audit.record(db, tenant, user.username(), "importRoster", tenant.value(),
                    Map.of("format", in.format().name(), "rows", n)).thenReturn(new ImportRosterPayload(n.intValue(), List.of())));
          });
    }));
  }

  List<MemberService.NewMember> validate(
      RosterSheet sheet, Map<String, Organization> branches, Set<String> existingCodes, List<RowError> errors) {
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
      return List.of();
    }
    LocalDate today = LocalDate.now();
    Set<String> seen = new HashSet<>();
    List<MemberService.NewMember> ready = new ArrayList<>();
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
      if (!code.isEmpty() && !seen.add(code)) {
        errors.add(new RowError(line.row(), CODE, "编号在名册中重复: " + code, "DUPLICATE_IN_SHEET"));
      } else if (existingCodes.contains(code)) {
        errors.add(new RowError(line.row(), CODE, "编号已被本乡镇其他党员使用: " + code, "DUPLICATE_CODE"));
      }
      if (errors.size() == before) {
        String account = cell(line, column, ACCOUNT);
        ready.add(new MemberService.NewMember(Ids.newId(), draft, account.isEmpty() ? null : account, null));
      }
    }
    return ready;
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
