package com.jifen.settings.internal;

import com.jifen.scheme.config.ConfigDocument;
import com.networknt.schema.JsonSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The YAML form of {@link TownshipSettings}: written in a stable order, read against township-settings.schema.json. */
final class SettingsFile {
  private static final JsonSchema SCHEMA = ConfigDocument.schema("/tenant-config/township-settings.schema.json");

  private SettingsFile() {}

  static String write(TownshipSettings s) {
    StringBuilder y = new StringBuilder();
    y.append("# 乡镇设置 (township settings): applyTownshipSettings applies this file; name and county are informational\n");
    y.append("code: ").append(s.code()).append('\n');
    y.append("name: ").append(quote(s.name())).append('\n');
    y.append("county: ").append(quote(s.county())).append('\n');
    y.append("categories: [").append(String.join(", ", s.categories())).append("]\n");
    y.append("rankingVisibility: ").append(s.rankingVisibility()).append('\n');
    y.append("calendar:");
    if (s.calendar().isEmpty()) {
      y.append(" []");
    }
    y.append('\n');
    s.calendar().forEach(d -> y.append("  - {day: '").append(d.day()).append("', kind: ").append(d.kind()).append(", name: ")
        .append(quote(d.name())).append("}\n"));
    y.append("pinned:");
    if (s.pinned().isEmpty()) {
      y.append(" {}");
    }
    y.append('\n');
    s.pinned().forEach((year, pins) -> {
      y.append("  '").append(year).append("':\n");
      pins.forEach((category, pin) -> y.append("    ").append(category).append(": {scheme: ").append(pin.scheme())
          .append(", version: ").append(pin.version()).append("}\n"));
    });
    return y.toString();
  }

  private static String quote(String text) {
    return "'" + (text == null ? "" : text.replace("'", "''")) + "'";
  }

  /** The file parsed: its document (to locate semantic errors by path) and its settings (absent fields null). */
  record Parsed(ConfigDocument document, TownshipSettings settings) {}

  @SuppressWarnings("unchecked")
  static Parsed read(String file, String yaml) {
    ConfigDocument doc = ConfigDocument.parse(file, yaml, SCHEMA);
    Map<String, Object> d = doc.data();
    List<TownshipSettings.CalendarDay> calendar = null;
    if (d.get("calendar") != null) {
      calendar = new ArrayList<>();
      for (Object o : (List<Object>) d.get("calendar")) {
        Map<String, Object> day = (Map<String, Object>) o;
        calendar.add(new TownshipSettings.CalendarDay((String) day.get("day"), (String) day.get("kind"), (String) day.get("name")));
      }
    }
    Map<String, Map<String, TownshipSettings.Pin>> pinned = null;
    if (d.get("pinned") != null) {
      pinned = new LinkedHashMap<>();
      for (var year : ((Map<String, Object>) d.get("pinned")).entrySet()) {
        Map<String, TownshipSettings.Pin> pins = new LinkedHashMap<>();
        ((Map<String, Object>) year.getValue()).forEach((category, p) -> {
          Map<String, Object> pin = (Map<String, Object>) p;
          pins.put(category, new TownshipSettings.Pin((String) pin.get("scheme"), ((BigDecimal) pin.get("version")).intValue()));
        });
        pinned.put(year.getKey(), pins);
      }
    }
    return new Parsed(doc, new TownshipSettings((String) d.get("code"), (String) d.get("name"), (String) d.get("county"),
        (List<String>) d.get("categories"), (String) d.get("rankingVisibility"), calendar, pinned));
  }
}
