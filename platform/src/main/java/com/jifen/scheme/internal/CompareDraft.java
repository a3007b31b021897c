package com.jifen.scheme.internal;

import com.jifen.scheme.WhatIf.Change;
import com.jifen.scheme.WhatIf.WhatIfResult;
import com.jifen.scheme.config.SchemeLoader;
import com.jifen.scheme.engine.Results.SubjectYearResult;
import com.jifen.scheme.engine.ScoringEngine;
import com.jifen.scheme.engine.ScoringException;
import com.jifen.scheme.engine.SubjectYear;
import com.jifen.shared.DomainException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What-if on figures given in the request: the same members' year under a published version and under a draft. */
final class CompareDraft {
  private CompareDraft() {}

  record WhatIfInput(String draftYaml, String schemeCode, Integer version, List<MemberInput> members) {}

  record MemberInput(
      String memberId, List<List<BigDecimal>> monthly, List<BigDecimal> ballotItemSums, Integer raters,
      List<VoteCount> votes, List<EntryInput> entries, List<AdjustmentInput> adjustments, List<String> vetoReasons) {}

  record VoteCount(String option, int count) {}

  record EntryInput(String kind, int month, BigDecimal points) {}

  record AdjustmentInput(String kind, String level) {}

  static WhatIfResult compare(ScoringEngine current, WhatIfInput in) {
    ScoringEngine draft = new ScoringEngine(SchemeLoader.load("draft.yaml", in.draftYaml()));
    if (in.members() == null || in.members().isEmpty()) {
      throw DomainException.badRequest("NO_MEMBERS", "请至少提供一名党员的年度数据");
    }
    if (in.members().size() > 10_000) {
      throw DomainException.badRequest("TOO_MANY_MEMBERS", "一次最多分析 10000 名党员");
    }
    List<Change> changes = new ArrayList<>();
    for (MemberInput m : in.members()) {
      SubjectYear year = toYear(m);
      SubjectYearResult a = score(current, year, "当前版本");
      SubjectYearResult b = score(draft, year, "草案");
      boolean changed = a.annualTotal().compareTo(b.annualTotal()) != 0
          || !Objects.equals(a.stars(), b.stars()) || !a.grade().equals(b.grade());
      changes.add(new Change(m.memberId(), null, null, null, a.annualTotal(), b.annualTotal(), a.stars(), b.stars(), a.grade(), b.grade(), changed));
    }
    return WhatIfResult.of(changes, List.of());
  }

  private static SubjectYearResult score(ScoringEngine engine, SubjectYear year, String which) {
    try {
      return engine.subjectYear(year);
    } catch (ScoringException e) {
      throw DomainException.badRequest(e.code(), which + "无法计算党员 " + year.subjectId() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      throw DomainException.badRequest("INCOMPATIBLE_DATA",
          which + "与党员 " + year.subjectId() + " 的数据不匹配（项目数、类别或月份）");
    }
  }

  static SubjectYear toYear(MemberInput m) {
    BigDecimal[][] monthly = new BigDecimal[12][];
    if (m.monthly() != null) {
      if (m.monthly().size() > 12) {
        throw DomainException.badRequest("TOO_MANY_MONTHS", "每名党员最多 12 个月的数据: " + m.memberId());
      }
      for (int i = 0; i < m.monthly().size(); i++) {
        List<BigDecimal> row = m.monthly().get(i);
        monthly[i] = row == null ? null : row.toArray(BigDecimal[]::new);
      }
    }
    SubjectYear.BallotTally tally = null;
    if (m.ballotItemSums() != null) {
      tally = SubjectYear.BallotTally.ofItemSums(m.raters() == null ? 0 : m.raters(), m.ballotItemSums().toArray(BigDecimal[]::new));
    } else if (m.votes() != null) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      m.votes().forEach(v -> counts.merge(v.option(), v.count(), Integer::sum));
      tally = SubjectYear.BallotTally.ofVotes(counts);
    }
    List<SubjectYear.Entry> entries = m.entries() == null ? List.of()
        : m.entries().stream().map(e -> {
            if (e.month() < 1 || e.month() > 12) {
              throw DomainException.badRequest("INVALID_MONTH", "月份须在 1–12 之间: " + e.month());
            }
            return new SubjectYear.Entry(e.kind(), e.month(), e.points());
          }).toList();
    List<SubjectYear.Adjustment> adjustments = m.adjustments() == null ? List.of()
        : m.adjustments().stream().map(a -> new SubjectYear.Adjustment(a.kind(), a.level())).toList();
    return new SubjectYear(m.memberId(), monthly, entries, adjustments, tally,
        m.vetoReasons() == null ? List.of() : m.vetoReasons(), Set.of(), null);
  }
}
