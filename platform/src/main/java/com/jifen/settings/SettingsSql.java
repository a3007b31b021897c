package com.jifen.settings;

import com.jifen.tenancy.TenantTx;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import reactor.core.publisher.Mono;

/** Reads a township's settings in its tenant transaction (the writes go through the features that own them). */
final class SettingsSql {
  private SettingsSql() {}

  static Mono<TownshipSettings> read(TenantTx tx) {
    String tenant = tx.tenant().value();
    Mono<Object[]> township = tx.sql("select name, county_id, categories, ranking_visibility from tenant where tenant_id = :t")
        .bind("t", tenant)
        .map(r -> new Object[] {r.get("name", String.class), r.get("county_id", String.class), r.get("categories", String[].class),
            r.get("ranking_visibility", String.class)})
        .one();
    Mono<List<TownshipSettings.CalendarDay>> calendar = tx.sql("select day::text as day, kind, name from calendar_day where tenant_id = :t order by day")
        .bind("t", tenant)
        .map(r -> new TownshipSettings.CalendarDay(r.get("day", String.class), r.get("kind", String.class), r.get("name", String.class)))
        .all().collectList();
    Mono<Map<String, Map<String, TownshipSettings.Pin>>> pins = tx.sql("select year, category, scheme_code, version from scoring_year "
            + "where tenant_id = :t order by year, category")
        .bind("t", tenant)
        .map(r -> new Object[] {String.valueOf(r.get("year", Integer.class)), r.get("category", String.class),
            new TownshipSettings.Pin(r.get("scheme_code", String.class), r.get("version", Integer.class))})
        .all().collectList()
        .map(rows -> {
          Map<String, Map<String, TownshipSettings.Pin>> byYear = new TreeMap<>();
          rows.forEach(row -> byYear.computeIfAbsent((String) row[0], y -> new TreeMap<>()).put((String) row[1], (TownshipSettings.Pin) row[2]));
          return byYear;
        });
    return Mono.zip(township, calendar, pins).map(t -> {
      Object[] row = t.getT1();
      String[] categories = (String[]) row[2];
      return new TownshipSettings(tenant, (String) row[0], (String) row[1], categories == null ? List.of() : List.of(categories),
          (String) row[3], t.getT2(), t.getT3());
    });
  }
}
