package com.jifen.publication.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.ledger.Ledger;
import com.jifen.organization.Member;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.MemberId;
import com.jifen.shared.RemovalCaseId;
import com.jifen.tenancy.TenantScope;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** 启动除名程序 (劝退/除名): a case for a member, on a ground; 自行脱党 only as the ledger shows it. */
@Component
class OpenRemovalCase {
  private final TenantScope scope;
  private final Ledger ledger;
  private final FollowUpAccess access;
  private final Clock clock;

  OpenRemovalCase(TenantScope scope, Ledger ledger, FollowUpAccess access, Clock clock) {
    this.scope = scope;
    this.ledger = ledger;
    this.access = access;
    this.clock = clock;
  }

  record OpenRemovalCaseInput(String memberId, RemovalCase.Ground ground, String asOf) {}

  Mono<RemovalCase> open(CurrentUser user, OpenRemovalCaseInput in) {
    MemberId member = MemberId.parse(in.memberId());
    RemovalCaseId id = new RemovalCaseId(Ids.newId());
    return scope.inTx(user.requireTenant(), tx -> access.managedMember(tx, user, member)
        .flatMap(m -> in.ground() == RemovalCase.Ground.SELF_SEPARATION ? requireSelfSeparated(user, m, in.asOf()) : Mono.<Void>empty())
        .then(FollowUpQueries.insertRemovalCase(tx, id, member, in.ground(), user.username(), clock.instant()))
        .then(FollowUpQueries.removalCase(tx, id)));
  }

  /** 自行脱党: the ledger must show it, i.e. the member is on the attention list for the month given. */
  private Mono<Void> requireSelfSeparated(CurrentUser user, Member m, String asOf) {
    YearMonth month;
    try {
      month = YearMonth.parse(asOf == null ? "" : asOf.trim());
    } catch (DateTimeParseException e) {
      throw DomainException.badRequest("AS_OF_REQUIRED", "以自行脱党为由须给出认定月份 asOf（如 2026-06）");
    }
    return ledger.attention(user, m.branchId(), month.getYear(), month.getMonthValue())
        .flatMap(list -> list.stream().anyMatch(a -> a.member().id().equals(m.id())) ? Mono.<Void>empty()
            : Mono.error(DomainException.badRequest("NOT_SELF_SEPARATED",
                "截至 %s，%s 近期有组织生活或党费记录，不符合自行脱党的认定条件".formatted(month, m.name()))));
  }
}
