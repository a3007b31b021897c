package com.jifen.operations.internal;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The one statement that reads every township's tables at once, kept alone in this class: ShardingReadinessIT names
 * this file as its only exception, so no other statement can slip into the exception beside it.
 */
final class OverviewQueries {
  private OverviewQueries() {}

  /** Every township's status, members, last activity and storage, as aggregates, in one statement. */
  static Mono<List<TownshipOverview.Row>> townshipOverview(DatabaseClient db) {
    return db.sql("""
            select t.tenant_id, t.name, t.county_id, t.status, t.status_changed_at,
                   coalesce(m.members, 0) as members, coalesce(m.active, 0) as active, coalesce(o.branches, 0) as branches,
                   greatest(a.last, l.last) as last_activity,
                   coalesce(e.bytes, 0) + coalesce(p.bytes, 0) + coalesce(s.bytes, 0) + coalesce(l.bytes, 0) as storage
            from tenant t
            left join (select tenant_id, count(*) as members, count(*) filter (where status = 'ACTIVE') as active
                       from member group by tenant_id) m on m.tenant_id = t.tenant_id
            left join (select tenant_id, count(*) as branches from organization where kind = 'BRANCH' group by tenant_id) o
              on o.tenant_id = t.tenant_id
            left join (select tenant_id, max(at) as last from audit_event group by tenant_id) a on a.tenant_id = t.tenant_id
            left join (select tenant_id, max(recorded_at) as last, sum(pg_column_size(ledger_entry.*)) as bytes
                       from ledger_entry group by tenant_id) l on l.tenant_id = t.tenant_id
            left join (select tenant_id, sum(coalesce(size_bytes, 0) + coalesce(length(note), 0)) as bytes from evidence group by tenant_id) e
              on e.tenant_id = t.tenant_id
            left join (select tenant_id, sum(pg_column_size(snapshot)) as bytes from published_sheet group by tenant_id) p
              on p.tenant_id = t.tenant_id
            left join (select tenant_id, sum(pg_column_size(results)) as bytes from settlement group by tenant_id) s
              on s.tenant_id = t.tenant_id
            order by t.tenant_id""")
        .map(r -> {
          OffsetDateTime last = r.get("last_activity", OffsetDateTime.class);
          OffsetDateTime changed = r.get("status_changed_at", OffsetDateTime.class);
          return new TownshipOverview.Row(r.get("tenant_id", String.class), r.get("name", String.class), r.get("county_id", String.class),
              r.get("status", String.class), r.get("members", Long.class).intValue(), r.get("active", Long.class).intValue(),
              r.get("branches", Long.class).intValue(), last == null ? null : last.toInstant(),
              r.get("storage", Number.class).longValue(), changed == null ? null : changed.toInstant());
        })
        .all().collectList();
  }
}
