package com.jifen.audit;

import com.jifen.identity.CurrentUsers;
import com.jifen.shared.Page;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class AuditController {
  private final AuditEvents trail;

  AuditController(AuditEvents trail) {
    this.trail = trail;
  }

  @QueryMapping
  Mono<Window<AuditEvent>> auditEvents(ScrollSubrange subrange, @Argument AuditEventQueries.Filter filter) {
    return CurrentUsers.current().flatMap(u -> trail.events(u, filter, Page.request(subrange)));
  }
}
