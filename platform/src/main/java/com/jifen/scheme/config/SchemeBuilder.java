package com.jifen.scheme.config;

import static com.jifen.scheme.config.SchemeRules.list;
import static com.jifen.scheme.config.SchemeRules.map;
import static com.jifen.scheme.config.SchemeRules.num;

import com.jifen.scheme.engine.Scheme;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns a validated document into the immutable {@link Scheme}. */
final class SchemeBuilder {
  private SchemeBuilder() {}

  static Scheme build(Map<String, Object> d) {
    Map<String, Object> rounding = map(d.get("rounding"));
    return new Scheme(
        str(d, "code"),
        str(d, "name"),
        Scheme.Subject.valueOf(str(d, "subject")),
        list(d.get("categories")).stream().map(String::valueOf).toList(),
        new Scheme.Rounding(num(rounding.get("scale")).intValue(), RoundingMode.valueOf(str(rounding, "mode"))),
        each(d.get("items"), i -> new Scheme.Item(
            str(i, "code"), str(i, "name"), Scheme.Frequency.valueOf(str(i, "frequency")),
            i.get("min") == null ? BigDecimal.ZERO : num(i.get("min")), num(i.get("max")))),
        each(d.get("entryKinds"), k -> new Scheme.EntryKind(
            str(k, "code"), str(k, "name"), Scheme.EntryDirection.valueOf(str(k, "direction")),
            num(k.get("min")), num(k.get("max")), opt(k, "capPerMonth"), opt(k, "capPerYear"),
            k.get("approval") == null ? null : Scheme.Approval.valueOf(str(k, "approval")))),
        ballot(map(d.get("ballot"))),
        each(d.get("formula"), c -> new Scheme.Component(
            str(c, "code"), str(c, "name"), Scheme.ComponentType.valueOf(str(c, "type")),
            opt(c, "monthlyWeight"), opt(c, "ballotWeight"), opt(c, "points"), (String) c.get("entryKind"),
            c.get("proration") == null ? Scheme.Proration.MEMBERSHIP_MONTHS : Scheme.Proration.valueOf(str(c, "proration")))),
        each(d.get("adjustments"), g -> new Scheme.AdjustmentGroup(
            str(g, "code"), str(g, "name"), num(g.get("sign")).intValue(), Scheme.Combine.valueOf(str(g, "combine")),
            opt(g, "cap"),
            each(g.get("kinds"), k -> {
              Map<String, BigDecimal> levels = new LinkedHashMap<>();
              map(k.get("levels")).forEach((level, points) -> levels.put(level, num(points)));
              return new Scheme.AdjustmentKind(str(k, "code"), str(k, "name"), Map.copyOf(levels));
            }))),
        each(d.get("grades"), b -> new Scheme.GradeBand(opt(b, "from"), opt(b, "to"), str(b, "grade"), str(b, "name"))),
        each(d.get("stars"), b -> new Scheme.StarBand(
            opt(b, "from"), opt(b, "to"), b.get("stars") == null ? null : num(b.get("stars")).intValue(),
            opt(b, "perPoints"))),
        quota(map(d.get("quarterStars"))),
        quota(map(d.get("annualStars"))),
        d.get("veto") == null ? null : new Scheme.Veto(
            str(map(d.get("veto")), "grade"), named(map(d.get("veto")).get("reasons"))),
        d.get("honours") == null ? null : new Scheme.Honours(
            named(map(d.get("honours")).get("codes")), str(map(d.get("honours")), "commendationGrade"),
            num(map(d.get("honours")).get("minCount")).intValue()),
        d.get("promotion") == null ? null : new Scheme.Promotion(num(map(d.get("promotion")).get("minSatisfaction"))),
        d.get("selfSeparation") == null ? null : new Scheme.SelfSeparation(
            list(map(d.get("selfSeparation")).get("items")).stream().map(String::valueOf).toList(),
            num(map(d.get("selfSeparation")).get("months")).intValue()));
  }

  private static Scheme.Ballot ballot(Map<String, Object> b) {
    if (b == null) {
      return null;
    }
    return new Scheme.Ballot(
        Scheme.BallotForm.valueOf(str(b, "form")),
        num(b.get("minRaters")).intValue(),
        opt(b, "min"),
        opt(b, "max"),
        each(b.get("options"), o -> new Scheme.VoteOption(str(o, "code"), str(o, "name"), num(o.get("points")))),
        each(b.get("groups"), g -> new Scheme.RaterGroup(str(g, "code"), str(g, "name"), num(g.get("weight")),
            Boolean.TRUE.equals(g.get("selfAssessment")))),
        b.get("minGroupRaters") == null ? Scheme.Ballot.DEFAULT_MIN_GROUP_RATERS : num(b.get("minGroupRaters")).intValue(),
        b.get("raters") == null ? null : new Scheme.Raters(Boolean.TRUE.equals(map(b.get("raters")).get("allMembers")),
            map(b.get("raters")).get("minMassRepresentatives") == null ? 0 : num(map(b.get("raters")).get("minMassRepresentatives")).intValue()));
  }

  private static Scheme.Quota quota(Map<String, Object> q) {
    if (q == null) {
      return null;
    }
    return new Scheme.Quota(
        num(q.get("percent")),
        RoundingMode.valueOf(str(q, "rounding")),
        q.get("minBranchSize") == null ? 0 : num(q.get("minBranchSize")).intValue(),
        q.get("eligibleStars") == null ? null : num(q.get("eligibleStars")).intValue());
  }

  private static List<Scheme.VetoReason> named(Object value) {
    return each(value, n -> new Scheme.VetoReason(str(n, "code"), str(n, "name")));
  }

  private static <T> List<T> each(Object value, Function<Map<String, Object>, T> f) {
    return list(value).stream().map(v -> f.apply(map(v))).toList();
  }

  private static String str(Map<String, Object> m, String key) {
    return String.valueOf(m.get(key));
  }

  private static BigDecimal opt(Map<String, Object> m, String key) {
    return m.get(key) == null ? null : num(m.get(key));
  }
}
