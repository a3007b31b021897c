package com.jifen.ledger.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.BranchId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Reading a branch's month sheet: the scored members, the monthly items of the pinned scheme, drafts and the ledger. */
@Service
public class MonthSheets {
  private static final String MANAGE_BRANCH = "只有本支部书记或乡镇管理员可以操作该支部的积分";

  private final TenantScope scope;
  private final MemberService members;
  private final OrganizationService organizations;
  private final SchemeService schemes;
  private final Clock clock;

  MonthSheets(TenantScope scope, MemberService members, OrganizationService organizations, SchemeService schemes, Clock clock) {
    this.scope = scope;
    this.members = members;
    this.organizations = organizations;
    this.schemes = schemes;
    this.clock = clock;
  }

  /** The scheme a branch's month is scored with, and its monthly items. */
  private record SheetScheme(Optional<SchemeService.Pinned> pinned, List<Scheme.Item> items) {}

  public Mono<MonthSheet> load(MonthSheet.Ref ref) {
    return scope.inTx(ref.tenant(), tx -> load(tx, ref.branch(), YearMonth.of(ref.year(), ref.month())));
  }

  public Mono<MonthSheet> sheet(CurrentUser user, String branchId, int year, int month) {
    TenantId tenant = user.requireTenant();
    BranchId branch = BranchId.parse(branchId);
    YearMonth period = period(year, month);
    return scope.inTx(tenant, tx -> requireManages(tx, user, branch).then(load(tx, branch, period)));
  }

  /** A month that exists and has begun, by the township's clock. */
  YearMonth period(int year, int month) {
    return SheetRules.period(year, month, LocalDate.now(clock));
  }

  /** Only the branch's secretary or the township's admins work on its sheet. */
  Mono<Void> requireManages(TenantTx tx, CurrentUser user, BranchId branch) {
    return members.requireManages(tx, user, branch.organization(), MANAGE_BRANCH);
  }

  Mono<MonthSheet> load(TenantTx tx, BranchId branchId, YearMonth period) {
    return organizations.find(tx, branchId.organization()).flatMap(branch -> members.inBranch(tx, branchId)
        .filter(Member::scored).collectList()
        .flatMap(scored -> Mono.zip(
                LedgerQueries.sheetState(tx, branchId, period),
                scheme(tx, branch, scored, period.getYear()),
                LedgerQueries.drafts(tx, branchId, period),
                LedgerQueries.confirmedItemScores(tx, branchId, period))
            .map(t -> sheet(branch, period, scored, t.getT1(), t.getT2(), t.getT3(), t.getT4()))));
  }

  private Mono<SheetScheme> scheme(TenantTx tx, Organization branch, List<Member> scored, int year) {
    var category = branch.scoringCategory(scored);
    if (category.isEmpty()) {
      return Mono.just(new SheetScheme(Optional.empty(), List.of()));
    }
    return schemes.pinnedEngine(tx, year, category.get().name()).map(p -> new SheetScheme(Optional.of(p),
        p.engine().scheme().items().stream().filter(i -> i.frequency() == Scheme.Frequency.MONTHLY).toList()));
  }

  private static MonthSheet sheet(Organization branch, YearMonth period, List<Member> scored, SheetState state,
      SheetScheme scheme, Map<CellKey, LedgerQueries.Draft> drafts, Map<CellKey, BigDecimal> confirmed) {
    List<MonthSheet.Row> rows = new ArrayList<>();
    for (Member m : scored) {
      List<MonthSheet.Cell> cells = new ArrayList<>();
      for (Scheme.Item item : scheme.items()) {
        CellKey key = new CellKey(m.id(), item.code());
        cells.add(MonthSheet.Cell.of(item.code(), drafts.get(key), confirmed.get(key)));
      }
      rows.add(new MonthSheet.Row(m, cells));
    }
    var pinned = scheme.pinned();
    return new MonthSheet(branch, period.getYear(), period.getMonthValue(), state,
        pinned.map(SchemeService.Pinned::schemeCode).orElse(null), pinned.map(SchemeService.Pinned::version).orElse(null),
        scheme.items().stream().map(i -> new MonthSheet.Item(i.code(), i.name(), i.min(), i.max())).toList(), rows);
  }
}
