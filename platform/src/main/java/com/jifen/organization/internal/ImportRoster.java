package com.jifen.organization.internal;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.Organization;
import com.jifen.organization.RowError;
import com.jifen.organization.internal.OrganizationQueries.RosterFields;
import com.jifen.shared.DomainException;
import com.jifen.shared.OrganizationId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Imports a roster in the column layout of the seeds' registration forms (党员积分登记表):
 * 编号, 姓名, 性别, 党员类别, 类型, 所在支部, 入党日期, 联系电话 [, 账号]. All rows or none: every bad cell is
 * reported with its row and column, and nothing is stored unless every row is good. A code already on the roster is
 * the same member again: their phone, type and branch are updated (a clerk re-imports the year's roster), and a
 * preview lists what would change before anything is stored (issue 14, item 14).
 */
@Component
class ImportRoster {
  enum RosterFormat { CSV, XLSX }

  record ImportRosterInput(RosterFormat format, String content, Boolean preview) {}

  /** One field of a member already on the roster that the sheet changes; before/after as a clerk reads them. */
  record RosterChange(int row, String code, String name, String column, String before, String after) {}

  record ImportRosterPayload(boolean preview, int imported, int updated, List<RosterChange> changes, List<RowError> errors) {
    static ImportRosterPayload refused(boolean preview, List<RowError> errors) {
      return new ImportRosterPayload(preview, 0, 0, List.of(), errors);
    }
  }

  private final TenantScope scope;
  private final AddMember members;
  private final AuditLog audit;
  private final Clock clock;

  ImportRoster(TenantScope scope, AddMember members, AuditLog audit, Clock clock) {
    this.scope = scope;
    this.members = members;
    this.audit = audit;
    this.clock = clock;
  }

  Mono<ImportRosterPayload> importRoster(CurrentUser user, ImportRosterInput in) {
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
    return scope.inTx(tenant, tx -> OrganizationQueries.allOrganizations(tx).collectList().flatMap(orgs -> {
      Map<String, Organization> branches = new HashMap<>();
      Map<OrganizationId, Organization> byId = new HashMap<>();
      for (Organization o : orgs) {
        branches.put(o.code(), o);
        branches.putIfAbsent(o.name(), o);
        byId.put(o.id(), o);
      }
      int codeColumn = sheet.header().indexOf(RosterPlan.CODE);
      List<String> codes = codeColumn < 0 ? List.of() : sheet.lines().stream().map(l -> l.cell(codeColumn)).toList();
      return OrganizationQueries.membersByCodes(tx, codes).collectMap(Member::code)
          .flatMap(existing -> {
            List<RowError> errors = new ArrayList<>();
            RosterPlan.Plan plan = RosterPlan.validate(sheet, branches, byId, existing, errors, LocalDate.now(clock));
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
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("format", in.format().name());
            detail.put("rows", plan.created().size());
            detail.put("updated", plan.updates().size());
            detail.put("changes", plan.changes().stream().map(c -> c.code() + " " + c.column() + ": " + c.before() + " → " + c.after()).toList());
            return members.insert(tx, plan.created())
                .then(update(tx, plan.updates(), clock.instant()))
                .then(audit.record(tx, user.username(), "importRoster", tenant.value(), detail))
                .thenReturn(done);
          });
    }));
  }

  /** One UPDATE for every changed member, each guarded by the version read with the sheet (a concurrent edit wins). */
  private static Mono<Void> update(TenantTx tx, List<RosterPlan.Update> updates, Instant at) {
    if (updates.isEmpty()) {
      return Mono.empty();
    }
    List<RosterFields> rows = updates.stream().map(u -> new RosterFields(u.member(),
        u.phone() == null ? u.member().phone() : u.phone(),
        u.villageType() == null ? u.member().villageType() : u.villageType(),
        u.branch() == null ? u.member().branchId() : u.branch().branchId())).toList();
    return OrganizationQueries.updateFromRoster(tx, rows, at)
        .flatMap(n -> n == rows.size() ? Mono.<Void>empty() : Mono.error(DomainException.conflict("STALE_VERSION",
            "导入期间有党员信息被他人修改，请重新预览后导入", Map.of())));
  }
}
