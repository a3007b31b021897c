package com.jifen.ledger;

import com.jifen.shared.DomainException;
import com.jifen.shared.TenantId;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** Evidence for an entry (证明材料): a note and/or one image or PDF of at most 5 MB, kept in PostgreSQL. */
public record Evidence(
    TenantId tenantId, UUID id, String note, String fileName, String mediaType, Integer sizeBytes, String sha256,
    String uploadedBy, Instant uploadedAt, String contentBase64) {

  public static final int MAX_BYTES = 5 * 1024 * 1024;
  /** The file's first bytes must match its declared type: a renamed file is refused. */
  private static final Map<String, byte[]> MAGIC = Map.of(
      "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
      "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'},
      "application/pdf", new byte[] {'%', 'P', 'D', 'F'});

  public record Input(String note, String fileName, String mediaType, String contentBase64) {}

  /** A checked upload: decoded bytes of an allowed type, within the size limit. */
  record Upload(String note, String fileName, String mediaType, byte[] content) {}

  static Upload check(Input in) {
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
    if (bytes.length == 0 || bytes.length > MAX_BYTES) {
      throw DomainException.badRequest("EVIDENCE_TOO_LARGE", "附件不能为空，且不能超过 5 MB（现为 %.1f MB）".formatted(bytes.length / 1048576.0));
    }
    byte[] magic = MAGIC.get(in.mediaType());
    if (magic == null) {
      throw DomainException.badRequest("UNSUPPORTED_EVIDENCE_TYPE", "附件只能是 JPG、PNG 图片或 PDF 文件 (mediaType)");
    }
    for (int i = 0; i < magic.length; i++) {
      if (bytes.length <= i || bytes[i] != magic[i]) {
        throw DomainException.badRequest("EVIDENCE_TYPE_MISMATCH", "附件内容与声明的类型不符 (%s)".formatted(in.mediaType()));
      }
    }
    return new Upload(hasNote ? in.note().trim() : null, in.fileName(), in.mediaType(), bytes);
  }

  static Evidence read(Readable r, boolean withContent) {
    byte[] content = withContent ? r.get("content", byte[].class) : null;
    return new Evidence(new TenantId(r.get("tenant_id", String.class)), r.get("evidence_id", UUID.class),
        r.get("note", String.class), r.get("file_name", String.class), r.get("media_type", String.class),
        r.get("size_bytes", Integer.class), r.get("sha256", String.class), r.get("uploaded_by", String.class),
        r.get("uploaded_at", OffsetDateTime.class).toInstant(),
        content == null ? null : Base64.getEncoder().encodeToString(content));
  }
}
