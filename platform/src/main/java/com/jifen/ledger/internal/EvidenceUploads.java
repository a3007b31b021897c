package com.jifen.ledger.internal;

import com.jifen.ledger.Evidence;
import com.jifen.shared.DomainException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.tika.Tika;

/**
 * What an uploaded evidence file may be: its type is what its content is (Apache Tika), only PDF, JPEG, PNG and Office
 * documents are taken, at most {@link Evidence#MAX_BYTES}; its name is kept without path, control or format characters,
 * with the extension of its type. Pure: no I/O beyond reading the bytes given.
 */
public final class EvidenceUploads {
  private EvidenceUploads() {}

  private static final int MAX_NAME_CHARS = 100;
  private static final Tika TIKA = new Tika();
  /** The allowlist: detected type → the extension its served name carries. */
  static final Map<String, String> TYPES = Map.of(
      "application/pdf", "pdf",
      "image/jpeg", "jpg",
      "image/png", "png",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx",
      "application/msword", "doc",
      "application/vnd.ms-excel", "xls",
      "application/vnd.ms-powerpoint", "ppt");
  /** An Office Open XML package holds its content types and the part folder of its kind. */
  private static final Map<String, String> OOXML_PARTS = Map.of("docx", "word/", "xlsx", "xl/", "pptx", "ppt/");

  /** A checked upload: decoded bytes of an allowed type, within the size limit. */
  public record Upload(String note, String fileName, String mediaType, byte[] content) {}

  public static Upload check(EvidenceInput in) {
    boolean hasFile = in.contentBase64() != null && !in.contentBase64().isBlank();
    boolean hasNote = in.note() != null && !in.note().isBlank();
    if (!hasFile && !hasNote) {
      throw DomainException.badRequest("EMPTY_EVIDENCE", "证明材料须有文字说明或附件");
    }
    if (!hasFile) {
      return new Upload(in.note().trim(), null, null, null);
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(in.contentBase64());
    } catch (IllegalArgumentException e) {
      throw DomainException.badRequest("INVALID_BASE64", "附件内容须为 Base64 编码");
    }
    if (bytes.length == 0 || bytes.length > Evidence.MAX_BYTES) {
      throw DomainException.badRequest("EVIDENCE_TOO_LARGE", "附件不能为空，且不能超过 5 MB（现为 %.1f MB）".formatted(bytes.length / 1048576.0));
    }
    String detected = detect(bytes, in.fileName());
    if (!TYPES.containsKey(detected)) {
      throw DomainException.badRequest("UNSUPPORTED_EVIDENCE_TYPE",
          "附件只能是 PDF、JPG、PNG 或 Office 文档（Word、Excel、PowerPoint），该文件是 %s".formatted(detected));
    }
    if (in.mediaType() != null && !in.mediaType().isBlank() && !in.mediaType().strip().equalsIgnoreCase(detected)) {
      throw DomainException.badRequest("EVIDENCE_TYPE_MISMATCH", "附件内容（%s）与声明的类型（%s）不符".formatted(detected, in.mediaType()));
    }
    return new Upload(hasNote ? in.note().trim() : null, safeName(in.fileName(), detected), detected, bytes);
  }

  /**
   * The type of the content. A ZIP is an Office document only if it is an Office Open XML package (content types and
   * the part folder of its kind), whatever its name; the name only tells an OLE2 file's kind (.doc, .xls, .ppt).
   */
  static String detect(byte[] bytes, String fileName) {
    String hint = fileName == null ? null : safeName(fileName, null);
    String type;
    try {
      type = TIKA.detect(bytes, hint);
    } catch (RuntimeException e) {
      return "application/octet-stream";
    }
    String ext = TYPES.get(type);
    if (type.equals("application/zip") || type.equals("application/x-tika-ooxml") || (ext != null && OOXML_PARTS.containsKey(ext))) {
      return ooxml(bytes);
    }
    return type;
  }

  /** The Office Open XML type a ZIP's entries show, or application/zip. */
  private static String ooxml(byte[] bytes) {
    boolean contentTypes = false;
    String kind = null;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry entry;
      for (int i = 0; i < 10_000 && (entry = zip.getNextEntry()) != null; i++) {
        contentTypes |= entry.getName().equals("[Content_Types].xml");
        for (var part : OOXML_PARTS.entrySet()) {
          if (kind == null && entry.getName().startsWith(part.getValue())) {
            kind = part.getKey();
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      return "application/zip";
    }
    if (!contentTypes || kind == null) {
      return "application/zip";
    }
    String found = kind;
    return TYPES.entrySet().stream().filter(e -> e.getValue().equals(found)).findFirst().orElseThrow().getKey();
  }

  /**
   * A file name safe to store, show and serve: the last path segment, without control, format (bidi overrides,
   * zero-width) or reserved characters, at most 100 characters, ending in its type's extension.
   */
  static String safeName(String name, String mediaType) {
    String base = name == null ? "" : name;
    base = base.substring(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
    StringBuilder sb = new StringBuilder();
    base.codePoints().forEach(cp -> {
      int type = Character.getType(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        sb.append(' ');
      } else if (type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
          && type != Character.PRIVATE_USE && type != Character.SURROGATE && "<>:\"|?*;".indexOf(cp) < 0) {
        sb.appendCodePoint(cp);
      }
    });
    String clean = sb.toString().replaceAll(" +", " ").strip().replaceAll("^[. ]+", "");
    String ext = mediaType == null ? null : TYPES.get(mediaType);
    if (ext != null) {
      String lower = clean.toLowerCase();
      boolean hasExt = lower.endsWith("." + ext) || (ext.equals("jpg") && lower.endsWith(".jpeg"));
      if (!hasExt) {
        clean = clean.isEmpty() ? "证明材料." + ext : clean + "." + ext;
      }
    }
    if (clean.codePointCount(0, clean.length()) > MAX_NAME_CHARS) {
      int dot = clean.lastIndexOf('.');
      String suffix = dot > 0 && clean.length() - dot <= 6 ? clean.substring(dot) : "";
      clean = clean.substring(0, clean.offsetByCodePoints(0, MAX_NAME_CHARS - suffix.length())) + suffix;
    }
    return clean.isEmpty() ? null : clean;
  }
}
