package com.jifen.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jifen.ledger.internal.MonthCells.DraftCellInput;
import com.jifen.organization.Member;
import com.jifen.shared.DomainException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules of a grid write: each cell in the sheet, in range, once, at the version the writer read. */
class MonthCellsTest {
  private static final Member ONE = Cells.member("001", false, false);
  private static final Member TWO = Cells.member("002", false, false);
  private static final MonthSheet SHEET = Cells.sheet(List.of(ONE, TWO));

  private static DraftCellInput cell(Member m, String item, String points) {
    return new DraftCellInput(m.id().toString(), item, points == null ? null : new BigDecimal(points), null);
  }

  @Test
  void cellsInTheSheetAndInRangeAreTakenInTheirOrder() {
    var cells = List.of(cell(ONE, "A", "10"), cell(TWO, "B", "0"), cell(ONE, "B", "2.5"));
    assertThat(MonthCells.validated(SHEET, cells)).containsExactlyElementsOf(cells);
  }

  @ParameterizedTest(name = "{0} {1} = {2} → {3}")
  @CsvSource(nullValues = "null", value = {
      "001, A, 10.01, 每月得分须在 0–10 之间，填写的是 10.01",
      "001, A, -1, 每月得分须在 0–10 之间，填写的是 -1",
      "001, B, 6, 每月得分须在 0–5 之间",
      "001, A, null, 填写的是 空",
      "001, A, 1.255, 分值最多两位小数: 1.255",
      "001, C, 1, 方案 S1 中没有月度项目 C",
      "003, A, 1, 该党员不在本支部的计分名单中",
  })
  void aCellOutsideTheRulesRefusesTheWholeWriteAndSaysWhy(String member, String item, String points, String message) {
    Member m = member.equals("003") ? Cells.member("003", false, false) : ONE;
    var cells = List.of(cell(TWO, "A", "1"), cell(m, item, points));
    assertThatThrownBy(() -> MonthCells.validated(SHEET, cells))
        .isInstanceOfSatisfying(MonthCells.InvalidCells.class, e -> {
          assertThat(e.code()).isEqualTo("INVALID_CELLS");
          assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.index()).isEqualTo(1);
            assertThat(p.message()).contains(message);
          });
          assertThat(e.getMessage()).startsWith("有 1 格评分不符合方案，均未保存");
        });
  }

  @Test
  void theSameCellTwiceIsRefused() {
    var cells = List.of(cell(ONE, "A", "1"), cell(ONE, "A", "2"));
    assertThatThrownBy(() -> MonthCells.validated(SHEET, cells))
        .isInstanceOfSatisfying(MonthCells.InvalidCells.class,
            e -> assertThat(e.problems()).extracting(MonthCells.Problem::message).containsExactly("同一格重复填写"));
  }

  @Test
  void aMalformedMemberIdIsNotFound() {
    var cells = List.of(new DraftCellInput("not-a-uuid", "A", BigDecimal.ONE, null));
    assertThatThrownBy(() -> MonthCells.validated(SHEET, cells))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND"));
  }

  @Test
  void aCellChangedSinceItWasReadIsAConflictNamingWhoChangedIt() {
    MonthSheet sheet = Cells.sheet(List.of(ONE), new MonthSheet.Cell("A", new BigDecimal("7"), null, null, 2, "sec.qs"));
    var stale = new DraftCellInput(ONE.id().toString(), "A", BigDecimal.ONE, 1);
    assertThatThrownBy(() -> MonthCells.validated(sheet, List.of(stale)))
        .isInstanceOfSatisfying(DomainException.class, e -> {
          assertThat(e.code()).isEqualTo("CELL_CHANGED");
          @SuppressWarnings("unchecked")
          var conflicts = (List<Map<String, Object>>) e.details().get("cells");
          assertThat(conflicts).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("currentPoints", "7").containsEntry("currentVersion", 2).containsEntry("updatedBy", "sec.qs");
          });
        });
    var current = new DraftCellInput(ONE.id().toString(), "A", BigDecimal.ONE, 2);
    assertThat(MonthCells.validated(sheet, List.of(current))).containsExactly(current);
  }

  @Test
  void aGridGivenAtOnceReplacesTheDraftsOfItsCellsOnly() {
    MonthSheet sheet = Cells.sheet(List.of(ONE), new MonthSheet.Cell("B", new BigDecimal("3"), null, null, 1, "sec.qs"));
    MonthSheet given = sheet.withCells(List.of(new DraftCellInput(ONE.id().toString().toUpperCase(), "A", BigDecimal.TEN, 0)));
    assertThat(given.rows().getFirst().cells()).extracting(MonthSheet.Cell::draft)
        .containsExactly(BigDecimal.TEN, new BigDecimal("3"));
  }
}
