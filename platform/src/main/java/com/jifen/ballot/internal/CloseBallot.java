package com.jifen.ballot.internal;

import com.jifen.ballot.Ballot;
import com.jifen.identity.CurrentUser;
import com.jifen.shared.BallotId;
import com.jifen.tenancy.TenantScope;
import java.time.Clock;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** 结束测评: closing ends voting; closing a closed ballot changes nothing. The tally is kept with the ballot. */
@Component
public class CloseBallot {
  private final TenantScope scope;
  private final BallotLookup lookup;
  private final Clock clock;

  CloseBallot(TenantScope scope, BallotLookup lookup, Clock clock) {
    this.scope = scope;
    this.lookup = lookup;
    this.clock = clock;
  }

  record CloseBallotInput(String ballotId) {}

  record CloseBallotPayload(Ballot ballot) {}

  public Mono<Ballot> close(CurrentUser user, String ballotId) {
    BallotId id = BallotId.parse(ballotId);
    return scope.inTx(user.requireTenant(), tx -> lookup.managed(tx, user, id)
        .then(BallotQueries.closeIfOpen(tx, id, user.username(), clock.instant()))
        .then(BallotQueries.ballot(tx, id)));
  }
}
