package com.jifen.ledger.internal;

import com.jifen.organization.Member;
import com.jifen.organization.MemberCategory;
import com.jifen.shared.BranchId;
import com.jifen.shared.MemberId;
import com.jifen.shared.TenantId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Members and month sheets for the pure rules' tests. */
final class Cells {
  private Cells() {}

  static Member member(String code, boolean left, boolean exempt) {
    return new Member(new TenantId("QS"), new MemberId(UUID.nameUUIDFromBytes(code.getBytes())), code, "党员" + code, null,
        MemberCategory.values()[0], null, new BranchId(UUID.nameUUIDFromBytes("branch".getBytes())), null, null,
        left ? Member.MemberStatus.LEFT : Member.MemberStatus.ACTIVE, null, null, exempt, exempt ? "长期外出" : null, null, 0);
  }

  /** A sheet of the given members with items A (0–10) and B (0–5); every cell empty at version 0 unless given. */
  static MonthSheet sheet(List<Member> members, MonthSheet.Cell... cellsOfFirstMember) {
    List<MonthSheet.Item> items = List.of(new MonthSheet.Item("A", "学习", BigDecimal.ZERO, BigDecimal.TEN),
        new MonthSheet.Item("B", "党费", BigDecimal.ZERO, BigDecimal.valueOf(5)));
    List<MonthSheet.Row> rows = new ArrayList<>();
    for (Member m : members) {
      List<MonthSheet.Cell> cells = new ArrayList<>();
      for (MonthSheet.Item item : items) {
        MonthSheet.Cell given = null;
        if (rows.isEmpty()) {
          for (MonthSheet.Cell c : cellsOfFirstMember) {
            given = c.item().equals(item.code()) ? c : given;
          }
        }
        cells.add(given != null ? given : new MonthSheet.Cell(item.code(), null, null, null, 0, null));
      }
      rows.add(new MonthSheet.Row(m, cells));
    }
    return new MonthSheet(null, 2026, 6, SheetState.OPEN, "S1", 1, items, rows);
  }
}
