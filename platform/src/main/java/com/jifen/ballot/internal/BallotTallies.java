package com.jifen.ballot.internal;

import com.jifen.ballot.Ballot;
import com.jifen.ballot.internal.BallotQueries.TallyCell;
import com.jifen.scheme.engine.Scheme;
import com.jifen.scheme.engine.SubjectYear;
import com.jifen.shared.BranchId;
import com.jifen.shared.MemberId;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import com.jifen.tenancy.TenantTx;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A ballot's tallies as the engine reads them, per member: item sums, option counts or group sums, depending on the
 * form, in the caller's tenant transaction (settlement reads them through BallotService).
 */
@Component
public class BallotTallies {
  private final BallotLookup lookup;

  BallotTallies(BallotLookup lookup) {
    this.lookup = lookup;
  }

  public Mono<Ballot> ofBranch(TenantTx tx, BranchId branch, int year) {
    return BallotQueries.ballotOfBranch(tx, branch, year);
  }

  public Mono<Map<MemberId, SubjectYear.BallotTally>> of(TenantTx tx, Ballot ballot) {
    return lookup.scheme(tx, ballot).flatMap(scheme -> BallotQueries.tallyCells(tx, ballot.id())
        .map(bySubject -> bySubject.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> tally(scheme, e.getValue())))));
  }

  static SubjectYear.BallotTally tally(Scheme scheme, List<TallyCell> cells) {
    return switch (scheme.ballot().form()) {
      case ITEM_SCORES -> {
        BigDecimal[] sums = new BigDecimal[scheme.items().size()];
        Arrays.fill(sums, BigDecimal.ZERO);
        int raters = 0;
        for (TallyCell c : cells) {
          sums[scheme.itemIndex(c.criterion())] = c.total();
          raters = Math.max(raters, c.votes());
        }
        yield SubjectYear.BallotTally.ofItemSums(raters, sums);
      }
      case GRADE_VOTES -> {
        Map<String, Integer> counts = new LinkedHashMap<>();
        cells.forEach(c -> counts.put(c.criterion(), c.votes()));
        yield SubjectYear.BallotTally.ofVotes(counts);
      }
      case RATER_GROUPS -> {
        Map<String, SubjectYear.GroupTally> groups = new LinkedHashMap<>();
        cells.forEach(c -> groups.put(c.group().isEmpty() ? null : c.group(), new SubjectYear.GroupTally(c.total(), c.votes())));
        yield SubjectYear.BallotTally.ofGroups(groups);
      }
    };
  }
}
