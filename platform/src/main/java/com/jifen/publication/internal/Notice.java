package com.jifen.publication.internal;

import com.jifen.shared.MemberId;
import com.jifen.shared.NoticeId;
import com.jifen.shared.TenantId;
import java.time.LocalDate;
import java.util.Optional;

/** 告诫/限期整改通知书: issued from a final grade, with its deadline and, once recorded, its outcome. */
public record Notice(TenantId tenantId, NoticeId id, MemberId memberId, int year, Kind kind, String grade, LocalDate issuedOn,
    LocalDate deadline, boolean overdue, Boolean improved, String outcomeNote) {

  /** WARNING: 基本合格, six months; RECTIFICATION: 不合格, one year. */
  public enum Kind {
    WARNING, RECTIFICATION;

    /** The notice a final grade calls for, if any. */
    static Optional<Kind> forGrade(String grade) {
      return switch (grade) {
        case "BASIC" -> Optional.of(WARNING);
        case "UNQUALIFIED" -> Optional.of(RECTIFICATION);
        default -> Optional.empty();
      };
    }

    LocalDate deadline(LocalDate issuedOn) {
      return this == WARNING ? issuedOn.plusMonths(6) : issuedOn.plusYears(1);
    }
  }
}
