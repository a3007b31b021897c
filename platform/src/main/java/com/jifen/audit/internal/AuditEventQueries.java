package com.jifen.audit.internal;

import com.jifen.shared.Page;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

/**
 * The SQL of the audit trail's reads: newest first, keyset-paged on (at, tenant_id, event_id), which the index
 * audit_event_by_time serves; only the filters given become conditions.
 */
final class AuditEventQueries {
  private AuditEventQueries() {}

  record Filter(String action, String actor, String target, Instant from, Instant until, String township) {
    static final Filter NONE = new Filter(null, null, null, null, null, null);
  }

  /** The events the filter admits, newest first, one page past the cursor (one row more, to tell whether another follows). */
  static Flux<AuditEvent> newestFirst(DatabaseClient db, Filter filter, Page.Request page) {
    List<String> where = new ArrayList<>();
    Map<String, Object> binds = new LinkedHashMap<>();
    condition(where, binds, "action = :action", "action", filter.action());
    condition(where, binds, "actor = :actor", "actor", filter.actor());
    condition(where, binds, "(subject = :target or :target = any(target_ids))", "target", filter.target());
    condition(where, binds, "at >= :from", "from", utc(filter.from()));
    condition(where, binds, "at < :until", "until", utc(filter.until()));
    condition(where, binds, "tenant_id = :township", "township", filter.township());
    if (page.hasAfter()) {
      where.add("(at, tenant_id, event_id) < (:afterAt, :afterTenant, :afterId)");
      binds.put("afterAt", utc(page.instant("at")));
      binds.put("afterTenant", page.key("t"));
      binds.put("afterId", page.uuid("id"));
    }
    var spec = db.sql("select tenant_id, event_id, at, actor, roles, action, subject, target_ids, request_id, "
        + "idempotency_key, detail::text as detail from audit_event"
        + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
        + " order by at desc, tenant_id desc, event_id desc limit :limit");
    for (var bind : binds.entrySet()) {
      spec = spec.bind(bind.getKey(), bind.getValue());
    }
    return spec.bind("limit", page.limit() + 1).map(AuditEventQueries::event).all();
  }

  /** The keyset of a row, as its cursor carries it. */
  static Map<String, Object> cursor(AuditEvent e) {
    return Map.of("at", e.at().toInstant().toString(), "t", e.township(), "id", e.id().toString());
  }

  private static void condition(List<String> where, Map<String, Object> binds, String sql, String name, Object value) {
    if (value != null) {
      where.add(sql);
      binds.put(name, value);
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static AuditEvent event(Readable row) {
    return new AuditEvent(row.get("event_id", UUID.class), row.get("tenant_id", String.class),
        row.get("at", OffsetDateTime.class), row.get("actor", String.class), strings(row.get("roles", String[].class)),
        row.get("action", String.class), row.get("subject", String.class), strings(row.get("target_ids", String[].class)),
        row.get("request_id", String.class), row.get("idempotency_key", String.class), row.get("detail", String.class));
  }

  private static List<String> strings(String[] values) {
    return values == null ? List.of() : Arrays.asList(values);
  }
}
