package com.jifen.ledger;

import static com.jifen.shared.Sql.uuids;

import com.jifen.scheme.engine.Scheme;
import com.jifen.scheme.engine.SubjectYear;
import com.jifen.shared.MemberId;
import com.jifen.shared.Tuples;
import com.jifen.tenancy.TenantTx;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** A year of ledger per member in the engine's shape: the monthly item grid and the additions and deductions. */
public final class YearLedger {
  private YearLedger() {}

  public record MemberYear(BigDecimal[][] monthly, List<SubjectYear.Entry> entries) {}

  /** An addition or deduction code in a month (the kind is implied by the code). */
  private record Other(int month, String code) {}

  /** A member's item scores and other entries as read: (month, code, points) tuples. */
  private record Texts(MemberId memberId, String[][] items, String[][] others) {}

  /** One aggregate query for all members: net of reversals, per month, kind and code; entries pending approval do not count. */
  public static Mono<Map<MemberId, MemberYear>> of(TenantTx tx, Collection<MemberId> members, int year, Scheme scheme) {
    // one row per member, its item scores and its other entries each as one text (see Tuples for why); reversals are
    // netted here, not in SQL
    return tx.sql("select member_id, "
            + "string_agg(month || ' ' || code || ' ' || points, ';') filter (where kind = 'ITEM_SCORE') as items, "
            + "string_agg(month || ' ' || code || ' ' || points, ';') filter (where kind <> 'ITEM_SCORE') as others "
            + "from ledger_entry e where tenant_id = :t and year = :y and member_id = any(:m) and " + LedgerEntry.COUNTS
            + " group by member_id")
        .bind("t", tx.tenant().value()).bind("y", year).bind("m", uuids(members))
        .map(r -> new Texts(new MemberId(r.get("member_id", UUID.class)), Tuples.parse(r.get("items", String.class)),
            Tuples.parse(r.get("others", String.class))))
        .all().collectList()
        .map(rows -> {
          Map<MemberId, MemberYear> result = new HashMap<>();
          for (MemberId m : members) {
            result.put(m, new MemberYear(new BigDecimal[12][], new ArrayList<>()));
          }
          int items = scheme.items().size();
          for (Texts row : rows) {
            MemberYear y = result.get(row.memberId());
            for (String[] e : row.items()) {
              int month = Integer.parseInt(e[0]);
              int index = scheme.itemIndex(e[1]);
              if (index >= 0) {
                BigDecimal points = new BigDecimal(e[2]);
                if (y.monthly()[month - 1] == null) {
                  y.monthly()[month - 1] = new BigDecimal[items];
                }
                BigDecimal[] grid = y.monthly()[month - 1];
                grid[index] = grid[index] == null ? points : grid[index].add(points);
              }
            }
            // additions and deductions net per month and code: a reversal cancels what it reverses
            Map<Other, BigDecimal> others = new LinkedHashMap<>();
            for (String[] e : row.others()) {
              others.merge(new Other(Integer.parseInt(e[0]), e[1]), new BigDecimal(e[2]), BigDecimal::add);
            }
            others.forEach((o, points) -> {
              if (points.signum() != 0) {
                y.entries().add(new SubjectYear.Entry(o.code(), o.month(), points));
              }
            });
          }
          return result;
        });
  }
}
