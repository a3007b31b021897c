package com.jifen.ballot.internal;

import com.jifen.ballot.BallotState;
import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.scheme.engine.Scheme;
import com.jifen.scheme.engine.SubjectYear;
import com.jifen.shared.BallotId;
import com.jifen.tenancy.TenantScope;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * 测评结果: results exist only for a closed ballot that reached its quorum; while it is open, only how many codes are
 * spent. A rater group (or, without groups, a member's raters) below the scheme's minimum is never shown alone.
 */
@Component
class ReadBallotResults {
  private final TenantScope scope;
  private final BallotLookup lookup;
  private final BallotTallies tallies;

  ReadBallotResults(TenantScope scope, BallotLookup lookup, BallotTallies tallies) {
    this.scope = scope;
    this.lookup = lookup;
    this.tallies = tallies;
  }

  record CodeValue(String code, BigDecimal value) {}

  record SubjectTally(Member member, int raters, List<CodeValue> itemAverages, List<CodeValue> optionCounts,
      List<CodeValue> groupAverages) {}

  /** votes: codes spent; subjects: only once the ballot is closed with its quorum (state says which). */
  record BallotResults(BallotState state, boolean quorumReached, int votes, int minRaters, int minGroupRaters,
      List<SubjectTally> subjects) {}

  Mono<BallotResults> results(CurrentUser user, String ballotId) {
    BallotId id = BallotId.parse(ballotId);
    return scope.inTx(user.requireTenant(), tx -> lookup.managed(tx, user, id)
        .flatMap(b -> lookup.scheme(tx, b).flatMap(scheme -> {
          int minGroup = scheme.ballot().minGroupRaters();
          if (!b.hasResults()) {
            return Mono.just(new BallotResults(b.state(), false, b.votes(), b.minRaters(), minGroup, List.of()));
          }
          Set<String> self = new HashSet<>();
          scheme.ballot().groups().stream().filter(Scheme.RaterGroup::selfAssessment).forEach(g -> self.add(g.code()));
          return Mono.zip(tallies.of(tx, b), lookup.subjects(tx, b.branchId())).map(t -> {
            List<SubjectTally> subjects = new ArrayList<>();
            for (Member m : t.getT2()) {
              SubjectYear.BallotTally tally = t.getT1().get(m.id());
              if (tally != null) {
                subjects.add(subjectTally(m, tally, minGroup, self));
              }
            }
            return new BallotResults(b.state(), true, b.votes(), b.minRaters(), minGroup, subjects);
          });
        })));
  }

  private static SubjectTally subjectTally(Member m, SubjectYear.BallotTally tally, int minGroup, Set<String> self) {
    if (tally.groups().isEmpty()) {
      // one group, the member's raters: fewer than the minimum and their ratings are not shown
      if (tally.raters() < minGroup) {
        return new SubjectTally(m, tally.raters(), List.of(), List.of(), List.of());
      }
      List<CodeValue> items = new ArrayList<>();
      if (tally.itemSums() != null) {
        for (int i = 0; i < tally.itemSums().length; i++) {
          items.add(new CodeValue(String.valueOf(i + 1), mean(tally.itemSums()[i], tally.raters())));
        }
      }
      List<CodeValue> options = tally.optionCounts().entrySet().stream()
          .map(e -> new CodeValue(e.getKey(), BigDecimal.valueOf(e.getValue()))).toList();
      return new SubjectTally(m, tally.raters(), items, options, List.of());
    }
    List<CodeValue> groups = SmallGroups.release(tally.groups(), minGroup, self).stream()
        .map(g -> new CodeValue(g.code(), mean(g.sum(), g.count())))
        .toList();
    return new SubjectTally(m, tally.raters(), List.of(), List.of(), groups);
  }

  private static BigDecimal mean(BigDecimal sum, int count) {
    return sum.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
  }
}
