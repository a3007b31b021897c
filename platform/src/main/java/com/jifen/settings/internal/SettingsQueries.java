package com.jifen.settings.internal;

import com.jifen.tenancy.TenantTx;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import reactor.core.publisher.Mono;

/** Reads a township's settings in its tenant transaction (the writes go through the features that own them). */
final class SettingsQueries {
  private SettingsQueries() {}

  private record Township(String name, String county, List<String> categories, String rankingVisibility) {}

  private record PinnedYear(String year, String category, TownshipSettings.Pin pin) {}

  /** The township's settings as its file would hold them now. */
  static Mono<TownshipSettings> settings(TenantTx tx) {
    String tenant = tx.tenant().value();
    Mono<Township> township = tx.sql("select name, county_id, categories, ranking_visibility from tenant where tenant_id = :t")
        .bind("t", tenant)
        .map(r -> {
          String[] categories = r.get("categories", String[].class);
          return new Township(r.get("name", String.class), r.get("county_id", String.class),
              categories == null ? List.of() : List.of(categories), r.get("ranking_visibility", String.class));
        })
        .one();
    Mono<List<TownshipSettings.CalendarDay>> calendar = tx.sql("select day::text as day, kind, name from calendar_day where tenant_id = :t order by day")
        .bind("t", tenant)
        .map(r -> new TownshipSettings.CalendarDay(r.get("day", String.class), r.get("kind", String.class), r.get("name", String.class)))
        .all().collectList();
    Mono<Map<String, Map<String, TownshipSettings.Pin>>> pins = tx.sql("select year, category, scheme_code, version from scoring_year "
            + "where tenant_id = :t order by year, category")
        .bind("t", tenant)
        .map(r -> new PinnedYear(String.valueOf(r.get("year", Integer.class)), r.get("category", String.class),
            new TownshipSettings.Pin(r.get("scheme_code", String.class), r.get("version", Integer.class))))
        .all().collectList()
        .map(rows -> {
          Map<String, Map<String, TownshipSettings.Pin>> byYear = new TreeMap<>();
          rows.forEach(row -> byYear.computeIfAbsent(row.year(), y -> new TreeMap<>()).put(row.category(), row.pin()));
          return byYear;
        });
    return Mono.zip(township, calendar, pins).map(t -> new TownshipSettings(tenant, t.getT1().name(), t.getT1().county(),
        t.getT1().categories(), t.getT1().rankingVisibility(), t.getT2(), t.getT3()));
  }
}
