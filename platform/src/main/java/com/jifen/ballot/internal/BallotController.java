package com.jifen.ballot.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.ballot.Ballot;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationService;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class BallotController {
  private final BallotLookup lookup;
  private final OpenBallot opening;
  private final CastVote voting;
  private final CloseBallot closing;
  private final ReadBallotForm forms;
  private final ReadBallotResults results;
  private final BallotGuessing guessing;
  private final OrganizationService organizations;

  BallotController(BallotLookup lookup, OpenBallot opening, CastVote voting, CloseBallot closing, ReadBallotForm forms,
      ReadBallotResults results, BallotGuessing guessing, OrganizationService organizations) {
    this.lookup = lookup;
    this.opening = opening;
    this.voting = voting;
    this.closing = closing;
    this.forms = forms;
    this.results = results;
    this.guessing = guessing;
    this.organizations = organizations;
  }

  @QueryMapping
  Mono<Ballot> ballot(CurrentUser caller, @Argument String id) {
    return lookup.managed(caller, id);
  }

  /** No token: a rater has only a code. */
  @QueryMapping
  Mono<ReadBallotForm.BallotForm> ballotForm(@Argument String code, @ContextValue(ClientAddress.KEY) String address) {
    return guessing.attempt(address, code, () -> forms.form(code));
  }

  @QueryMapping
  Mono<ReadBallotResults.BallotResults> ballotResults(CurrentUser caller, @Argument String ballotId) {
    return results.results(caller, ballotId);
  }

  @MutationMapping
  Mono<OpenBallot.OpenBallotPayload> openBallot(CurrentUser caller, @Argument OpenBallot.OpenBallotInput input) {
    return opening.open(caller, input);
  }

  /** No token: a rater has only a code. */
  @MutationMapping
  Mono<CastVote.CastVotePayload> castVote(@Argument CastVote.CastVoteInput input, @ContextValue(ClientAddress.KEY) String address) {
    return guessing.attempt(address, input.code(), () -> voting.cast(input));
  }

  @MutationMapping
  Mono<CloseBallot.CloseBallotPayload> closeBallot(CurrentUser caller, @Argument CloseBallot.CloseBallotInput input) {
    return closing.close(caller, input.ballotId()).map(CloseBallot.CloseBallotPayload::new);
  }

  @BatchMapping(typeName = "Ballot", field = "branch")
  Mono<Map<Ballot, Organization>> branch(List<Ballot> ballots) {
    return organizations.byIds(ballots.getFirst().tenantId(), ballots.stream().map(b -> b.branchId().organization()).collect(Collectors.toSet()))
        .map(byId -> ballots.stream().collect(Collectors.toMap(Function.identity(), b -> byId.get(b.branchId().organization()))));
  }
}
