package com.jifen.organization.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.shared.DomainException;
import com.jifen.shared.MemberId;
import com.jifen.tenancy.TenantTx;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A member leaves the active set (transferred out, died, removed): no longer scored, ranked or balloted. Either a
 * township admin marks it, or a completed removal case (除名) does.
 */
@Component
public class MarkMemberLeft {
  private final MemberChange change;
  private final Clock clock;

  MarkMemberLeft(MemberChange change, Clock clock) {
    this.change = change;
    this.clock = clock;
  }

  record MarkMemberLeftInput(String id, Integer version, LocalDate leftOn, String reason) {}

  Mono<Member> markLeft(CurrentUser user, MarkMemberLeftInput in) {
    Inputs.requireReason(in.reason(), "须填写离开原因（如转出、去世、除名）");
    if (in.leftOn() == null || in.leftOn().isAfter(LocalDate.now(clock))) {
      throw DomainException.badRequest("INVALID_DATE", "离开日期不能为空，也不能晚于今天");
    }
    return change.apply(user, in.id(), in.version(), "markMemberLeft", (tx, m) -> {
      if (m.status() == Member.MemberStatus.LEFT) {
        return Mono.error(DomainException.badRequest("ALREADY_LEFT", "该党员已标记为离开"));
      }
      return OrganizationQueries.markLeft(tx, m, in.leftOn(), in.reason().trim(), clock.instant())
          .thenReturn(Map.<String, Object>of("leftOn", in.leftOn().toString(), "reason", in.reason()));
    });
  }

  /** A completed removal case, the case named in the reason; runs in the caller's transaction, which audits the step. */
  public Mono<Void> byRemoval(TenantTx tx, MemberId member, LocalDate on, String reason) {
    return OrganizationQueries.markActiveLeft(tx, member, on, reason, clock.instant()).then();
  }
}
