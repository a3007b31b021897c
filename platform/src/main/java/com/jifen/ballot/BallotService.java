package com.jifen.ballot;

import com.jifen.ballot.internal.BallotTallies;
import com.jifen.ballot.internal.CloseBallot;
import com.jifen.identity.CurrentUser;
import com.jifen.scheme.engine.SubjectYear;
import com.jifen.shared.BranchId;
import com.jifen.shared.MemberId;
import com.jifen.tenancy.TenantTx;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 民主测评 as other features see it: a branch's ballot of a year and, once closed, its tallies for the engine; and
 * closing one (the demo year). Opening, voting, forms and results are this feature's own (ballot.internal).
 */
@Service
public class BallotService {
  private final BallotTallies tallies;
  private final CloseBallot closing;

  BallotService(BallotTallies tallies, CloseBallot closing) {
    this.tallies = tallies;
    this.closing = closing;
  }

  /** The branch's ballot of a year, if any. */
  public Mono<Ballot> ofBranch(TenantTx tx, BranchId branch, int year) {
    return tallies.ofBranch(tx, branch, year);
  }

  /**
   * Tallies per member for the engine: the votes, never the voters, as every vote left them. Keyed by member id,
   * as the engine's inputs are.
   */
  public Mono<Map<MemberId, SubjectYear.BallotTally>> tallies(TenantTx tx, Ballot ballot) {
    return tallies.of(tx, ballot);
  }



  /** Closing ends voting and counts the votes once. */
  public Mono<Ballot> close(CurrentUser user, String ballotId) {
    return closing.close(user, ballotId);
  }
}
