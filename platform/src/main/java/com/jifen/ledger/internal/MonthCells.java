package com.jifen.ledger.internal;

import com.jifen.shared.DomainException;
import com.jifen.shared.ErrorKind;
import com.jifen.shared.MemberId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules every grid write obeys, whether it saves drafts, confirms at once or imports a form: each cell in the
 * sheet, in range, once; and each at the version the writer read, so a colleague's change is never overwritten.
 * Pure: the sheet as read is the only input.
 */
public final class MonthCells {
  private MonthCells() {}

  public record DraftCellInput(String memberId, String item, BigDecimal points, Integer version) {}

  /** A refused cell: its position in the input and why. */
  public record Problem(int index, String memberId, String item, String message) {
    Map<String, Object> detail() {
      return Map.of("index", index, "memberId", memberId, "item", String.valueOf(item), "message", message);
    }
  }

  /** Cells that break the scheme: none was saved. */
  public static final class InvalidCells extends DomainException {
    private final transient List<Problem> problems;

    InvalidCells(List<Problem> problems) {
      super(ErrorKind.BAD_REQUEST, "INVALID_CELLS", "有 %d 格评分不符合方案，均未保存: %s".formatted(problems.size(),
          problems.getFirst().message()), Map.of("cells", problems.stream().map(Problem::detail).toList()));
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  /** The cells to write, each once; refused as a whole when one breaks a rule or was changed since it was read. */
  public static List<DraftCellInput> validated(MonthSheet sheet, List<DraftCellInput> input) {
    Map<MemberId, Boolean> scored = new HashMap<>();
    sheet.rows().forEach(r -> scored.put(r.memberId(), true));
    Map<String, MonthSheet.Item> items = new LinkedHashMap<>();
    sheet.items().forEach(i -> items.put(i.code(), i));
    Map<CellKey, MonthSheet.Cell> current = new HashMap<>();
    sheet.rows().forEach(r -> r.cells().forEach(c -> current.put(new CellKey(r.memberId(), c.item()), c)));
    List<Problem> problems = new ArrayList<>();
    List<Map<String, Object>> conflicts = new ArrayList<>();
    Map<CellKey, DraftCellInput> unique = new LinkedHashMap<>();
    for (int i = 0; i < input.size(); i++) {
      DraftCellInput c = input.get(i);
      CellKey key = new CellKey(MemberId.parse(c.memberId()), c.item());
      String problem = problem(sheet, scored.containsKey(key.member()), items.get(c.item()), c);
      if (problem == null && unique.put(key, c) != null) {
        problem = "同一格重复填写";
      }
      if (problem != null) {
        problems.add(new Problem(i, c.memberId(), c.item(), problem));
        continue;
      }
      MonthSheet.Cell now = current.get(key);
      int expected = c.version() == null ? 0 : c.version();
      if (now.version() != expected) {
        Map<String, Object> conflict = new LinkedHashMap<>();
        conflict.put("memberId", c.memberId());
        conflict.put("item", c.item());
        conflict.put("currentPoints", now.draft() == null ? null : now.draft().toPlainString());
        conflict.put("currentVersion", now.version());
        conflict.put("updatedBy", now.updatedBy());
        conflicts.add(conflict);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidCells(problems);
    }
    if (!conflicts.isEmpty()) {
      throw DomainException.conflict("CELL_CHANGED",
          "有 %d 格已被他人修改，均未保存；请核对当前值后重试".formatted(conflicts.size()), Map.of("cells", conflicts));
    }
    return List.copyOf(unique.values());
  }

  /** Why one cell is refused on its own, or null. */
  private static String problem(MonthSheet sheet, boolean scored, MonthSheet.Item item, DraftCellInput c) {
    if (!scored) {
      return "该党员不在本支部的计分名单中（可能已转出、离开或不列入积分管理）";
    }
    if (item == null) {
      return "方案 %s 中没有月度项目 %s".formatted(sheet.schemeCode(), c.item());
    }
    if (c.points() == null || c.points().compareTo(item.min()) < 0 || c.points().compareTo(item.max()) > 0) {
      return "“%s”每月得分须在 %s–%s 之间，填写的是 %s".formatted(item.name(), item.min().toPlainString(),
          item.max().toPlainString(), c.points() == null ? "空" : c.points().toPlainString());
    }
    if (c.points().stripTrailingZeros().scale() > 2) {
      return "分值最多两位小数: " + c.points().toPlainString();
    }
    return null;
  }
}
