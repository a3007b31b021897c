package com.jifen.ballot.internal;

import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.DomainException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** How many codes a ballot gets, and for which rater group each, from what the secretary asked and the form's rules. */
final class RaterCount {
  static final int MAX_CODES = 2_000;

  private RaterCount() {}

  /** What the secretary asked: a total, mass representatives, or raters per group (null when not given). */
  record Asked(Integer raters, Integer massRepresentatives, List<Group> groups) {}

  record Group(String group, int raters) {}

  /**
   * The rater group of each code to issue (null: a ballot without groups). memberRaters: the branch's active members
   * when the scheme has all of them rate, else null.
   */
  static List<String> groupsOfCodes(Scheme.Ballot form, Asked asked, Integer memberRaters) {
    List<String> codes = new ArrayList<>();
    if (form.form() == Scheme.BallotForm.RATER_GROUPS) {
      if (asked.groups() == null || asked.groups().isEmpty()) {
        throw DomainException.badRequest("GROUPS_REQUIRED", "请为每个评价主体给出参评人数 (groups)");
      }
      Set<String> known = new HashSet<>();
      form.groups().forEach(g -> known.add(g.code()));
      for (Group g : asked.groups()) {
        if (!known.contains(g.group())) {
          throw DomainException.badRequest("UNKNOWN_GROUP", "方案中没有评价主体 " + g.group());
        }
        for (int i = 0; i < g.raters(); i++) {
          codes.add(g.group());
        }
      }
    } else {
      int raters = memberRaters != null ? sizedByRule(form.raters(), asked, memberRaters) : total(form, asked);
      for (int i = 0; i < raters; i++) {
        codes.add(null);
      }
    }
    if (codes.size() < form.minRaters() || codes.size() > MAX_CODES) {
      throw DomainException.badRequest("TOO_FEW_RATERS", "参评人数须在 %d 到 %d 之间".formatted(form.minRaters(), MAX_CODES));
    }
    return codes;
  }

  private static int total(Scheme.Ballot form, Asked asked) {
    int raters = asked.raters() == null ? 0 : asked.raters();
    if (raters < form.minRaters()) {
      throw DomainException.badRequest("TOO_FEW_RATERS",
          "参评人数至少 %d 人（全体党员和群众代表），填写的是 %d".formatted(form.minRaters(), raters));
    }
    return raters;
  }

  /**
   * All members plus at least the scheme's mass representatives (seed 001: 全体党员和群众代表(不少于10名)): given as the
   * number of mass representatives, or as a total that must cover both.
   */
  private static int sizedByRule(Scheme.Raters rule, Asked asked, int memberRaters) {
    int least = memberRaters + rule.minMassRepresentatives();
    if (asked.massRepresentatives() != null) {
      if (asked.raters() != null && asked.raters() != memberRaters + asked.massRepresentatives()) {
        throw DomainException.badRequest("RATERS_MISMATCH", "参评人数 %d 与全体党员 %d 人加群众代表 %d 名不一致"
            .formatted(asked.raters(), memberRaters, asked.massRepresentatives()));
      }
      if (asked.massRepresentatives() < rule.minMassRepresentatives()) {
        throw DomainException.badRequest("TOO_FEW_MASS_REPRESENTATIVES", "群众代表不少于 %d 名，填写的是 %d"
            .formatted(rule.minMassRepresentatives(), asked.massRepresentatives()));
      }
      return memberRaters + asked.massRepresentatives();
    }
    int raters = asked.raters() == null ? 0 : asked.raters();
    if (raters < least) {
      throw DomainException.badRequest("TOO_FEW_RATERS", "参评人数为全体党员 %d 人加群众代表不少于 %d 名，至少 %d 人，填写的是 %d"
          .formatted(memberRaters, rule.minMassRepresentatives(), least, raters));
    }
    return raters;
  }
}
