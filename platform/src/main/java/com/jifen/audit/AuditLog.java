package com.jifen.audit;

import com.jifen.shared.Ids;
import com.jifen.shared.TenantId;
import io.r2dbc.postgresql.codec.Json;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Who did what, when and why: written in the same transaction as the change it describes. */
@Component
public class AuditLog {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public Mono<Void> record(
      DatabaseClient db, TenantId tenant, String actor, String action, String subject, Map<String, ?> detail) {
    return db.sql("insert into audit_event (tenant_id, event_id, actor, action, subject, detail) "
            + "values (:tenant, :id, :actor, :action, :subject, :detail)")
        .bind("tenant", tenant.value())
        .bind("id", Ids.newId())
        .bind("actor", actor)
        .bind("action", action)
        .bind("subject", subject)
        .bind("detail", Json.of(JSON.writeValueAsString(detail)))
        .then();
  }
}
