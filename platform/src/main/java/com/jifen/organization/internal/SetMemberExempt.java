package com.jifen.organization.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Takes a member out of points management (不列入积分管理, e.g. old age, long illness) or back in. */
@Component
class SetMemberExempt {
  private final MemberChange change;
  private final Clock clock;

  SetMemberExempt(MemberChange change, Clock clock) {
    this.change = change;
    this.clock = clock;
  }

  record SetMemberExemptInput(String id, Integer version, Boolean exempt, String reason) {}

  Mono<Member> setExempt(CurrentUser user, SetMemberExemptInput in) {
    boolean exempt = Boolean.TRUE.equals(in.exempt());
    if (exempt) {
      Inputs.requireReason(in.reason(), "不列入积分管理须填写原因（如年老体弱、长期患病）");
    }
    return change.apply(user, in.id(), in.version(), "setMemberExempt", (tx, m) ->
        OrganizationQueries.setExempt(tx, m, exempt, exempt ? in.reason().trim() : null, clock.instant())
            .thenReturn(Map.<String, Object>of("exempt", exempt, "reason", in.reason() == null ? "" : in.reason())));
  }
}
