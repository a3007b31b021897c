package com.jifen.ballot;

import com.jifen.ballot.internal.ListBranchBallots;
import com.jifen.identity.CurrentUsers;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** The ballots page's list: a branch's ballots with codes spent, never who spent them. */
@Controller
class BranchBallotsController {
  private final ListBranchBallots list;

  BranchBallotsController(ListBranchBallots list) {
    this.list = list;
  }

  @QueryMapping
  Mono<List<BallotService.Ballot>> branchBallots(@Argument String branchId) {
    return CurrentUsers.current().flatMap(u -> list.list(u, branchId));
  }
}
