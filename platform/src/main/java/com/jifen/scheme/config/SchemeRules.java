package com.jifen.scheme.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rules JSON Schema cannot express: codes unique and referenced codes known; bands contiguous
 * (no gaps, no overlaps, covering every figure); weights summing to 100%; caps not below one entry's maximum.
 * Runs on a document that has passed the JSON Schema, so shapes and types can be trusted.
 */
final class SchemeRules {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final YamlTree tree;
  private final Map<String, Object> doc;
  private final List<ConfigError> errors = new ArrayList<>();

  SchemeRules(YamlTree tree, Map<String, Object> doc) {
    this.tree = tree;
    this.doc = doc;
  }

  List<ConfigError> check() {
    Set<String> items = uniqueCodes("items");
    Set<String> kinds = uniqueCodes("entryKinds");
    Set<String> grades = uniqueCodes("grades", "grade");
    uniqueCodes("formula");
    checkItems();
    checkEntryKinds();
    Map<String, Object> ballot = map(doc.get("ballot"));
    checkBallot(ballot);
    checkFormula(ballot, kinds);
    checkAdjustments();
    checkBands("grades");
    if (doc.containsKey("stars")) {
      checkBands("stars");
    }
    var quotas = List.of("quarterStars", "annualStars");
    for (String q : quotas) {
      Map<String, Object> quota = map(doc.get(q));
      if (quota != null && quota.get("eligibleStars") != null && !doc.containsKey("stars")) {
        error(List.of(q, "eligibleStars"), "方案未定义星级 (stars)，不能按星级限定评选范围");
      }
    }
    Map<String, Object> veto = map(doc.get("veto"));
    if (veto != null && !grades.contains((String) veto.get("grade"))) {
      error(List.of("veto", "grade"), "未定义的等次: " + veto.get("grade"));
    }
    Map<String, Object> honours = map(doc.get("honours"));
    if (honours != null) {
      if (!grades.contains((String) honours.get("commendationGrade"))) {
        error(List.of("honours", "commendationGrade"), "未定义的等次: " + honours.get("commendationGrade"));
      }
      int count = list(honours.get("codes")).size();
      if (((BigDecimal) honours.get("minCount")).intValue() > count) {
        error(List.of("honours", "minCount"), "不能大于荣誉项数 " + count);
      }
    }
    Map<String, Object> sep = map(doc.get("selfSeparation"));
    if (sep != null) {
      List<Object> codes = list(sep.get("items"));
      for (int i = 0; i < codes.size(); i++) {
        if (!items.contains(codes.get(i)) && !kinds.contains(codes.get(i))) {
          error(List.of("selfSeparation", "items", i), "未定义的考核项目或积分类别: " + codes.get(i));
        }
      }
    }
    return errors;
  }

  private void checkItems() {
    List<Object> items = list(doc.get("items"));
    for (int i = 0; i < items.size(); i++) {
      Map<String, Object> item = map(items.get(i));
      BigDecimal max = num(item.get("max"));
      BigDecimal min = item.get("min") == null ? BigDecimal.ZERO : num(item.get("min"));
      if (max.signum() <= 0) {
        error(List.of("items", i, "max"), "必须大于 0 (must be > 0)");
      } else if (min.compareTo(max) > 0) {
        error(List.of("items", i, "min"), "最低分不能大于最高分 " + max.toPlainString());
      }
    }
  }

  private void checkEntryKinds() {
    List<Object> kinds = list(doc.get("entryKinds"));
    for (int i = 0; i < kinds.size(); i++) {
      Map<String, Object> kind = map(kinds.get(i));
      BigDecimal min = num(kind.get("min"));
      BigDecimal max = num(kind.get("max"));
      if (min.compareTo(max) > 0) {
        error(List.of("entryKinds", i, "min"), "单次分值下限不能大于上限 " + max.toPlainString());
      }
      for (String cap : List.of("capPerMonth", "capPerYear")) {
        if (kind.get(cap) != null && num(kind.get(cap)).compareTo(max) < 0) {
          error(List.of("entryKinds", i, cap),
              "封顶值 %s 低于单次最高分 %s (a cap below a single entry's maximum)"
                  .formatted(num(kind.get(cap)).toPlainString(), max.toPlainString()));
        }
      }
      if (kind.get("capPerMonth") != null && kind.get("capPerYear") != null
          && num(kind.get("capPerYear")).compareTo(num(kind.get("capPerMonth"))) < 0) {
        error(List.of("entryKinds", i, "capPerYear"), "年度封顶不能低于月度封顶");
      }
    }
  }

