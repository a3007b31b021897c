package com.jifen.ledger;

import com.jifen.shared.TenantId;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One ledger entry as stored (append-only). {@code correction} is derived: a reversal, or an entry recorded
 * after its month was published.
 */
public record LedgerEntry(
    TenantId tenantId,
    UUID id,
    UUID memberId,
    UUID branchId,
    int year,
    int month,
    Kind kind,
    String code,
    BigDecimal points,
    BigDecimal selfPoints,
    UUID reverses,
    String reason,
    LocalDate occurredOn,
    UUID evidenceId,
    String schemeCode,
    int schemeVersion,
    String actor,
    Instant recordedAt,
    boolean correction) {

  public enum Kind { ITEM_SCORE, ADDITION, DEDUCTION }

  /** Signed contribution to a running total: deductions count against. */
  public BigDecimal signedPoints() {
    return kind == Kind.DEDUCTION ? points.negate() : points;
  }

  static final String SELECT = """
      select e.*, (e.reverses is not null or (s.published_at is not null and e.recorded_at > s.published_at)) as correction
      from ledger_entry e
      left join month_sheet s on s.tenant_id = e.tenant_id and s.branch_id = e.branch_id and s.year = e.year and s.month = e.month
      """;

  static LedgerEntry read(Readable r) {
    return new LedgerEntry(
        new TenantId(r.get("tenant_id", String.class)),
        r.get("entry_id", UUID.class),
        r.get("member_id", UUID.class),
        r.get("branch_id", UUID.class),
        r.get("year", Integer.class),
        r.get("month", Integer.class),
        Kind.valueOf(r.get("kind", String.class)),
        r.get("code", String.class),
        r.get("points", BigDecimal.class),
        r.get("self_points", BigDecimal.class),
        r.get("reverses", UUID.class),
        r.get("reason", String.class),
        r.get("occurred_on", LocalDate.class),
        r.get("evidence_id", UUID.class),
        r.get("scheme_code", String.class),
        r.get("scheme_version", Integer.class),
        r.get("actor", String.class),
        r.get("recorded_at", OffsetDateTime.class).toInstant(),
        Boolean.TRUE.equals(r.get("correction", Boolean.class)));
  }
}
