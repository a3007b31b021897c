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
    // one row per member with arrays: a branch's year is thousands of (month, item) sums, and decoding arrays is far
    // cheaper than decoding as many rows
    return db.sql("select member_id, array_agg(month) as months, array_agg(kind) as kinds, array_agg(code) as codes, "
            + "array_agg(points) as points from (select member_id, month, kind, code, sum(points) as points from ledger_entry "
            + "where tenant_id = :t and year = :y and member_id = any(:m) group by member_id, month, kind, code) x group by member_id")
        .bind("t", tenant.value()).bind("y", year).bind("m", members.toArray(UUID[]::new))
        .map(r -> new Object[] {r.get("member_id", UUID.class), r.get("months", Integer[].class), r.get("kinds", String[].class),
            r.get("codes", String[].class), r.get("points", BigDecimal[].class)})
        .all().collectList()
        .map(rows -> {
          Map<UUID, MemberYear> result = new HashMap<>();
          for (UUID m : members) {
            result.put(m, new MemberYear(new BigDecimal[12][], new ArrayList<>()));
          }
          int items = scheme.items().size();
          for (Object[] r : rows) {
            MemberYear y = result.get((UUID) r[0]);
            Integer[] months = (Integer[]) r[1];
            String[] kinds = (String[]) r[2];
            String[] codes = (String[]) r[3];
            BigDecimal[] points = (BigDecimal[]) r[4];
            for (int i = 0; i < months.length; i++) {
              int month = months[i];
              if ("ITEM_SCORE".equals(kinds[i])) {
                int index = scheme.itemIndex(codes[i]);
                if (index >= 0) {
                  if (y.monthly()[month - 1] == null) {
                    y.monthly()[month - 1] = new BigDecimal[items];
                  }
                  y.monthly()[month - 1][index] = points[i];
                }
              } else if (points[i].signum() != 0) {
                y.entries().add(new SubjectYear.Entry(codes[i], month, points[i]));
              }
            }
          }
          return result;
        });
  }
}
