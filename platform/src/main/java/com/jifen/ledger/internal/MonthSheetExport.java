package com.jifen.ledger.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.shared.BranchId;
import com.jifen.shared.TenantId;
import com.jifen.shared.Xlsx;
import com.jifen.tenancy.TenantScope;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The month as the registration form (党员积分登记表, XLSX) that {@link MonthSheetImport} reads back. */
@Service
public class MonthSheetExport {
  private final TenantScope scope;
  private final MonthSheets sheets;

  MonthSheetExport(TenantScope scope, MonthSheets sheets) {
    this.scope = scope;
    this.sheets = sheets;
  }

  public Mono<Xlsx.File> export(CurrentUser user, String branchId, int year, int month) {
    TenantId tenant = user.requireTenant();
    BranchId branch = BranchId.parse(branchId);
    return sheets.sheet(user, branchId, year, month)
        .flatMap(sheet -> scope.inTx(tenant, tx -> LedgerQueries.monthTotals(tx, branch, YearMonth.of(year, month)))
        .map(totals -> {
          List<String> headers = new ArrayList<>(List.of(MonthSheetXlsx.NO, MonthSheetXlsx.CODE, MonthSheetXlsx.NAME));
          sheet.items().forEach(i -> headers.add(i.name()));
          headers.addAll(List.of("加分", "扣分", "合计"));
          List<List<Object>> rows = new ArrayList<>();
          int no = 1;
          for (MonthSheet.Row r : sheet.rows()) {
            List<Object> row = new ArrayList<>(List.of(no++, r.member().code(), r.member().name()));
            BigDecimal items = BigDecimal.ZERO;
            for (MonthSheet.Cell c : r.cells()) {
              BigDecimal v = c.confirmed() != null ? c.confirmed() : c.draft();
              row.add(v);
              items = items.add(v == null ? BigDecimal.ZERO : v);
            }
            var t = totals.getOrDefault(r.memberId(), LedgerQueries.MemberMonthTotals.NONE);
            row.add(t.additions());
            row.add(t.deductions());
            row.add(items.add(t.additions()).subtract(t.deductions()));
            rows.add(row);
          }
          String title = "%s %d年%d月 党员积分登记表".formatted(sheet.branch().name(), year, month);
          return Xlsx.File.xlsx("%s-%d-%02d.xlsx".formatted(sheet.branch().code(), year, month), Xlsx.write(title, headers, rows));
        }));
  }
}
