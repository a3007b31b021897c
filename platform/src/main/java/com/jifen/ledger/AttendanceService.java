package com.jifen.ledger;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.scheme.SchemeService;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 组织生活和党费 in bulk (issue 14, item 10; docs/DOMAIN.md, The yearly cycle, step 7): a branch records a month's
 * organizational life or dues once for all its members, ticking only the absent. The self-separation attention list reads
 * these records, so only a recorded absence counts as one.
 */
@Service
public class AttendanceService {
  private final TenantScope scope;
  private final MemberService members;
  private final SchemeService schemes;
  private final AuditLog audit;
  private final Clock clock;

  AttendanceService(TenantScope scope, MemberService members, SchemeService schemes, AuditLog audit, Clock clock) {
    this.scope = scope;
    this.members = members;
    this.schemes = schemes;
    this.audit = audit;
    this.clock = clock;
  }

  public record RecordAttendanceInput(String branchId, int year, int month, String item, List<String> absentMemberIds,
      LocalDate heldOn, String note) {}

  /** A month's record for the branch: who was expected, who was absent (the latest revision). */
  public record Attendance(UUID branchId, int year, int month, String item, int revision, LocalDate heldOn, String note,
      List<Member> present, List<Member> absent, String recordedBy) {}

  public Mono<Attendance> record(CurrentUser user, RecordAttendanceInput in) {
    TenantId tenant = user.requireTenant();
    UUID branch = Ids.parse("党支部", in.branchId());
    if (in.month() < 1 || in.month() > 12) {
      throw DomainException.badRequest("INVALID_MONTH", "月份须在 1–12 之间: " + in.month());
    }
    if (YearMonth.of(in.year(), in.month()).isAfter(YearMonth.now(clock))) {
      throw DomainException.badRequest("FUTURE_MONTH", "%d 年 %d 月尚未到来，不能登记".formatted(in.year(), in.month()));
    }
    Set<UUID> absent = new LinkedHashSet<>();
    (in.absentMemberIds() == null ? List.<String>of() : in.absentMemberIds()).forEach(id -> absent.add(Ids.parse("党员", id)));
    return scope.mono(tenant, db -> members.requireManages(db, user, branch, "只有本支部书记或乡镇管理员可以登记本支部的组织生活和党费")
        .then(members.inBranch(db, tenant, branch).collectList())
        .flatMap(roster -> {
          // who was on the roster that month: a member who joined later is not expected, so never absent
          LocalDate monthEnd = YearMonth.of(in.year(), in.month()).atEndOfMonth();
          List<Member> expected = roster.stream().filter(Member::scored)
              .filter(m -> m.joinDate() == null || !m.joinDate().isAfter(monthEnd)).toList();
          if (expected.isEmpty()) {
            return Mono.error(DomainException.badRequest("EMPTY_BRANCH", "该支部没有参加积分管理的党员"));
          }
          return schemes.pinnedEngine(db, tenant, in.year(), expected.getFirst().category().name()).flatMap(pinned -> {
            var rule = pinned.engine().scheme().selfSeparation();
            if (rule == null || !rule.items().contains(in.item())) {
              return Mono.error(DomainException.badRequest("UNKNOWN_ITEM", "方案中登记组织生活和党费的项目为 %s，没有 %s"
                  .formatted(rule == null ? "（无）" : String.join("、", rule.items()), in.item())));
            }
            Set<UUID> ids = new LinkedHashSet<>(expected.stream().map(Member::id).toList());
            if (!ids.containsAll(absent)) {
              Map<UUID, Member> byId = new HashMap<>();
              roster.forEach(m -> byId.put(m.id(), m));
              return Mono.error(DomainException.badRequest("NOT_IN_BRANCH", "%d 年 %d 月本支部参加积分管理的党员中没有：%s".formatted(
                  in.year(), in.month(), String.join("、", absent.stream().filter(a -> !ids.contains(a))
                      .map(a -> byId.containsKey(a) ? byId.get(a).code() + " " + byId.get(a).name() : "（非本支部党员）").toList()))));
            }
            var insert = db.sql("insert into branch_attendance (tenant_id, branch_id, year, month, item, revision, held_on, note, expected, "
                    + "absent, recorded_by) select :t, :b, :y, :m, :item, coalesce(max(revision), 0) + 1, :held, :note, :expected, "
                    + ":absent, :by from branch_attendance where tenant_id = :t and branch_id = :b and year = :y and month = :m "
                    + "and item = :item")
                .bind("t", tenant.value()).bind("b", branch).bind("y", in.year()).bind("m", in.month()).bind("item", in.item())
                .bind("expected", ids.toArray(UUID[]::new)).bind("absent", absent.toArray(UUID[]::new)).bind("by", user.username());
            insert = com.jifen.shared.Sql.bind(insert, "held", in.heldOn(), LocalDate.class);
            insert = com.jifen.shared.Sql.bind(insert, "note", in.note() == null || in.note().isBlank() ? null : in.note().trim(), String.class);
            return insert.fetch().rowsUpdated()
                .then(audit.record(db, tenant, user.username(), "recordAttendance", branch.toString(), Map.of("year", in.year(),
                    "month", in.month(), "item", in.item(), "absent", absent.size(), "expected", ids.size())))
                .then(latest(db, tenant, branch, in.year(), in.month(), in.item()));
          });
        }));
  }