  private void checkBallot(Map<String, Object> ballot) {
    if (ballot == null) {
      return;
    }
    String form = (String) ballot.get("form");
    switch (form) {
      case "ITEM_SCORES", "RATER_GROUPS" -> {
        if (ballot.get("min") == null || ballot.get("max") == null) {
          error(List.of("ballot"), form + " 测评须给出评分范围 min 与 max");
        } else if (num(ballot.get("min")).compareTo(num(ballot.get("max"))) >= 0) {
          error(List.of("ballot", "max"), "评分上限必须大于下限");
        }
        if (form.equals("RATER_GROUPS")) {
          List<Object> groups = list(ballot.get("groups"));
          if (groups.isEmpty()) {
            error(List.of("ballot"), "RATER_GROUPS 测评须列出评价主体 groups");
          } else {
            uniqueIn(groups, List.of("ballot", "groups"), "code");
            BigDecimal sum = groups.stream().map(g -> num(map(g).get("weight"))).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(HUNDRED) != 0) {
              error(List.of("ballot", "groups"), "各评价主体权重之和须为 100%，现为 " + sum.toPlainString() + "%");
            }
          }
        }
      }
      case "GRADE_VOTES" -> {
        List<Object> options = list(ballot.get("options"));
        if (options.size() < 2) {
          error(List.of("ballot"), "GRADE_VOTES 测评须至少有两个选项 options");
        } else {
          uniqueIn(options, List.of("ballot", "options"), "code");
        }
      }
      default -> {}
    }
  }

  private void checkFormula(Map<String, Object> ballot, Set<String> kinds) {
    List<Object> formula = list(doc.get("formula"));
    String form = ballot == null ? null : (String) ballot.get("form");
    for (int i = 0; i < formula.size(); i++) {
      Map<String, Object> c = map(formula.get(i));
      String type = (String) c.get("type");
      switch (type) {
        case "ITEM_AVERAGE" -> {
          if (c.get("monthlyWeight") == null || c.get("ballotWeight") == null) {
            error(List.of("formula", i), "ITEM_AVERAGE 须给出 monthlyWeight 与 ballotWeight");
            continue;
          }
          BigDecimal sum = num(c.get("monthlyWeight")).add(num(c.get("ballotWeight")));
          if (sum.compareTo(HUNDRED) != 0) {
            error(List.of("formula", i, "ballotWeight"),
                "月度积分与民主测评权重之和须为 100%，现为 " + sum.toPlainString() + "%");
          }
          if (num(c.get("ballotWeight")).signum() > 0 && !"ITEM_SCORES".equals(form)) {
            error(List.of("formula", i, "ballotWeight"), "按项目计民主测评分需要 ballot.form: ITEM_SCORES");
          }
        }
        case "BASE", "ENTRY_SUM" -> {
          if (type.equals("BASE") && c.get("points") == null) {
            error(List.of("formula", i), "BASE 须给出基础分 points");
          }
          Object kind = c.get("entryKind");
          if (kind == null) {
            error(List.of("formula", i), type + " 须指明积分类别 entryKind");
          } else if (!kinds.contains(kind)) {
            error(List.of("formula", i, "entryKind"), "未定义的积分类别: " + kind);
          } else if (type.equals("BASE") && !"DEDUCTION".equals(direction(kind))) {
            error(List.of("formula", i, "entryKind"), "基础分只能减去扣分类别 (DEDUCTION)");
          }
        }
        case "BALLOT" -> {
          if (ballot == null) {
            error(List.of("formula", i), "公式引用民主测评，但方案未定义 ballot");
          }
        }
        default -> {}
      }
    }
  }

  private String direction(Object kindCode) {
    return list(doc.get("entryKinds")).stream()
        .map(SchemeRules::map)
        .filter(k -> Objects.equals(k.get("code"), kindCode))
        .map(k -> (String) k.get("direction"))
        .findFirst()
        .orElse(null);
  }

  private void checkAdjustments() {
    List<Object> groups = list(doc.get("adjustments"));
    uniqueIn(groups, List.of("adjustments"), "code");
    Set<String> kindCodes = new HashSet<>();
    for (int g = 0; g < groups.size(); g++) {
      Map<String, Object> group = map(groups.get(g));
      List<Object> kinds = list(group.get("kinds"));
      BigDecimal maxLevel = BigDecimal.ZERO;
      for (int k = 0; k < kinds.size(); k++) {
        Map<String, Object> kind = map(kinds.get(k));
        if (!kindCodes.add((String) kind.get("code"))) {
          error(List.of("adjustments", g, "kinds", k, "code"), "奖惩类别重复: " + kind.get("code"));
        }
        for (Object v : map(kind.get("levels")).values()) {
          maxLevel = maxLevel.max(num(v));
        }
      }
      if (group.get("cap") != null && num(group.get("cap")).compareTo(maxLevel) < 0) {
        error(List.of("adjustments", g, "cap"),
            "封顶值低于单项最高分 %s (a cap below a single entry's maximum)".formatted(maxLevel.toPlainString()));
      }
    }
  }

  /** Bands must cover every figure exactly once: one open below, one open above, each "to" equal to the next "from". */
  private void checkBands(String key) {
    List<Object> bands = list(doc.get(key));
    record Band(int index, BigDecimal from, BigDecimal to) {}
    List<Band> sorted = new ArrayList<>();
    for (int i = 0; i < bands.size(); i++) {
      Map<String, Object> b = map(bands.get(i));
      BigDecimal from = b.get("from") == null ? null : num(b.get("from"));
      BigDecimal to = b.get("to") == null ? null : num(b.get("to"));
      if (from != null && to != null && from.compareTo(to) >= 0) {
        error(List.of(key, i), "区间下限 %s 须小于上限 %s".formatted(from.toPlainString(), to.toPlainString()));
        return;
      }
      sorted.add(new Band(i, from, to));
    }
    sorted.sort(Comparator.comparing(Band::from, Comparator.nullsFirst(Comparator.naturalOrder())));
    if (sorted.getFirst().from() != null) {
      error(List.of(key, sorted.getFirst().index()),
          "最低一档须不设下限 (from)，否则低于 %s 的分数无法归档".formatted(sorted.getFirst().from().toPlainString()));
    }
    if (sorted.getLast().to() != null) {
      error(List.of(key, sorted.getLast().index()),
          "最高一档须不设上限 (to)，否则 %s 及以上的分数无法归档".formatted(sorted.getLast().to().toPlainString()));
    }
    for (int i = 0; i + 1 < sorted.size(); i++) {
      Band a = sorted.get(i);
      Band b = sorted.get(i + 1);
      if (a.to() == null || b.from() == null) {
        error(List.of(key, b.index()), "区间重叠：与 %s[%d] 同样不设界限 (overlap)".formatted(key, a.index()));
        continue;
      }
      int cmp = a.to().compareTo(b.from());
      if (cmp < 0) {
        error(List.of(key, b.index(), "from"),
            "区间有空档 %s–%s (gap after %s[%d])".formatted(a.to().toPlainString(), b.from().toPlainString(), key, a.index()));
      } else if (cmp > 0) {
        error(List.of(key, b.index(), "from"),
            "区间重叠 %s–%s (overlap with %s[%d])".formatted(b.from().toPlainString(), a.to().toPlainString(), key, a.index()));
      }
    }
  }

  private Set<String> uniqueCodes(String key) {
    return uniqueCodes(key, "code");
  }

  private Set<String> uniqueCodes(String key, String field) {
    return uniqueIn(list(doc.get(key)), List.of(key), field);
  }

  private Set<String> uniqueIn(List<Object> entries, List<Object> path, String field) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Object code = map(entries.get(i)).get(field);
      if (code != null && !seen.add(code.toString())) {
        List<Object> at = new ArrayList<>(path);
        at.add(i);
        at.add(field);
        error(at, "编码重复 (duplicate): " + code);
      }
    }
    return seen;
  }

  private void error(List<Object> path, String message) {
    errors.add(tree.error(path, message));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return value == null ? List.of() : (List<Object>) value;
  }

  static BigDecimal num(Object value) {
    return (BigDecimal) value;
  }
}
