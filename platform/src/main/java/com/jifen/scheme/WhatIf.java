package com.jifen.scheme;

import java.math.BigDecimal;
import java.util.List;

/**
 * What-if results: members' year under the version in force and under a draft, compared; nothing stored. A draft
 * against figures given in the request is this feature's own (scheme.internal); settlement compares a recorded year.
 */
public final class WhatIf {
  private WhatIf() {}

  /** memberCode, memberName, branchName: from the roster for a recorded year; null for data given in the request. */
  public record Change(
      String memberId, String memberCode, String memberName, String branchName, BigDecimal currentTotal, BigDecimal draftTotal, Integer currentStars, Integer draftStars,
      String currentGrade, String draftGrade, boolean changed) {}

  public record WhatIfResult(List<Change> changes, int changedCount, List<String> notAnalysed) {
    public static WhatIfResult of(List<Change> changes, List<String> notAnalysed) {
      return new WhatIfResult(changes, (int) changes.stream().filter(Change::changed).count(), notAnalysed);
    }
  }
}
