package com.jifen.ballot.internal;

import com.jifen.scheme.engine.SubjectYear.GroupTally;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rater groups as results may show them (docs/DOMAIN.md, Ballots): a group with fewer votes than the scheme's minimum is
 * never shown alone, since the mean of two votes tells each of the two what the other chose. Small groups are pooled;
 * a pool still too small joins the smallest group shown; with nothing to join it is left out. A self-assessment group
 * rates itself and is shown whatever its size.
 */
final class SmallGroups {
  private SmallGroups() {}

  /** A group or a merge of groups (code "MASS+SUPERIOR"); the null code is a ballot without groups. */
  record Shown(String code, BigDecimal sum, int count) {
    Shown plus(Shown other) {
      return new Shown(code + "+" + other.code, sum.add(other.sum), count + other.count);
    }
  }

  /** groups in the scheme's order; groups nobody voted in are not shown. */
  static List<Shown> release(Map<String, GroupTally> groups, int minGroupRaters, Set<String> selfAssessment) {
    List<Shown> shown = new ArrayList<>();
    Shown pool = null;
    for (var e : groups.entrySet()) {
      if (e.getValue().count() <= 0) {
        continue;
      }
      Shown g = new Shown(e.getKey(), e.getValue().sum(), e.getValue().count());
      if (g.count() >= minGroupRaters || exempt(selfAssessment, e.getKey())) {
        shown.add(g);
      } else {
        pool = pool == null ? g : pool.plus(g);
      }
    }
    if (pool == null) {
      return shown;
    }
    if (pool.count() >= minGroupRaters) {
      shown.add(pool);
      return shown;
    }
    var smallest = shown.stream().filter(g -> !exempt(selfAssessment, g.code())).min(Comparator.comparingInt(Shown::count));
    if (smallest.isPresent()) {
      shown.set(shown.indexOf(smallest.get()), smallest.get().plus(pool));
    }
    return shown;
  }

  private static boolean exempt(Set<String> selfAssessment, String code) {
    return code != null && selfAssessment.contains(code);
  }
}
