package com.jifen.ledger;

import com.jifen.shared.DomainException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The registration-form layout of the seeds (党员积分登记表) as XLSX: row 1 the title, row 2 the header
 * (序号, 编号, 姓名, one column per item by its Chinese name, 加分, 扣分, 合计), one row per member. The same
 * layout is read back by the import, so a clerk can fill the exported sheet and upload it.
 */
public final class MonthSheetXlsx {
  static final String NO = "序号";
  static final String CODE = "编号";
  static final String NAME = "姓名";

  private MonthSheetXlsx() {}

  record Column(String header, int width) {}

  /** A file to download. */
  public record File(String fileName, String mediaType, String contentBase64) {
    static File xlsx(String name, byte[] bytes) {
      return new File(name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          java.util.Base64.getEncoder().encodeToString(bytes));
    }
  }

  static byte[] write(String title, List<String> headers, List<List<Object>> rows) {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = book.createSheet("党员积分登记表");
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
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

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
