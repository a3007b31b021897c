package com.jifen.ledger.internal;

import com.jifen.organization.Member;
import com.jifen.organization.Organization;
import com.jifen.shared.BranchId;
import com.jifen.shared.MemberId;
import com.jifen.shared.TenantId;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** A branch's month (党员积分卡的月度评分) as the grid shows it: one row per scored member, one cell per monthly item. */
public record MonthSheet(
    Organization branch, int year, int month, SheetState state, String schemeCode, Integer schemeVersion,
    List<Item> items, List<Row> rows) {

  public record Item(String code, String name, BigDecimal min, BigDecimal max) {}

  public record Cell(String item, BigDecimal draft, BigDecimal selfAssessed, BigDecimal confirmed, int version, String updatedBy) {
    /** A cell from its draft row (null: none yet, version 0) and its confirmed ledger value. */
    static Cell of(String item, LedgerQueries.Draft draft, BigDecimal confirmed) {
      return draft == null ? new Cell(item, null, null, confirmed, 0, null)
          : new Cell(item, draft.points(), draft.selfPoints(), confirmed, draft.version(), draft.updatedBy());
    }
  }

  public record Row(Member member, List<Cell> cells) {
    MemberId memberId() {
      return member.id();
    }
  }

  /** Where a month sheet is; the sheet itself is loaded only when a client asks for it. */
  public record Ref(TenantId tenant, BranchId branch, int year, int month) {}

  BranchId branchId() {
    return branch.branchId();
  }

  /** The sheet as it would be with these cells saved: what confirming a grid at once posts. */
  MonthSheet withCells(List<MonthCells.DraftCellInput> cells) {
    Map<CellKey, BigDecimal> given = new HashMap<>();
    cells.forEach(c -> given.put(new CellKey(MemberId.parse(c.memberId()), c.item()), c.points()));
    return mapCells((key, c) -> {
      BigDecimal points = given.get(key);
      return points == null ? c : new Cell(c.item(), points, c.selfAssessed(), c.confirmed(), c.version(), c.updatedBy());
    });
  }

  /** The sheet with these drafts as the database wrote them (new versions included): what a save answers. */
  MonthSheet withDrafts(Map<CellKey, LedgerQueries.Draft> written) {
    return mapCells((key, c) -> {
      LedgerQueries.Draft d = written.get(key);
      return d == null ? c : Cell.of(c.item(), d, c.confirmed());
    });
  }

  private MonthSheet mapCells(BiFunction<CellKey, Cell, Cell> change) {
    List<Row> changed = rows.stream().map(r -> new Row(r.member(), r.cells().stream()
        .map(c -> change.apply(new CellKey(r.memberId(), c.item()), c)).toList())).toList();
    return new MonthSheet(branch, year, month, state, schemeCode, schemeVersion, items, changed);
  }
}
