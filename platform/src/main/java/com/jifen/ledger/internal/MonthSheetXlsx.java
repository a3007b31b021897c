package com.jifen.ledger.internal;

import com.jifen.shared.DomainException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads the registration-form layout of the seeds (党员积分登记表) that {@link com.jifen.shared.Xlsx} writes:
 * row 1 the title, row 2 the header (序号, 编号, 姓名, one column per item by its Chinese name, 加分, 扣分, 合计),
 * one row per member, so a clerk can fill the exported sheet and upload it.
 */
public final class MonthSheetXlsx {
  static final String NO = "序号";
  static final String CODE = "编号";
  static final String NAME = "姓名";

  private MonthSheetXlsx() {}

  /** A parsed data row: its spreadsheet row number, member code, and the text of each header's cell. */
  record Line(int row, String code, Map<String, String> cells) {}

  static List<Line> read(byte[] bytes) {
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      Sheet sheet = book.getSheetAt(0);
      DataFormatter formatter = new DataFormatter();
      int headerRow = -1;
      for (int r = 0; r <= Math.min(5, sheet.getLastRowNum()); r++) {
        Row row = sheet.getRow(r);
        if (row != null && row.getCell(1) != null && CODE.equals(formatter.formatCellValue(row.getCell(1)).trim())) {
          headerRow = r;
          break;
        }
      }
      if (headerRow < 0) {
        throw DomainException.badRequest("MISSING_HEADER", "找不到表头（第 2 列应为“编号”），请使用导出的积分登记表填写");
      }
      Row h = sheet.getRow(headerRow);
      List<String> headers = new ArrayList<>();
      for (int c = 0; c < h.getLastCellNum(); c++) {
        headers.add(h.getCell(c) == null ? "" : formatter.formatCellValue(h.getCell(c)).trim());
      }
      List<Line> lines = new ArrayList<>();
      for (int r = headerRow + 1; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        if (row == null) {
          continue;
        }
        Map<String, String> cells = new HashMap<>();
        for (int c = 0; c < headers.size(); c++) {
          Cell cell = row.getCell(c);
          String text = cell == null ? "" : cell.getCellType() == CellType.NUMERIC
              ? BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString()
              : formatter.formatCellValue(cell).trim();
          cells.put(headers.get(c), text);
        }
        String code = cells.getOrDefault(CODE, "");
        if (!code.isBlank()) {
          lines.add(new Line(r + 1, code, cells));
        }
      }
      return lines;
    } catch (IOException | org.apache.poi.ooxml.POIXMLException | org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException e) {
      throw DomainException.badRequest("UNREADABLE_FILE", "无法读取 XLSX 文件，请确认是 Excel 2007 及以上格式 (.xlsx)");
    }
  }
}
