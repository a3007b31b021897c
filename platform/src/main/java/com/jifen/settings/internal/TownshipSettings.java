package com.jifen.settings.internal;

import java.util.List;
import java.util.Map;

/**
 * A township's settings as the file holds them. name and county are informational (the platform operator keeps them);
 * a field left out of a file is left as it is when applied.
 *
 * @param pinned year → member category → the scheme version pinned
 */
public record TownshipSettings(String code, String name, String county, List<String> categories, String rankingVisibility,
    List<CalendarDay> calendar, Map<String, Map<String, Pin>> pinned) {

  public record CalendarDay(String day, String kind, String name) {}

  public record Pin(String scheme, int version) {}
}
