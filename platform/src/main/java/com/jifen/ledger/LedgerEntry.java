package com.jifen.ledger;

import com.jifen.shared.BranchId;
import com.jifen.shared.EntryId;
import com.jifen.shared.EvidenceId;
import com.jifen.shared.MemberId;
import com.jifen.shared.TenantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One ledger entry as stored (append-only). {@code correction} is derived: a reversal, or an entry recorded
 * after its month was published.
 */
public record LedgerEntry(
    TenantId tenantId,
    EntryId id,
    MemberId memberId,
    BranchId branchId,
    int year,
    int month,
    Kind kind,
    String code,
    BigDecimal points,
    BigDecimal selfPoints,
    EntryId reverses,
    String reason,
    LocalDate occurredOn,
    EvidenceId evidenceId,
    String schemeCode,
    int schemeVersion,
    String actor,
    Instant recordedAt,
    boolean correction,
    boolean needsReview,
    Review review) {

  public enum ReviewStatus { PENDING, APPROVED, REJECTED }

  /** The approval of an addition or deduction that needed it (a reversal shows the decision on what it reverses). */
  public record Review(ReviewStatus status, String reason, String decidedBy, Instant decidedAt) {}

  /** Whether the entry counts in totals: no approval needed, or approved. */
  public boolean counts() {
    return !needsReview || (review != null && review.status() == ReviewStatus.APPROVED);
  }

  public enum Kind { ITEM_SCORE, ADDITION, DEDUCTION }

  /** Signed contribution to a running total: deductions count against. */
  public BigDecimal signedPoints() {
    return kind == Kind.DEDUCTION ? points.negate() : points;
  }

  /**
   * SQL condition (alias {@code e}) for entries that count in totals: one rule for the year, the boards and the card.
   */
  public static final String COUNTS = "(not e.needs_review or exists (select 1 from entry_review cr where cr.tenant_id = e.tenant_id "
      + "and cr.entry_id = coalesce(e.reverses, e.entry_id) and cr.decision = 'APPROVED'))";
}
