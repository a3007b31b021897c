package com.jifen.ledger;

import com.jifen.identity.CurrentUser;
import com.jifen.ledger.internal.ReviewEntry;
import com.jifen.ledger.internal.ReviewEntry.ReviewEntryInput;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** 加减分审核 through GraphQL: the list to review, approve, reject. */
@Controller
class EntryReviewController {
  private final ReviewEntry reviews;

  EntryReviewController(ReviewEntry reviews) {
    this.reviews = reviews;
  }

  record ReviewEntryPayload(LedgerEntry entry) {}

  @QueryMapping
  Mono<List<LedgerEntry>> reviewEntries(CurrentUser caller, @Argument String branchId, @Argument int year, @Argument LedgerEntry.ReviewStatus status) {
    return reviews.list(caller, branchId, year, status);
  }

  @MutationMapping
  Mono<ReviewEntryPayload> approveEntry(CurrentUser caller, @Argument ReviewEntryInput input) {
    return reviews.approve(caller, input).map(ReviewEntryPayload::new);
  }

  @MutationMapping
  Mono<ReviewEntryPayload> rejectEntry(CurrentUser caller, @Argument ReviewEntryInput input) {
    return reviews.reject(caller, input).map(ReviewEntryPayload::new);
  }
}
