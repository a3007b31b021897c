package com.jifen.operations.internal;

import com.jifen.shared.Ids;
import io.r2dbc.postgresql.codec.Json;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit row of a platform write that has no township (creating a county, a county reviewer's account), written
 * by the platform role in the caller's transaction; township writes go to the township's own trail instead.
 */
@Component
class PlatformAudit {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Clock clock;

  PlatformAudit(Clock clock) {
    this.clock = clock;
  }

  /** action: the GraphQL Mutation field name, as in the townships' trail. */
  Mono<Void> record(DatabaseClient db, String actor, String action, String subject, Map<String, ?> detail) {
    return db.sql("insert into platform_audit_event (event_id, actor, action, subject, detail, at) "
            + "values (:id, :actor, :action, :subject, :detail, :at)")
        .bind("id", Ids.newId()).bind("actor", actor).bind("action", action).bind("subject", subject)
        .bind("detail", Json.of(JSON.writeValueAsString(detail))).bind("at", OffsetDateTime.now(clock))
        .then();
  }
}
