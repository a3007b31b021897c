package com.jifen.audit.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.identity.CurrentUsers;
import com.jifen.identity.Role;
import com.jifen.shared.Ids;
import com.jifen.shared.Sql;
import com.jifen.shared.TenantId;
import io.r2dbc.postgresql.codec.Json;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit rows themselves: the explicit row a feature records through {@code AuditLog} and the row
 * {@link AuditTrailHook} adds before a mutation's tenant transaction commits. Both keep the execution's event id from
 * its {@link AuditContext}, so a mutation gets exactly one row however many transactions it runs.
 */
@Component
public class AuditRows {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  // on conflict: a mutation's later transactions (or the hook after an explicit record) add nothing
  private static final String INSERT = "insert into audit_event (tenant_id, event_id, at, actor, roles, action, subject, "
      + "target_ids, request_id, idempotency_key, detail) "
      + "select :tenant, :id, :at, :actor, :roles, :action, :subject, :targets, :request, :key, :detail ";
  private static final String ON_CONFLICT = "on conflict (tenant_id, event_id) do nothing";

  private final Clock clock;

  AuditRows(Clock clock) {
    this.clock = clock;
  }

  /** The row of an action a feature records explicitly, with its subject and detail. */
  public Mono<Void> record(
      DatabaseClient db, TenantId tenant, String actor, String action, String subject, Map<String, ?> detail) {
    return Mono.deferContextual(ctx -> {
      Optional<AuditContext> context = ctx.getOrEmpty(AuditContext.class);
      Set<String> targets = new LinkedHashSet<>();
      targets.add(subject);
      context.ifPresent(c -> targets.addAll(c.targetIds()));
      return caller().flatMap(user -> insert(db, INSERT + ON_CONFLICT, new Row(tenant,
          context.map(AuditContext::eventId).orElseGet(Ids::newId), actor, roles(user), action, subject,
          List.copyOf(targets), context.map(AuditContext::requestId).orElse(null),
          context.map(AuditContext::idempotencyKey).orElse(null), detail)));
    });
  }

  /**
   * The row of the current Mutation field, if this transaction changed anything: PostgreSQL assigns a
   * transaction id only on a write (or a row lock), so a transaction that only read adds no row.
   */
  Mono<Void> recordIfWritten(DatabaseClient db, TenantId tenant) {
    return Mono.deferContextual(ctx -> ctx.<AuditContext>getOrEmpty(AuditContext.class)
        .map(c -> caller().flatMap(user -> insert(db, INSERT + "where pg_current_xact_id_if_assigned() is not null " + ON_CONFLICT,
            new Row(tenant, c.eventId(), user.map(CurrentUser::username).orElse("anonymous"), roles(user), c.action(),
                c.subjectOr(tenant.value()), c.targetIds(), c.requestId(), c.idempotencyKey(), Map.of()))))
        .orElse(Mono.empty()));
  }

  private record Row(TenantId tenant, UUID id, String actor, String[] roles, String action, String subject,
      List<String> targets, String requestId, String idempotencyKey, Map<String, ?> detail) {}

  private Mono<Void> insert(DatabaseClient db, String sql, Row row) {
    var spec = db.sql(sql)
        .bind("tenant", row.tenant().value())
        .bind("id", row.id())
        .bind("at", OffsetDateTime.now(clock))
        .bind("actor", row.actor())
        .bind("roles", row.roles())
        .bind("action", row.action())
        .bind("subject", row.subject())
        .bind("targets", row.targets().toArray(String[]::new))
        .bind("detail", Json.of(JSON.writeValueAsString(row.detail())));
    spec = Sql.bind(spec, "request", row.requestId(), String.class);
    spec = Sql.bind(spec, "key", row.idempotencyKey(), String.class);
    return spec.then();
  }

  private static Mono<Optional<CurrentUser>> caller() {
    return CurrentUsers.current().map(Optional::of).onErrorReturn(Optional.empty());
  }

  private static String[] roles(Optional<CurrentUser> user) {
    return user.map(u -> u.roles().stream().map(Role::realmRole).sorted().toArray(String[]::new))
        .orElse(new String[0]);
  }
}
