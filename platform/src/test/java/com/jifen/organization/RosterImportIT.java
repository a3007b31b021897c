package com.jifen.organization;

import static com.jifen.testing.AuditTrail.assertAudited;
import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.testing.IntegrationTest;
import com.jifen.testing.TestTownship;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Roster import: all rows or none, every bad cell named by row and column. */
class RosterImportIT extends IntegrationTest {
  private static final String HEADER = "编号,姓名,性别,党员类别,类型,所在支部,入党日期,联系电话";

  private static String xlsx(List<List<Object>> rows) throws IOException {
    try (var book = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
      var sheet = book.createSheet("党员名册");
      for (int r = 0; r < rows.size(); r++) {
        var row = sheet.createRow(r);
        for (int c = 0; c < rows.get(r).size(); c++) {
          Object v = rows.get(r).get(c);
          if (v instanceof java.time.LocalDate d) {
            var cell = row.createCell(c);
            cell.setCellValue(d);
            var style = book.createCellStyle();
            style.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            cell.setCellStyle(style);
          } else {
            row.createCell(c).setCellValue(String.valueOf(v));
          }
        }
      }
      book.write(out);
      return Base64.getEncoder().encodeToString(out.toByteArray());
    }
  }

  @Test
  void aSheetWithBadRowsStoresNothingAndReportsEachBadCell() {
    TestTownship t = freshTownship();
    t.standardTree();
    String b = t.tenant().value() + "-Z1-01";
    t.createMember(t.admin().documentName("organizations").variable("kind", "BRANCH").variable("first", 1).execute()
        .path("organizations.edges[0].node.id").entity(String.class).get(), "TAKEN", "已有党员");
    String csv = String.join("\n",
        HEADER,
        "A001,赵一,男,农村,无职," + b + ",2001-07-01,13800000001",
        "A002,钱二,未知,农村,无职," + b + ",2001-07-01,13800000002",
        "A003,孙三,女,机关,流动," + b + ",2001年7月1日,13800000003",
        "A004,,男,农村,有职,不存在的支部,2999-01-01,123",
        "A001,李五,男,社区,有职," + b + ",2001/7/1,",
        "TAKEN,周六,女,农村,无职," + b + ",,",
        "A007,吴七,男,农村,无职," + t.tenant().value() + "-Z1,1999-13-01,");
    var result = t.admin().documentName("importRoster").variable("input", Map.of("format", "CSV", "content", csv)).execute();
    result.path("importRoster.imported").entity(Integer.class).isEqualTo(0);
    var errors = result.path("importRoster.errors").entityList(RowError.class).get();
    assertThat(errors).extracting(e -> e.row() + ":" + e.column() + ":" + e.code()).containsExactlyInAnyOrder(
        "3:性别:INVALID_GENDER",
        "4:类型:TYPE_NOT_APPLICABLE",
        "5:姓名:REQUIRED",
        "5:所在支部:UNKNOWN_BRANCH",
        "5:入党日期:INVALID_JOIN_DATE",
        "5:联系电话:INVALID_PHONE",
        "6:编号:DUPLICATE_IN_SHEET",
        "7:姓名:NAME_MISMATCH",
        "8:所在支部:NOT_A_BRANCH",
        "8:入党日期:INVALID_DATE");
    assertThat(errors).allSatisfy(e -> assertThat(e.message()).isNotBlank());
    // nothing stored: only the member created before the import
    t.admin().documentName("members").execute().path("members.edges[*].node.code").entityList(String.class).containsExactly("TAKEN");
  }

  record RowError(int row, String column, String message, String code) {}

  @Test
  void anXlsxSheetInTheRegistrationFormLayoutImportsWhole() throws IOException {
    TestTownship t = freshTownship();
    t.standardTree();
    String b1 = t.tenant().value() + "-Z1-01";
    String content = xlsx(List.of(
        List.of("编号", "姓名", "性别", "党员类别", "类型", "所在支部", "入党日期", "联系电话"),
        List.of("X001", "陈一", "男", "农村", "有职", b1, java.time.LocalDate.of(1998, 6, 30), "13900000001"),
        List.of("X002", "陈二", "女", "农村", "流动党员", "西村党支部", "2005.03.15", ""),
        List.of("", "", "", "", "", "", "", ""),
        List.of("X003", "陈三", "女", "社区", "无职", b1, "2010年10月1日", "0371-1234567")));
    var result = t.admin().documentName("importRoster").variable("input", Map.of("format", "XLSX", "content", content)).execute();
    result.path("importRoster.errors").entityList(Object.class).hasSize(0);
    result.path("importRoster.imported").entity(Integer.class).isEqualTo(3);
    assertAudited("importRoster", t.tenant(), t.adminUsername(), null);
    t.admin().documentName("members").execute().path("members.edges[*].node.code").entityList(String.class)
        .containsExactly("X001", "X002", "X003");
  }

  @Test
  void aSheetWithoutRequiredColumnsOrNotASpreadsheetIsRefused() {
    TestTownship t = freshTownship();
    var missing = t.admin().documentName("importRoster")
        .variable("input", Map.of("format", "CSV", "content", "姓名,性别\n张三,男")).execute();
    missing.path("importRoster.imported").entity(Integer.class).isEqualTo(0);
    assertThat(missing.path("importRoster.errors[*].column").entityList(String.class).get())
        .contains("编号", "党员类别", "所在支部");
    t.admin().documentName("importRoster").variable("input", Map.of("format", "XLSX",
            "content", Base64.getEncoder().encodeToString("not a workbook".getBytes())))
        .execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
          assertThat(classification(e)).isEqualTo("BAD_REQUEST");
          assertThat(code(e)).isEqualTo("UNREADABLE_FILE");
        }));
  }

  @Test
  void onlyTownshipAdminsImport() {
    asUser("sec.qs").documentName("importRoster").variable("input", Map.of("format", "CSV", "content", HEADER))
        .execute().errors().satisfy(errors -> assertThat(errors).singleElement()
            .satisfies(e -> assertThat(classification(e)).isEqualTo("FORBIDDEN")));
  }
}
