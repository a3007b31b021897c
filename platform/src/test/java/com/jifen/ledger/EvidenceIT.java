package com.jifen.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.scheme.engine.SeedSchemes;
import com.jifen.testing.IntegrationTest;
import com.jifen.testing.TestTownship;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.test.tester.GraphQlTester;

/** Evidence files: typed by their content against an allowlist, names safe to serve, capped per file and per member-month. */
class EvidenceIT extends IntegrationTest {
  static final int YEAR = LocalDate.now().getYear() - 1;
  static final String POST = """
      mutation($input: PostEntryInput!) { postEntry(input: $input) { entry { id evidence { id fileName mediaType sizeBytes contentDisposition } } } }""";

  @Value("${spring.liquibase.url}") String jdbcUrl;
  TestTownship t;
  String villager;

  @BeforeEach
  void village() {
    t = freshTownship();
    String committee = t.createOrganization(null, t.tenant().value(), "测试镇党委", "COMMITTEE", null);
    String branch = t.createOrganization(committee, t.tenant().value() + "-01", "东村党支部", "BRANCH", "VILLAGE");
    villager = t.createMember(branch, "V1", "村民党员", "VILLAGE");
    t.publishAndPin(SeedSchemes.text(SeedSchemes.S2), YEAR, "VILLAGE");
  }

  private GraphQlTester.Response post(int month, String fileName, String mediaType, byte[] content) {
    Map<String, Object> evidence = new HashMap<>(Map.of("contentBase64", Base64.getEncoder().encodeToString(content)));
    if (fileName != null) {
      evidence.put("fileName", fileName);
    }
    if (mediaType != null) {
      evidence.put("mediaType", mediaType);
    }
    return t.admin().document(POST).variable("input", Map.of("memberId", villager, "kind", "ACHIEVEMENT", "points", "1",
        "occurredOn", "%d-%02d-10".formatted(YEAR, month), "reason", "带领群众修路", "idempotencyKey", "k-" + UUID.randomUUID(),
        "evidence", evidence)).execute();
  }

  private void refused(GraphQlTester.Response response, String expected) {
    response.errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
      assertThat(classification(e)).isEqualTo("BAD_REQUEST");
      assertThat(code(e)).isEqualTo(expected);
      assertThat(e.getMessage()).matches("(?s).*\\p{IsHan}.*");
    }));
  }

  private int evidenceRows() throws Exception {
    try (var c = DriverManager.getConnection(jdbcUrl, "jifen_owner", "jifen_owner")) {
      c.createStatement().execute("select set_config('app.tenant_id', '" + t.tenant().value() + "', false)");
      ResultSet rs = c.createStatement().executeQuery("select count(*) from evidence");
      rs.next();
      return rs.getInt(1);
    }
  }

  private static byte[] docx() throws Exception {
    try (var doc = new XWPFDocument(); var out = new ByteArrayOutputStream()) {
      doc.createParagraph().createRun().setText("村委会证明：该同志带领群众修路。");
      doc.write(out);
      return out.toByteArray();
    }
  }

  private static byte[] zip(String entry) throws Exception {
    var out = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(entry));
      zip.write("hello".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return out.toByteArray();
  }

  private static byte[] pdf(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) ' ');
    byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, bytes, 0, head.length);
    return bytes;
  }

  @Test
  void anOfficeDocumentIsTypedByItsContentAndServedUnderASafeName() throws Exception {
    var posted = post(5, "../../etc/村委会\u202Efdp.证明\u0007\n", null, docx());
    posted.path("postEntry.entry.evidence.mediaType").entity(String.class)
        .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    posted.path("postEntry.entry.evidence.fileName").entity(String.class).isEqualTo("村委会fdp.证明.docx");
    posted.path("postEntry.entry.evidence.contentDisposition").entity(String.class).satisfies(cd -> {
      assertThat(cd).startsWith("attachment; ");
      assertThat(cd).contains("filename*=UTF-8''%E6%9D%91%E5%A7%94%E4%BC%9Afdp.%E8%AF%81%E6%98%8E.docx");
      assertThat(cd).doesNotContain("\n", "\r", "/", "\u202E");
    });
    String id = posted.path("postEntry.entry.evidence.id").entity(String.class).get();
    t.admin().document("query($id: ID!) { evidence(id: $id) { fileName contentDisposition } }").variable("id", id).execute()
        .path("evidence.fileName").entity(String.class).isEqualTo("村委会fdp.证明.docx");
    // a name with nothing left gets one from its type
    post(5, "\u0000/", null, pdf(100)).path("postEntry.entry.evidence.fileName").entity(String.class).isEqualTo("证明材料.pdf");
  }

  @Test
  void aFileIsTypedByItsContentNotItsNameOrDeclaredTypeAndARefusedOneLeavesNothing() throws Exception {
    refused(post(5, "report.docx", null, zip("notes.txt")), "UNSUPPORTED_EVIDENCE_TYPE");
    byte[] exe = new byte[512];
    exe[0] = 'M';
    exe[1] = 'Z';
    refused(post(5, "photo.jpg", "image/jpeg", exe), "UNSUPPORTED_EVIDENCE_TYPE");
    refused(post(5, "scan.pdf", "application/pdf", "<html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8)),
        "UNSUPPORTED_EVIDENCE_TYPE");
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};
    refused(post(5, "scan.pdf", "application/pdf", png), "EVIDENCE_TYPE_MISMATCH");
    refused(post(5, "big.pdf", null, pdf(5 * 1024 * 1024 + 1)), "EVIDENCE_TOO_LARGE");
    assertThat(evidenceRows()).isZero();
    post(5, "scan.png", null, png).path("postEntry.entry.evidence.mediaType").entity(String.class).isEqualTo("image/png");
    assertThat(evidenceRows()).isEqualTo(1);
  }

  @Test
  void aMembersMonthHoldsAtMostTwentyMegabytesOfFiles() throws Exception {
    for (int i = 0; i < 4; i++) {
      post(6, "page" + i + ".pdf", null, pdf(5_000_000)).path("postEntry.entry.evidence.sizeBytes").entity(Integer.class).isEqualTo(5_000_000);
    }
    refused(post(6, "page5.pdf", null, pdf(1_000_000)), "EVIDENCE_MONTH_FULL");
    assertThat(evidenceRows()).isEqualTo(4);
    // the next month has room again
    post(7, "page5.pdf", null, pdf(1_000_000)).path("postEntry.entry.evidence.sizeBytes").entity(Integer.class).isEqualTo(1_000_000);
  }
}
