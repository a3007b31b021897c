package com.jifen.ballot;

import com.jifen.identity.CurrentUsers;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationService;
import com.jifen.tenancy.TenantScope;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class BallotController {
  private final BallotService ballots;
  private final OrganizationService organizations;
  private final TenantScope scope;
  private final BallotGuessing guessing;

  BallotController(BallotService ballots, OrganizationService organizations, TenantScope scope, BallotGuessing guessing) {
    this.ballots = ballots;
    this.organizations = organizations;
    this.scope = scope;
    this.guessing = guessing;
  }

  record CastVotePayload(boolean accepted) {}

  record CloseBallotInput(String ballotId) {}

  record CloseBallotPayload(BallotService.Ballot ballot) {}

  @QueryMapping
  Mono<BallotService.Ballot> ballot(@Argument String id) {
    return CurrentUsers.current().flatMap(u -> ballots.get(u, id));
  }

  /** No token: a rater has only a code. */
  @QueryMapping
  Mono<BallotService.Form> ballotForm(@Argument String code, @ContextValue(ClientAddress.KEY) String address) {
    return guessing.attempt(address, code, () -> ballots.form(code));
  }

  @QueryMapping
  Mono<BallotService.Results> ballotResults(@Argument String ballotId) {
    return CurrentUsers.current().flatMap(u -> ballots.results(u, ballotId));
  }

  @MutationMapping
  Mono<BallotService.Opened> openBallot(@Argument BallotService.OpenBallotInput input) {
    return CurrentUsers.current().flatMap(u -> ballots.open(u, input));
  }

  /** No token: a rater has only a code. */
  @MutationMapping
  Mono<CastVotePayload> castVote(@Argument BallotService.CastVoteInput input, @ContextValue(ClientAddress.KEY) String address) {
    return guessing.attempt(address, input.code(), () -> ballots.cast(input)).map(CastVotePayload::new);
  }

  @MutationMapping
  Mono<CloseBallotPayload> closeBallot(@Argument CloseBallotInput input) {
    return CurrentUsers.current().flatMap(u -> ballots.close(u, input.ballotId())).map(CloseBallotPayload::new);
  }

  @SchemaMapping(typeName = "Ballot", field = "branch")
  Mono<Organization> branch(BallotService.Ballot ballot) {
    return scope.mono(ballot.tenantId(), db -> organizations.find(db, ballot.tenantId(), ballot.branchId()));
  }
}
