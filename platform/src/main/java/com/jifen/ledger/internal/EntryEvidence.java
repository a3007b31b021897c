package com.jifen.ledger.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.ledger.Evidence;
import com.jifen.shared.DomainException;
import com.jifen.shared.EvidenceId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Reading the evidence behind entries (证明材料): in batches for lists, with its file for whoever may read the card. */
@Service
public class EntryEvidence {
  private final TenantScope scope;
  private final MemberCards cards;

  EntryEvidence(TenantScope scope, MemberCards cards) {
    this.scope = scope;
    this.cards = cards;
  }

  public Mono<Map<EvidenceId, Evidence>> byIds(TenantId tenant, Collection<EvidenceId> ids, boolean withContent) {
    return scope.inTx(tenant, tx -> LedgerQueries.evidence(tx, ids, withContent));
  }

  /** Evidence with its file: whoever may read the entry's member card. */
  public Mono<Evidence> withFile(CurrentUser user, String id) {
    TenantId tenant = user.requireTenant();
    EvidenceId evidenceId = EvidenceId.parse(id);
    return scope.inTx(tenant, tx -> LedgerQueries.memberOfEvidence(tx, evidenceId))
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("证明材料", id)))
        .flatMap(member -> cards.requireCanRead(user, member))
        .then(byIds(tenant, List.of(evidenceId), true))
        .map(found -> found.get(evidenceId));
  }
}
