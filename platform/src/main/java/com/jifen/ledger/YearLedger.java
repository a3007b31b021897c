package com.jifen.ledger;

import com.jifen.scheme.engine.Scheme;
import com.jifen.scheme.engine.SubjectYear;
import com.jifen.shared.TenantId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** A year of ledger per member in the engine's shape: the monthly item grid and the additions and deductions. */
public final class YearLedger {
  private YearLedger() {}

  public record MemberYear(BigDecimal[][] monthly, List<SubjectYear.Entry> entries) {}

  /** One aggregate query for all members: net of reversals, per month, kind and code. */
  public static Mono<Map<UUID, MemberYear>> of(DatabaseClient db, TenantId tenant, Collection<UUID> members, int year, Scheme scheme) {
    return db.sql("select member_id, month, kind, code, sum(points) as points from ledger_entry "
            + "where tenant_id = :t and year = :y and member_id = any(:m) group by member_id, month, kind, code")
        .bind("t", tenant.value()).bind("y", year).bind("m", members.toArray(UUID[]::new))
        .map(r -> new Object[] {r.get("member_id", UUID.class), r.get("month", Integer.class), r.get("kind", String.class),
            r.get("code", String.class), r.get("points", BigDecimal.class)})
        .all().collectList()
        .map(rows -> {
          Map<UUID, MemberYear> result = new HashMap<>();
          for (UUID m : members) {
            result.put(m, new MemberYear(new BigDecimal[12][], new ArrayList<>()));
          }
          int items = scheme.items().size();
          for (Object[] r : rows) {
            MemberYear y = result.get((UUID) r[0]);
            int month = (Integer) r[1];
            BigDecimal points = (BigDecimal) r[4];
            if ("ITEM_SCORE".equals(r[2])) {
              int index = scheme.itemIndex((String) r[3]);
              if (index >= 0) {
                if (y.monthly()[month - 1] == null) {
                  y.monthly()[month - 1] = new BigDecimal[items];
                }
                y.monthly()[month - 1][index] = points;
              }
            } else if (points.signum() != 0) {
              y.entries().add(new SubjectYear.Entry((String) r[3], month, points));
            }
          }
          return result;
        });
  }
}
