package com.jifen.organization.internal;

import com.jifen.shared.DomainException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A roster sheet as text cells, whatever the file format: row 1 is the header, data from row 2. Row numbers are
 * the ones the spreadsheet shows, so a clerk can find the bad cell.
 */
record RosterSheet(List<String> header, List<Line> lines) {
  static final int MAX_ROWS = 20_000;

  record Line(int row, List<String> cells) {
    String cell(int index) {
      return index < 0 || index >= cells.size() ? "" : cells.get(index).trim();
    }

    boolean blank() {
      return cells.stream().allMatch(c -> c == null || c.isBlank());
    }
  }

  static RosterSheet csv(String text) {
    List<List<String>> rows = parseCsv(text.startsWith("\uFEFF") ? text.substring(1) : text);
    return of(rows);
  }

  static RosterSheet xlsx(byte[] bytes) {
    try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      Sheet sheet = book.getSheetAt(0);
      DataFormatter formatter = new DataFormatter();
      List<List<String>> rows = new ArrayList<>();
      for (int r = 0; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        List<String> cells = new ArrayList<>();
        if (row != null) {
          for (int c = 0; c < row.getLastCellNum(); c++) {
            cells.add(text(row.getCell(c), formatter));
          }
        }
        rows.add(cells);
        if (rows.size() > MAX_ROWS + 1) {
          break;
        }
      }
      return of(rows);
    } catch (IOException | RuntimeException e) {
      throw DomainException.badRequest("UNREADABLE_FILE", "无法读取 XLSX 文件，请确认是 Excel 2007 及以上格式 (.xlsx)");
    }
  }

  /** Date cells become ISO dates; everything else the text Excel shows. */
  private static String text(Cell cell, DataFormatter formatter) {
    if (cell == null) {
      return "";
    }
    if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
      return LocalDate.ofInstant(cell.getDateCellValue().toInstant(), ZoneId.systemDefault()).toString();
    }
    return formatter.formatCellValue(cell);
  }

  private static RosterSheet of(List<List<String>> rows) {
    if (rows.isEmpty()) {
      throw DomainException.badRequest("EMPTY_SHEET", "名册为空：第 1 行应为表头");
    }
    if (rows.size() > MAX_ROWS + 1) {
      throw DomainException.badRequest("TOO_MANY_ROWS", "一次最多导入 %d 行".formatted(MAX_ROWS));
    }
    List<Line> lines = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      Line line = new Line(i + 1, rows.get(i));
      if (!line.blank()) {
        lines.add(line);
      }
    }
    return new RosterSheet(rows.getFirst().stream().map(String::trim).toList(), lines);
  }

  /** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
  static List<List<String>> parseCsv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (!field.isEmpty() || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
