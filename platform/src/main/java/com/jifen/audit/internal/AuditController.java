package com.jifen.audit.internal;

import com.jifen.identity.CurrentUser;
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
  Mono<Window<AuditEvent>> auditEvents(CurrentUser caller, ScrollSubrange subrange, @Argument AuditEventQueries.Filter filter) {
    return trail.events(caller, filter, Page.request(subrange));
  }
}
