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
    boolean correction,
    boolean needsReview,
    Review review) {

  /**
   * The approval of an addition or deduction that needed it (a reversal shows the decision on what it reverses).
   *
   * @param status PENDING, APPROVED or REJECTED
   */
  public record Review(String status, String reason, String decidedBy, Instant decidedAt) {}

  /** Whether the entry counts in totals: no approval needed, or approved. */
  public boolean counts() {
    return !needsReview || (review != null && "APPROVED".equals(review.status()));
  }

  public enum Kind { ITEM_SCORE, ADDITION, DEDUCTION }

  /** Signed contribution to a running total: deductions count against. */
  public BigDecimal signedPoints() {
    return kind == Kind.DEDUCTION ? points.negate() : points;
  }

  static final String SELECT = """
      select e.*, (e.reverses is not null or (s.published_at is not null and e.recorded_at > s.published_at)) as correction,
        r.decision as review_decision, r.reason as review_reason, r.decided_by as review_by, r.decided_at as review_at
      from ledger_entry e
      left join month_sheet s on s.tenant_id = e.tenant_id and s.branch_id = e.branch_id and s.year = e.year and s.month = e.month
      left join entry_review r on r.tenant_id = e.tenant_id and r.entry_id = coalesce(e.reverses, e.entry_id)
      """;

  /**
   * SQL condition (alias {@code e}) for entries that count in totals: one rule for the year, the boards and the card.
   */
  public static final String COUNTS = "(not e.needs_review or exists (select 1 from entry_review cr where cr.tenant_id = e.tenant_id "
      + "and cr.entry_id = coalesce(e.reverses, e.entry_id) and cr.decision = 'APPROVED'))";

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
        Boolean.TRUE.equals(r.get("correction", Boolean.class)),
        Boolean.TRUE.equals(r.get("needs_review", Boolean.class)),
        review(r));
  }

  private static Review review(Readable r) {
    if (!Boolean.TRUE.equals(r.get("needs_review", Boolean.class))) {
      return null;
    }
    String decision = r.get("review_decision", String.class);
    if (decision == null) {
      return new Review("PENDING", null, null, null);
    }
    return new Review(decision, r.get("review_reason", String.class), r.get("review_by", String.class),
        r.get("review_at", OffsetDateTime.class).toInstant());
  }
}
