package com.jifen.publication.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.settlement.SettlementService;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.tenancy.TenantScope;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * 发放通知书 from final results: a warning notice (基本合格, six months) or a rectification notice (不合格, one year),
 * each member once per kind and year.
 */
@Component
class IssueNotices {
  private final TenantScope scope;
  private final SettlementService settlements;
  private final FollowUpAccess access;
  private final Clock clock;

  IssueNotices(TenantScope scope, SettlementService settlements, FollowUpAccess access, Clock clock) {
    this.scope = scope;
    this.settlements = settlements;
    this.access = access;
    this.clock = clock;
  }

  record IssueNoticesInput(String branchId, int year) {}

  Mono<List<Notice>> issue(CurrentUser user, IssueNoticesInput in) {
    BranchId branch = BranchId.parse(in.branchId());
    LocalDate today = LocalDate.now(clock);
    return scope.inTx(user.requireTenant(), tx -> access.requireManages(tx, user, branch)
        .then(FollowUpQueries.finalSettlement(tx, branch, in.year()))
        .switchIfEmpty(Mono.error(DomainException.badRequest("NOT_FINAL", "年终总评结果尚未确认为最终结果，不能发放通知书")))
        .then(settlements.current(tx, branch, in.year()))
        .flatMap(s -> Flux.fromIterable(s.members())
            .concatMap(r -> Mono.justOrEmpty(Notice.Kind.forGrade(r.grade())).flatMap(kind -> FollowUpQueries.insertNotice(tx,
                new FollowUpQueries.NewNotice(r.memberId(), in.year(), kind, r.grade(), today, kind.deadline(today),
                    user.username()))))
            .then())
        .then(FollowUpQueries.notices(tx, in.year(), branch, false, today)));
  }
}