  private Mono<Attendance> latest(DatabaseClient db, TenantId tenant, UUID branch, int year, int month, String item) {
    return db.sql("select * from branch_attendance where tenant_id = :t and branch_id = :b and year = :y and month = :m and item = :item "
            + "order by revision desc limit 1")
        .bind("t", tenant.value()).bind("b", branch).bind("y", year).bind("m", month).bind("item", item)
        .map(r -> new Object[] {r.get("revision", Integer.class), r.get("held_on", LocalDate.class), r.get("note", String.class),
            r.get("expected", UUID[].class), r.get("absent", UUID[].class), r.get("recorded_by", String.class)})
        .one()
        .flatMap(row -> members.byIds(db, tenant, List.of((UUID[]) row[3])).map(byId -> {
          Set<UUID> absent = Set.of((UUID[]) row[4]);
          List<Member> expected = List.of((UUID[]) row[3]).stream().map(byId::get).toList();
          return new Attendance(branch, year, month, item, (Integer) row[0], (LocalDate) row[1], (String) row[2],
              expected.stream().filter(m -> !absent.contains(m.id())).toList(),
              expected.stream().filter(m -> absent.contains(m.id())).toList(), (String) row[5]);
        }));
  }

  /**
   * Recorded presence per member, item and month index (year × 12 + month − 1) between two months, from the latest
   * revision of each record: true present, false absent; a member not expected that month has no entry.
   */
  Mono<Map<UUID, Map<String, Map<Integer, Boolean>>>> recorded(DatabaseClient db, TenantId tenant, List<UUID> memberIds, int start, int end) {
    return db.sql("select distinct on (branch_id, year, month, item) year * 12 + month - 1 as ym, item, expected, absent "
            + "from branch_attendance where tenant_id = :t and expected && :members and year * 12 + month - 1 between :start and :end "
            + "order by branch_id, year, month, item, revision desc")
        .bind("t", tenant.value()).bind("members", memberIds.toArray(UUID[]::new)).bind("start", start).bind("end", end)
        .map(r -> new Object[] {r.get("ym", Integer.class), r.get("item", String.class), r.get("expected", UUID[].class), r.get("absent", UUID[].class)})
        .all().collectList()
        .map(rows -> {
          Map<UUID, Map<String, Map<Integer, Boolean>>> out = new HashMap<>();
          for (Object[] row : rows) {
            Set<UUID> absent = Set.of((UUID[]) row[3]);
            for (UUID m : (UUID[]) row[2]) {
              out.computeIfAbsent(m, k -> new HashMap<>()).computeIfAbsent((String) row[1], k -> new HashMap<>())
                  .put((Integer) row[0], !absent.contains(m));
            }
          }
          return out;
        });
  }
}
