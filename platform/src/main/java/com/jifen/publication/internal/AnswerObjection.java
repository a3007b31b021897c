package com.jifen.publication.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.MemberService;
import com.jifen.shared.DomainException;
import com.jifen.shared.ObjectionId;
import com.jifen.tenancy.TenantScope;
import java.time.Clock;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** 答复异议: the branch answers each objection once; a rejection says why. */
@Component
class AnswerObjection {
  private final TenantScope scope;
  private final MemberService members;
  private final Clock clock;

  AnswerObjection(TenantScope scope, MemberService members, Clock clock) {
    this.scope = scope;
    this.members = members;
    this.clock = clock;
  }

  record AnswerObjectionInput(String objectionId, boolean upheld, String answer) {}

  Mono<Objection> answer(CurrentUser user, AnswerObjectionInput in) {
    ObjectionId id = ObjectionId.parse(in.objectionId());
    if (in.answer() == null || in.answer().isBlank()) {
      throw DomainException.badRequest("REASON_REQUIRED", "答复须写明调查结果；不予采纳的，须写明理由");
    }
    return scope.inTx(user.requireTenant(), tx -> PublicationQueries.branchOfObjection(tx, id)
        .flatMap(branch -> members.manages(tx, user, branch.organization()))
        .flatMap(manages -> manages
            ? PublicationQueries.insertAnswer(tx, id, in.upheld(), in.answer().trim(), user.username(), clock.instant())
                .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("ALREADY_ANSWERED", "该异议已答复", Map.of()))
            : Mono.error(DomainException.forbidden("只有本支部书记或乡镇管理员可以答复异议")))
        .then(PublicationQueries.objection(tx, id)));
  }
}
