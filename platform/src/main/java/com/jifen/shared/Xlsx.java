package com.jifen.shared;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Printable sheets in the seeds' form layout: a title row, a header row, one row per record, thin borders. */
public final class Xlsx {
  private Xlsx() {}

  /** A file to download. */
  public record File(String fileName, String mediaType, String contentBase64) {
    public static File xlsx(String name, byte[] bytes) {
      return new File(name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          java.util.Base64.getEncoder().encodeToString(bytes));
    }
  }

  /** One sheet of a workbook: its tab name, a title row, a header row and the records. */
  public record Table(String sheetName, String title, List<String> headers, List<List<Object>> rows) {}

  public static byte[] write(String title, List<String> headers, List<List<Object>> rows) {
    return write(List.of(new Table("党员积分登记表", title, headers, rows)));
  }

  /** As above, with the sheet (tab) named for the form it is, e.g. 年度综合得分登记表 or 公示栏. */
  public static byte[] write(String sheetName, String title, List<String> headers, List<List<Object>> rows) {
    return write(List.of(new Table(sheetName, title, headers, rows)));
  }

  /** A workbook of several sheets, each in the same layout. */
  public static byte[] write(List<Table> tables) {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (Table table : tables) {
        fill(book, book.createSheet(table.sheetName()), table.title(), table.headers(), table.rows());
      }
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void fill(XSSFWorkbook book, Sheet sheet, String title, List<String> headers, List<List<Object>> rows) {
    CellStyle border = book.createCellStyle();
    border.setBorderBottom(BorderStyle.THIN);
    border.setBorderTop(BorderStyle.THIN);
    border.setBorderLeft(BorderStyle.THIN);
    border.setBorderRight(BorderStyle.THIN);
    border.setAlignment(HorizontalAlignment.CENTER);
    CellStyle titleStyle = book.createCellStyle();
    var font = book.createFont();
    font.setBold(true);
    font.setFontHeightInPoints((short) 14);
    titleStyle.setFont(font);
    titleStyle.setAlignment(HorizontalAlignment.CENTER);
    Row titleRow = sheet.createRow(0);
    titleRow.createCell(0).setCellValue(title);
    titleRow.getCell(0).setCellStyle(titleStyle);
    sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, headers.size() - 1));
    Row header = sheet.createRow(1);
    for (int c = 0; c < headers.size(); c++) {
      Cell cell = header.createCell(c);
      cell.setCellValue(headers.get(c));
      cell.setCellStyle(border);
      sheet.setColumnWidth(c, Math.max(8, headers.get(c).length() * 2 + 2) * 256);
    }
    for (int r = 0; r < rows.size(); r++) {
      Row row = sheet.createRow(r + 2);
      List<Object> values = rows.get(r);
      for (int c = 0; c < values.size(); c++) {
        Cell cell = row.createCell(c);
        Object v = values.get(c);
        if (v instanceof BigDecimal d) {
          cell.setCellValue(d.doubleValue());
        } else if (v instanceof Number n) {
          cell.setCellValue(n.doubleValue());
        } else if (v != null) {
          cell.setCellValue(v.toString());
        }
        cell.setCellStyle(border);
      }
    }
  }

}
