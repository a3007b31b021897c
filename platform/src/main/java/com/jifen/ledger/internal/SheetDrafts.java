package com.jifen.ledger.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The secretary fills the grid as drafts: cells checked by {@link MonthCells}, saved in one statement. */
@Service
public class SheetDrafts {
  private final TenantScope scope;
  private final MonthSheets sheets;
  private final Clock clock;

  SheetDrafts(TenantScope scope, MonthSheets sheets, Clock clock) {
    this.scope = scope;
    this.sheets = sheets;
    this.clock = clock;
  }

  public record SaveMonthDraftInput(String branchId, int year, int month, List<MonthCells.DraftCellInput> cells) {}

  /** The sheet as saved, read under the same lock as the write, so its versions are the ones the next save must send. */
  public record SaveMonthDraftPayload(MonthSheet sheet, int saved) {}

  public Mono<SaveMonthDraftPayload> save(CurrentUser user, SaveMonthDraftInput in) {
    TenantId tenant = user.requireTenant();
    BranchId branchId = BranchId.parse(in.branchId());
    YearMonth period = sheets.period(in.year(), in.month());
    if (in.cells() == null || in.cells().isEmpty()) {
      throw DomainException.badRequest("NO_CELLS", "没有要保存的评分");
    }
    return scope.inTx(tenant, tx -> sheets.requireManages(tx, user, branchId)
        .then(LedgerQueries.lockSheet(tx, branchId, period))
        .flatMap(state -> {
          SheetRules.requireOpen(state, period);
          return sheets.load(tx, branchId, period);
        })
        .flatMap(sheet -> {
          List<MonthCells.DraftCellInput> cells = MonthCells.validated(sheet, in.cells());
          return LedgerQueries.saveDrafts(tx, branchId, period, user.username(), clock.instant(), cells)
              .map(written -> new SaveMonthDraftPayload(sheet.withDrafts(written), cells.size()));
        }));
  }
}
