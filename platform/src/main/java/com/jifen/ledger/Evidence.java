package com.jifen.ledger;

import com.jifen.shared.EvidenceId;
import com.jifen.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.springframework.http.ContentDisposition;

/**
 * Evidence for an entry (证明材料): a note and/or one file of at most 5 MB, kept in PostgreSQL. The file's type is
 * what its content is, and only PDF, JPEG, PNG and Office documents are taken (internal.EvidenceUploads checks them).
 */
public record Evidence(
    TenantId tenantId, EvidenceId id, String note, String fileName, String mediaType, Integer sizeBytes, String sha256,
    String uploadedBy, Instant uploadedAt, String contentBase64) {

  public static final int MAX_BYTES = 5 * 1024 * 1024;
  /** All evidence files of one member's month together (what a township's storage plan allows per member). */
  public static final long MAX_BYTES_PER_MEMBER_MONTH = 20L * 1024 * 1024;

  /** RFC 6266 header value for serving the file: ASCII fallback plus the UTF-8 name (filename*). */
  public String contentDisposition() {
    return fileName == null ? null
        : ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString();
  }
}
