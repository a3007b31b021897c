package com.jifen.ledger.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.ledger.Idempotency;
import com.jifen.ledger.RankingService;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.EntryId;
import com.jifen.shared.ErrorKind;
import com.jifen.shared.Ids;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantTx;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The secretary confirms a month: every cell scored, the drafts (or a grid given at once) posted into the ledger in one
 * statement, the sheet closed to drafts. Keyed by an idempotency key, so a retry posts nothing twice.
 */
@Service
public class ConfirmMonth {
  private final MonthSheets sheets;
  private final Idempotency idempotency;
  private final RankingService rankings;
  private final Clock clock;

  ConfirmMonth(MonthSheets sheets, Idempotency idempotency, RankingService rankings, Clock clock) {
    this.sheets = sheets;
    this.idempotency = idempotency;
    this.rankings = rankings;
    this.clock = clock;
  }

  /** cells: the final grid, confirmed at once without a draft round; absent, the saved drafts are confirmed. */
  public record ConfirmMonthInput(String branchId, int year, int month, String idempotencyKey,
      List<MonthCells.DraftCellInput> cells) {}

  public record ConfirmMonthPayload(int posted, MonthSheet.Ref ref) {}

  public Mono<ConfirmMonthPayload> confirm(CurrentUser user, ConfirmMonthInput in) {
    TenantId tenant = user.requireTenant();
    BranchId branchId = BranchId.parse(in.branchId());
    YearMonth period = sheets.period(in.year(), in.month());
    StringBuilder canonical = new StringBuilder(branchId + "|" + in.year() + "|" + in.month());
    if (in.cells() != null) {
      in.cells().forEach(c -> canonical.append('|').append(c.memberId()).append(':').append(c.item()).append(':')
          .append(EntryRules.plain(c.points())).append(':').append(c.version()));
    }
    return idempotency.run(tenant, in.idempotencyKey(), "confirmMonth", canonical.toString(), user.username(),
        tx -> sheets.requireManages(tx, user, branchId)
            .then(LedgerQueries.lockSheet(tx, branchId, period))
            .flatMap(state -> {
              SheetRules.requireOpen(state, period);
              return sheets.load(tx, branchId, period);
            })
            .map(sheet -> in.cells() == null ? sheet : sheet.withCells(MonthCells.validated(sheet, in.cells())))
            .flatMap(sheet -> post(tx, user, sheet, clock.instant())
                .map(posted -> Map.<String, Object>of("posted", posted, "branchPath", sheet.branch().path()))),
        response -> rankings.invalidate(tenant, branchId, (String) response.get("branchPath"), in.year(), in.month())
            .thenReturn(new ConfirmMonthPayload(((Number) response.get("posted")).intValue(),
                new MonthSheet.Ref(tenant, branchId, in.year(), in.month()))));
  }

  private static Mono<Integer> post(TenantTx tx, CurrentUser user, MonthSheet sheet, Instant at) {
    List<String> missing = new ArrayList<>();
    List<LedgerQueries.ItemScore> scores = new ArrayList<>();
    for (MonthSheet.Row row : sheet.rows()) {
      for (MonthSheet.Cell cell : row.cells()) {
        if (cell.draft() == null) {
          missing.add(row.member().name() + "·" + cell.item());
        } else if (cell.confirmed() == null) {
          scores.add(new LedgerQueries.ItemScore(new EntryId(Ids.newId()), row.memberId(), cell.item(), cell.draft(),
              cell.selfAssessed()));
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new DomainException(ErrorKind.BAD_REQUEST, "INCOMPLETE_MONTH",
          "还有 %d 格未评分，不能确认（如 %s）".formatted(missing.size(), missing.getFirst()), Map.of("missing", missing));
    }
    YearMonth period = YearMonth.of(sheet.year(), sheet.month());
    Mono<Long> inserted = scores.isEmpty() ? Mono.just(0L)
        : LedgerQueries.postItemScores(tx, sheet.branchId(), period,
            new LedgerQueries.SchemeRef(sheet.schemeCode(), sheet.schemeVersion()), user.username(), at, scores);
    return inserted.flatMap(n -> LedgerQueries.markConfirmed(tx, sheet.branchId(), period, user.username(), at).thenReturn(n.intValue()));
  }
}
