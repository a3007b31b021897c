package com.jifen.publication.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.MemberService;
import com.jifen.shared.DomainException;
import com.jifen.shared.RemovalCaseId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * 记录除名程序的一步: steps are recorded in order, each once; step 6 is the superior's (ApproveRemoval); the last step
 * takes the member off the roster.
 */
@Component
class RecordRemovalStep {
  private final TenantScope scope;
  private final MemberService members;
  private final FollowUpAccess access;
  private final Clock clock;

  RecordRemovalStep(TenantScope scope, MemberService members, FollowUpAccess access, Clock clock) {
    this.scope = scope;
    this.members = members;
    this.access = access;
    this.clock = clock;
  }

  record RecordRemovalStepInput(String caseId, int step, String note, String approvedBySuperior) {}

  Mono<RemovalCase> record(CurrentUser user, RecordRemovalStepInput in) {
    RemovalCaseId id = RemovalCaseId.parse(in.caseId());
    if (in.note() == null || in.note().isBlank()) {
      throw DomainException.badRequest("REASON_REQUIRED", "须记录这一步的情况（时间、参加人员、结论）");
    }
    return scope.inTx(user.requireTenant(), tx -> FollowUpQueries.removalCase(tx, id)
        .flatMap(c -> access.managedMember(tx, user, c.memberId()).then(Mono.defer(() -> step(tx, user, c, in))))
        .then(FollowUpQueries.removalCase(tx, id)));
  }

  private Mono<Void> step(TenantTx tx, CurrentUser user, RemovalCase c, RecordRemovalStepInput in) {
    c.requireNextByTownship(in.step());
    Mono<Void> leave = in.step() != RemovalCase.STEPS.size() ? Mono.empty()
        : members.leaveByRemoval(tx, c.memberId(), LocalDate.now(clock),
            "除名程序完成（%s，案件 %s）".formatted(c.ground().chinese, c.id()));
    return FollowUpQueries.insertStep(tx, new FollowUpQueries.NewStep(c.id(), in.step(), in.note().trim(), in.approvedBySuperior(),
        user.username()), clock.instant()).then(leave);
  }
}
