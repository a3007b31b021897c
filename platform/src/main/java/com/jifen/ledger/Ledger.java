package com.jifen.ledger;

import com.jifen.identity.CurrentUser;
import com.jifen.ledger.internal.AttentionList;
import com.jifen.ledger.internal.PublishMonth;
import com.jifen.shared.BranchId;
import com.jifen.tenancy.TenantTx;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** What other modules read of the ledger beyond its shared types: published month sheets and the attention list. */
@Service
public class Ledger {
  private final PublishMonth publication;
  private final AttentionList attention;

  Ledger(PublishMonth publication, AttentionList attention) {
    this.publication = publication;
    this.attention = attention;
  }

  /** The published sheet inside the caller's tenant transaction, without a reader check (the public board decides). */
  public Mono<PublishedSheet> published(TenantTx tx, BranchId branch, int year, int month) {
    return publication.published(tx, branch, year, month);
  }

  /** Members of a branch on the self-separation attention list (自行脱党) for the month; the caller must manage the branch. */
  public Mono<List<AttentionMember>> attention(CurrentUser user, BranchId branch, int year, int month) {
    return attention.attention(user, branch, year, month);
  }
}
