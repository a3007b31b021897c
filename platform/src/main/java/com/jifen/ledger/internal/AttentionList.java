package com.jifen.ledger.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.ledger.AttentionMember;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.BranchId;
import com.jifen.shared.MemberId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The branch's self-separation attention list (自行脱党关注名单). */
@Service
public class AttentionList {
  private final TenantScope scope;
  private final MemberService members;
  private final SchemeService schemes;
  private final RecordAttendance attendance;

  AttentionList(TenantScope scope, MemberService members, SchemeService schemes, RecordAttendance attendance) {
    this.scope = scope;
    this.members = members;
    this.schemes = schemes;
    this.attendance = attendance;
  }

  /**
   * Members of a branch with no organizational life or dues (the scheme's selfSeparation items: an item scored
   * above zero, or an entry of that kind) in each of the last N months up to the given one.
   */
  public Mono<List<AttentionMember>> attention(CurrentUser user, BranchId branch, int year, int month) {
    TenantId tenant = user.requireTenant();
    return scope.inTx(tenant, tx -> members.requireManages(tx, user, branch.organization(), "只有本支部书记或乡镇管理员可以查看关注名单")
        .then(members.inBranch(tx, branch).filter(Member::scored).collectList())
        .flatMap(list -> list.isEmpty() ? Mono.just(List.<AttentionMember>of())
            : schemes.pinnedEngine(tx, year, list.getFirst().category().name())
                .flatMap(p -> attention(tx, list, p.engine().scheme(), year, month))));
  }

  /**
   * 自行脱党 attention (docs/DOMAIN.md, The yearly cycle, step 7): a member whose last {@code window} months of one of the
   * scheme's items (organizational life, dues) are all recorded absences. A month counts as absent only when recorded so:
   * ticked absent in the branch's bulk record (RecordAttendance), or else scored 0 in a confirmed month sheet. A month
   * with no record at all, or before the member was on the branch's roster, is not an absence and ends the streak.
   */
  private Mono<List<AttentionMember>> attention(TenantTx tx, List<Member> list, Scheme scheme, int year, int month) {
    if (scheme.selfSeparation() == null) {
      return Mono.just(List.of());
    }
    int window = scheme.selfSeparation().months();
    List<String> items = scheme.selfSeparation().items();
    int end = year * 12 + month - 1;
    int start = end - 120;
    List<MemberId> ids = list.stream().map(Member::id).toList();
    return Mono.zip(attendance.recorded(tx, ids, start, end), LedgerQueries.presence(tx, ids, items, start, end))
        .map(t -> onTheList(list, items, window, start, end, t.getT1(), t.getT2()));
  }

  /**
   * The members whose longest run of recorded absences, counted back from {@code end}, reaches {@code window} months.
   * Presence per member, item and month index: the bulk record first, the ledger where the bulk record has none.
   */
  static List<AttentionMember> onTheList(List<Member> list, List<String> items, int window, int start, int end,
      Map<MemberId, Map<String, Map<Integer, Boolean>>> bulkRecords, Map<MemberId, Map<String, Map<Integer, Boolean>>> ledger) {
    List<AttentionMember> result = new ArrayList<>();
    for (Member m : list) {
      MemberId id = m.id();
      int longest = 0;
      Integer lastPresent = null;
      for (String item : items) {
        Map<Integer, Boolean> bulk = bulkRecords.getOrDefault(id, Map.of()).getOrDefault(item, Map.of());
        Map<Integer, Boolean> scored = ledger.getOrDefault(id, Map.of()).getOrDefault(item, Map.of());
        int streak = 0;
        boolean counting = true;
        for (int ym = end; ym >= start; ym--) {
          Boolean present = bulk.containsKey(ym) ? bulk.get(ym) : scored.get(ym);
          if (Boolean.TRUE.equals(present)) {
            lastPresent = lastPresent == null ? ym : Math.max(lastPresent, ym);
            break;
          }
          if (present == null) {
            counting = false;
          } else if (counting) {
            streak++;
          }
        }
        longest = Math.max(longest, streak);
      }
      if (longest >= window) {
        result.add(new AttentionMember(m, longest, lastPresent == null ? null : "%d-%02d".formatted(lastPresent / 12, lastPresent % 12 + 1)));
      }
    }
    return result;
  }
}
