package com.jifen.publication.internal;

import com.jifen.shared.MemberId;
import com.jifen.shared.ObjectionId;
import com.jifen.shared.TenantId;
import java.time.Instant;

/** 异议: a member's objection, to the year's published results or to a confirmed month's scores, and its answer. */
public record Objection(TenantId tenantId, ObjectionId id, Kind kind, MemberId memberId, int year, Integer month, String text,
    Instant filedAt, Boolean upheld, String answer, String answeredBy, Instant answeredAt) {

  public enum Kind { SETTLEMENT, MONTH }

  boolean answered() {
    return upheld != null;
  }
}
