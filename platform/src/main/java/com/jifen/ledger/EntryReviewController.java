package com.jifen.ledger;

import com.jifen.identity.CurrentUsers;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** 加减分审核 through GraphQL: the list to review, approve, reject. */
@Controller
class EntryReviewController {
  private final EntryReviewService reviews;

  EntryReviewController(EntryReviewService reviews) {
    this.reviews = reviews;
  }

  record EntryPayload(LedgerEntry entry) {}

  @QueryMapping
  Mono<List<LedgerEntry>> reviewEntries(@Argument String branchId, @Argument int year, @Argument EntryReviewService.Status status) {
    return CurrentUsers.current().flatMap(u -> reviews.list(u, branchId, year, status));
  }

  @MutationMapping
  Mono<EntryPayload> approveEntry(@Argument EntryReviewService.ReviewInput input) {
    return CurrentUsers.current().flatMap(u -> reviews.approve(u, input)).map(EntryPayload::new);
  }

  @MutationMapping
  Mono<EntryPayload> rejectEntry(@Argument EntryReviewService.ReviewInput input) {
    return CurrentUsers.current().flatMap(u -> reviews.reject(u, input)).map(EntryPayload::new);
  }
}
