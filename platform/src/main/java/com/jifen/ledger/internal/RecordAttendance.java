package com.jifen.ledger.internal;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.scheme.SchemeService;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.MemberId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 组织生活和党费 in bulk (issue 14, item 10; docs/DOMAIN.md, The yearly cycle, step 7): a branch records a month's
 * organizational life or dues once for all its members, ticking only the absent. The self-separation attention list reads
 * these records, so only a recorded absence counts as one.
 */
@Service
public class RecordAttendance {
  private final TenantScope scope;
  private final MemberService members;
  private final SchemeService schemes;
  private final AuditLog audit;
  private final Clock clock;

  RecordAttendance(TenantScope scope, MemberService members, SchemeService schemes, AuditLog audit, Clock clock) {
    this.scope = scope;
    this.members = members;
    this.schemes = schemes;
    this.audit = audit;
    this.clock = clock;
  }

  public record RecordAttendanceInput(String branchId, int year, int month, String item, List<String> absentMemberIds,
      LocalDate heldOn, String note) {}

  /** A month's record for the branch: who was expected, who was absent (the latest revision). */
  public record BranchAttendance(BranchId branchId, int year, int month, String item, int revision, LocalDate heldOn, String note,
      List<Member> present, List<Member> absent, String recordedBy) {}

  public Mono<BranchAttendance> record(CurrentUser user, RecordAttendanceInput in) {
    TenantId tenant = user.requireTenant();
    BranchId branch = BranchId.parse(in.branchId());
    if (in.month() < 1 || in.month() > 12) {
      throw DomainException.badRequest("INVALID_MONTH", "月份须在 1–12 之间: " + in.month());
    }
    if (YearMonth.of(in.year(), in.month()).isAfter(YearMonth.now(clock))) {
      throw DomainException.badRequest("FUTURE_MONTH", "%d 年 %d 月尚未到来，不能登记".formatted(in.year(), in.month()));
    }
    Set<MemberId> absent = new LinkedHashSet<>();
    (in.absentMemberIds() == null ? List.<String>of() : in.absentMemberIds()).forEach(id -> absent.add(MemberId.parse(id)));
    return scope.inTx(tenant, tx -> members.requireManages(tx, user, branch.organization(), "只有本支部书记或乡镇管理员可以登记本支部的组织生活和党费")
        .then(members.inBranch(tx, branch).collectList())
        .flatMap(roster -> {
          // who was on the roster that month: a member who joined later is not expected, so never absent
          LocalDate monthEnd = YearMonth.of(in.year(), in.month()).atEndOfMonth();
          List<Member> expected = roster.stream().filter(Member::scored)
              .filter(m -> m.joinDate() == null || !m.joinDate().isAfter(monthEnd)).toList();
          if (expected.isEmpty()) {
            return Mono.error(DomainException.badRequest("EMPTY_BRANCH", "该支部没有参加积分管理的党员"));
          }
          return schemes.pinnedEngine(tx, in.year(), expected.getFirst().category().name()).flatMap(pinned -> {
            var rule = pinned.engine().scheme().selfSeparation();
            if (rule == null || !rule.items().contains(in.item())) {
              return Mono.error(DomainException.badRequest("UNKNOWN_ITEM", "方案中登记组织生活和党费的项目为 %s，没有 %s"
                  .formatted(rule == null ? "（无）" : String.join("、", rule.items()), in.item())));
            }
            Set<MemberId> ids = new LinkedHashSet<>(expected.stream().map(Member::id).toList());
            if (!ids.containsAll(absent)) {
              Map<MemberId, Member> byId = new HashMap<>();
              roster.forEach(m -> byId.put(m.id(), m));
              return Mono.error(DomainException.badRequest("NOT_IN_BRANCH", "%d 年 %d 月本支部参加积分管理的党员中没有：%s".formatted(
                  in.year(), in.month(), String.join("、", absent.stream().filter(a -> !ids.contains(a))
                      .map(a -> byId.containsKey(a) ? byId.get(a).code() + " " + byId.get(a).name() : "（非本支部党员）").toList()))));
            }
            return LedgerQueries.insertAttendance(tx, new LedgerQueries.AttendanceRecord(branch, YearMonth.of(in.year(),
                    in.month()), in.item(), in.heldOn(), in.note() == null || in.note().isBlank() ? null : in.note().trim(),
                    List.copyOf(ids), List.copyOf(absent), user.username()), clock.instant())
                .then(audit.record(tx, user.username(), "recordAttendance", branch.toString(), Map.of("year", in.year(),
                    "month", in.month(), "item", in.item(), "absent", absent.size(), "expected", ids.size())))
                .then(latest(tx, branch, in.year(), in.month(), in.item()));
          });
        }));
  }

  private Mono<BranchAttendance> latest(TenantTx tx, BranchId branch, int year, int month, String item) {
    return LedgerQueries.latestAttendance(tx, branch, YearMonth.of(year, month), item)
        .flatMap(row -> members.byIds(tx, row.expected()).map(byId -> {
          Set<MemberId> absent = Set.copyOf(row.absent());
          List<Member> expected = row.expected().stream().map(byId::get).toList();
          return new BranchAttendance(branch, year, month, item, row.revision(), row.heldOn(), row.note(),
              expected.stream().filter(m -> !absent.contains(m.id())).toList(),
              expected.stream().filter(m -> absent.contains(m.id())).toList(), row.recordedBy());
        }));
  }

  /**
   * Recorded presence per member, item and month index (year × 12 + month − 1) between two months, from the latest
   * revision of each record: true present, false absent; a member not expected that month has no entry.
   */
  public Mono<Map<MemberId, Map<String, Map<Integer, Boolean>>>> recorded(TenantTx tx, List<MemberId> memberIds, int start, int end) {
    return LedgerQueries.attendanceBetween(tx, memberIds, start, end).map(rows -> {
      Map<MemberId, Map<String, Map<Integer, Boolean>>> out = new HashMap<>();
      for (var row : rows) {
        Set<MemberId> absent = Set.copyOf(row.absent());
        for (MemberId m : row.expected()) {
          out.computeIfAbsent(m, k -> new HashMap<>()).computeIfAbsent(row.item(), k -> new HashMap<>())
              .put(row.monthIndex(), !absent.contains(m));
        }
      }
      return out;
    });
  }
}
