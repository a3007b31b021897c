package com.jifen.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jifen.shared.DomainException;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An evidence file's name is kept without path, control or format characters, with its type's extension. */
class EvidenceUploadsTest {

  @ParameterizedTest(name = "\"{0}\" as {1} → \"{2}\"")
  @CsvSource(nullValues = "null", value = {
      "证明.pdf, application/pdf, 证明.pdf",
      "../../etc/passwd, application/pdf, passwd.pdf",
      "C:\\\\Users\\\\a\\\\照片.JPEG, image/jpeg, 照片.JPEG",
      "scan, image/png, scan.png",
      "'  .hidden  name.png ', image/png, hidden name.png",
      "a\u202Egnp.exe, application/pdf, agnp.exe.pdf",
      "'a<b>:c|d?.pdf', application/pdf, abcd.pdf",
      "'', application/pdf, 证明材料.pdf",
      "'', null, null",
  })
  void aNameIsSafeToStoreShowAndServe(String name, String mediaType, String expected) {
    assertThat(EvidenceUploads.safeName(name, mediaType)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "'', EMPTY_EVIDENCE",
      "not base64!!, INVALID_BASE64",
      "aGVsbG8gd29ybGQ=, UNSUPPORTED_EVIDENCE_TYPE",
  })
  void anUploadWithoutNoteIsRefusedUnlessItsFileIsAnAllowedType(String content, String code) {
    var in = new EvidenceInput(null, "x.pdf", null, content);
    assertThatThrownBy(() -> EvidenceUploads.check(in))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @ParameterizedTest(name = "declared {0}")
  @CsvSource({"image/png", "application/msword"})
  void aPdfDeclaredAsAnotherTypeIsRefused(String declared) {
    String pdf = Base64.getEncoder().encodeToString("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".getBytes());
    assertThat(EvidenceUploads.check(new EvidenceInput(null, "x.pdf", null, pdf)).mediaType()).isEqualTo("application/pdf");
    assertThatThrownBy(() -> EvidenceUploads.check(new EvidenceInput(null, "x.pdf", declared, pdf)))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("EVIDENCE_TYPE_MISMATCH"));
  }
}
