package com.jifen.ledger.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.RowError;
import com.jifen.shared.DomainException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Reads a filled registration form into drafts; cells are checked by the same rules as saving drafts. */
@Service
public class MonthSheetImport {
  private final MonthSheets sheets;
  private final SheetDrafts drafts;

  MonthSheetImport(MonthSheets sheets, SheetDrafts drafts) {
    this.sheets = sheets;
    this.drafts = drafts;
  }

  public record ImportMonthSheetInput(String branchId, int year, int month, String contentBase64) {}

  public record ImportMonthSheetPayload(int saved, List<RowError> errors) {}

  /** Where a cell came from in the form, to name a refused one. */
  private record Origin(int row, String column) {}

  public Mono<ImportMonthSheetPayload> importMonth(CurrentUser user, ImportMonthSheetInput in) {
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(in.contentBase64());
    } catch (IllegalArgumentException e) {
      throw DomainException.badRequest("INVALID_BASE64", "XLSX 内容须为 Base64 编码");
    }
    List<MonthSheetXlsx.Line> lines = MonthSheetXlsx.read(bytes);
    return sheets.sheet(user, in.branchId(), in.year(), in.month()).flatMap(sheet -> {
      Map<String, MonthSheet.Row> byCode = new HashMap<>();
      sheet.rows().forEach(r -> byCode.put(r.member().code(), r));
      List<RowError> errors = new ArrayList<>();
      List<MonthCells.DraftCellInput> cells = new ArrayList<>();
      List<Origin> origin = new ArrayList<>();
      for (MonthSheetXlsx.Line line : lines) {
        MonthSheet.Row row = byCode.get(line.code());
        if (row == null) {
          errors.add(new RowError(line.row(), MonthSheetXlsx.CODE,
              "编号 %s 不在本支部本月的计分名单中".formatted(line.code()), "NOT_IN_SHEET"));
          continue;
        }
        for (int i = 0; i < sheet.items().size(); i++) {
          MonthSheet.Item item = sheet.items().get(i);
          String text = line.cells().getOrDefault(item.name(), "");
          if (text.isBlank()) {
            continue;
          }
          BigDecimal points;
          try {
            points = new BigDecimal(text);
          } catch (NumberFormatException e) {
            errors.add(new RowError(line.row(), item.name(), "应为数字: " + text, "NOT_A_NUMBER"));
            continue;
          }
          cells.add(new MonthCells.DraftCellInput(row.member().id().toString(), item.code(), points, row.cells().get(i).version()));
          origin.add(new Origin(line.row(), item.name()));
        }
      }
      if (!errors.isEmpty()) {
        return Mono.just(new ImportMonthSheetPayload(0, errors));
      }
      if (cells.isEmpty()) {
        return Mono.just(new ImportMonthSheetPayload(0, List.of(new RowError(3, null, "表中没有评分", "EMPTY_SHEET"))));
      }
      return drafts.save(user, new SheetDrafts.SaveMonthDraftInput(in.branchId(), in.year(), in.month(), cells))
          .map(saved -> new ImportMonthSheetPayload(saved.saved(), List.of()))
          .onErrorResume(MonthCells.InvalidCells.class, e -> Mono.just(new ImportMonthSheetPayload(0, e.problems().stream()
              .map(p -> new RowError(origin.get(p.index()).row(), origin.get(p.index()).column(), p.message(), "INVALID_CELL"))
              .toList())));
    });
  }
}
