package com.jifen.publication.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.tenancy.TenantTx;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** A branch's publication of a year as it stands today, and the member a signed-in account is. */
@Component
class PublicationLookup {
  private final MemberService members;
  private final Clock clock;

  PublicationLookup(MemberService members, Clock clock) {
    this.members = members;
    this.clock = clock;
  }

  /** The publication with its settlement objections; empty when the year was not published. */
  Mono<Publication> publication(TenantTx tx, BranchId branch, int year) {
    LocalDate today = LocalDate.now(clock);
    return PublicationQueries.windowOf(tx, branch, year)
        .flatMap(w -> PublicationQueries.objections(tx, branch, year, Objection.Kind.SETTLEMENT).map(objections -> {
          var state = Publication.State.on(today, w.endsOn(), w.finalSettlement() != null);
          return new Publication(branch, year, w.startsOn(), w.endsOn(), state, w.settlementRun(), objections);
        }));
  }

  Mono<Publication> published(TenantTx tx, BranchId branch, int year) {
    return publication(tx, branch, year)
        .switchIfEmpty(Mono.error(() -> DomainException.badRequest("NOT_PUBLISHED", "本年度结果尚未公示")));
  }

  /** The member record of the signed-in account. */
  Mono<Member> own(CurrentUser user) {
    return user.memberCode().map(code -> members.getByCode(user, code))
        .orElse(Mono.error(DomainException.forbidden("该账号未关联党员档案")));
  }
}
