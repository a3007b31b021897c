package com.jifen.ballot.internal;

import com.jifen.ballot.internal.BallotQueries.Rating;
import com.jifen.organization.Member;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.DomainException;
import com.jifen.shared.MemberId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A ballot paper against its form: each rated member gets a complete rating in the form's shape. */
final class VoteCheck {
  private VoteCheck() {}

  /** One line of a ballot paper as the rater sent it. */
  record Line(String subjectId, String item, String option, BigDecimal score) {}

  /** The ratings of a valid paper; a member left out is an abstention. */
  static List<Rating> ratings(Scheme scheme, List<Member> subjects, List<Line> lines) {
    Scheme.Ballot form = scheme.ballot();
    Map<MemberId, Member> byId = new HashMap<>();
    subjects.forEach(m -> byId.put(m.id(), m));
    Map<MemberId, Map<String, BigDecimal>> bySubject = new LinkedHashMap<>();
    for (Line line : lines) {
      MemberId subject = MemberId.parse(line.subjectId());
      if (!byId.containsKey(subject)) {
        throw DomainException.badRequest("NOT_A_SUBJECT", "选票中有不属于本次测评的党员");
      }
      Map<String, BigDecimal> values = bySubject.computeIfAbsent(subject, k -> new LinkedHashMap<>());
      String key;
      BigDecimal value;
      switch (form.form()) {
        case ITEM_SCORES -> {
          if (scheme.itemIndex(String.valueOf(line.item())) < 0) {
            throw DomainException.badRequest("UNKNOWN_ITEM", "测评表中没有项目 " + line.item());
          }
          key = line.item();
          value = line.score();
        }
        case GRADE_VOTES -> {
          if (form.options().stream().noneMatch(o -> o.code().equals(line.option()))) {
            throw DomainException.badRequest("UNKNOWN_OPTION",
                "选项应为 " + form.options().stream().map(o -> o.code() + "(" + o.name() + ")").toList());
          }
          key = line.option();
          value = BigDecimal.ONE;
          if (!values.isEmpty()) {
            throw DomainException.badRequest("ONE_OPTION", "每名党员只能选一个等次: " + byId.get(subject).name());
          }
        }
        default -> {
          key = "SCORE";
          value = line.score();
        }
      }
      if (form.form() != Scheme.BallotForm.GRADE_VOTES
          && (value == null || value.compareTo(form.min()) < 0 || value.compareTo(form.max()) > 0)) {
        throw DomainException.badRequest("OUT_OF_RANGE",
            "评分须在 %s–%s 之间".formatted(form.min().toPlainString(), form.max().toPlainString()));
      }
      if (values.put(key, value) != null) {
        throw DomainException.badRequest("DUPLICATE_RATING", "同一党员同一项目重复评分: " + byId.get(subject).name());
      }
    }
    List<Rating> ratings = new ArrayList<>();
    for (var e : bySubject.entrySet()) {
      if (form.form() == Scheme.BallotForm.ITEM_SCORES && e.getValue().size() != scheme.items().size()) {
        throw DomainException.badRequest("INCOMPLETE_RATING",
            "对 %s 须评完全部 %d 项".formatted(byId.get(e.getKey()).name(), scheme.items().size()));
      }
      e.getValue().forEach((criterion, value) -> ratings.add(new Rating(e.getKey(), criterion, value)));
    }
    return ratings;
  }
}
