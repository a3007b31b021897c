package com.jifen.ballot.internal;

import com.jifen.ballot.Ballot;
import com.jifen.identity.CurrentUser;
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
  Mono<List<Ballot>> branchBallots(@Argument String branchId, CurrentUser caller) {
    return list.list(caller, branchId);
  }
}
