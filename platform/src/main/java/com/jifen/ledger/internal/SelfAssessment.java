package com.jifen.ledger.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.MemberService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** A member scores their own month (自评) before the secretary confirms it; the figure stays beside the committee's. */
@Service
public class SelfAssessment {
  private final TenantScope scope;
  private final MemberService members;
  private final SchemeService schemes;
  private final MonthSheets sheets;
  private final Clock clock;

  SelfAssessment(TenantScope scope, MemberService members, SchemeService schemes, MonthSheets sheets, Clock clock) {
    this.scope = scope;
    this.members = members;
    this.schemes = schemes;
    this.sheets = sheets;
    this.clock = clock;
  }

  public record SelfAssessItemInput(String item, BigDecimal points) {}

  public record SelfAssessInput(int year, int month, List<SelfAssessItemInput> items) {}

  public Mono<Integer> selfAssess(CurrentUser user, SelfAssessInput in) {
    TenantId tenant = user.requireTenant();
    String code = user.memberCode().orElseThrow(() -> DomainException.forbidden("该账号未关联党员档案，不能自评"));
    YearMonth period = sheets.period(in.year(), in.month());
    if (in.items() == null || in.items().isEmpty()) {
      throw DomainException.badRequest("NO_CELLS", "没有要保存的自评分");
    }
    return members.getByCode(user, code)
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("党员", code)))
        .flatMap(me -> scope.inTx(tenant, tx -> {
          SheetRules.requireScored(me);
          BranchId branch = me.branchId();
          return LedgerQueries.lockSheet(tx, branch, period).flatMap(state -> {
            SheetRules.requireOpen(state, period);
            return schemes.pinnedEngine(tx, in.year(), me.category().name());
          }).flatMap(pinned -> {
            requireMonthlyItems(pinned.engine().scheme(), in.items());
            return LedgerQueries.saveSelfAssessment(tx, branch, period, me.id(), user.username(), clock.instant(),
                    in.items().stream().map(i -> new LedgerQueries.SelfScore(i.item(), i.points())).toList())
                .map(Long::intValue);
          });
        }));
  }

  /** Each self-assessed item is a monthly item of the member's scheme, within its range. */
  static void requireMonthlyItems(Scheme scheme, List<SelfAssessItemInput> given) {
    Map<String, Scheme.Item> items = new HashMap<>();
    scheme.items().stream().filter(i -> i.frequency() == Scheme.Frequency.MONTHLY).forEach(i -> items.put(i.code(), i));
    for (SelfAssessItemInput i : given) {
      Scheme.Item item = items.get(i.item());
      if (item == null) {
        throw DomainException.badRequest("UNKNOWN_ITEM", "方案中没有月度项目 " + i.item());
      }
      if (i.points() == null || i.points().compareTo(item.min()) < 0 || i.points().compareTo(item.max()) > 0) {
        throw DomainException.badRequest("OUT_OF_RANGE", "“%s”每月得分须在 %s–%s 之间"
            .formatted(item.name(), item.min().toPlainString(), item.max().toPlainString()));
      }
    }
  }
}
