package com.jifen.publication.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.shared.DomainException;
import com.jifen.shared.NoticeId;
import com.jifen.tenancy.TenantScope;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** 记录整改结果: a notice's outcome, recorded once, with what the member did. */
@Component
class RecordNoticeOutcome {
  private final TenantScope scope;
  private final FollowUpAccess access;
  private final Clock clock;

  RecordNoticeOutcome(TenantScope scope, FollowUpAccess access, Clock clock) {
    this.scope = scope;
    this.access = access;
    this.clock = clock;
  }

  record RecordNoticeOutcomeInput(String noticeId, boolean improved, String note) {}

  Mono<Notice> record(CurrentUser user, RecordNoticeOutcomeInput in) {
    NoticeId id = NoticeId.parse(in.noticeId());
    if (in.note() == null || in.note().isBlank()) {
      throw DomainException.badRequest("REASON_REQUIRED", "须写明整改情况");
    }
    LocalDate today = LocalDate.now(clock);
    return scope.inTx(user.requireTenant(), tx -> FollowUpQueries.notice(tx, id, today)
        .flatMap(n -> access.managedMember(tx, user, n.memberId()))
        .then(FollowUpQueries.insertOutcome(tx, id, in.improved(), in.note().trim(), user.username(), today)
            .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("ALREADY_DECIDED", "该通知书已记录整改结果", Map.of())))
        .then(FollowUpQueries.notice(tx, id, today)));
  }
}
