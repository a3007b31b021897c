package com.jifen.statistics.internal;

import com.jifen.tenancy.TownshipCache;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Each township's county-review figures (its branches, sheet months, memberships, year results, follow-ups and
 * pins) for the comparison and the drill-down. Forgotten on any change to the tables they are read from (trigger
 * {@code notify_review}, migration 070), so the county sees a township's new figures from the next read. A county's
 * own rows (its settings, which townships it has) are notified on the same channel as {@code county:<code>}
 * (migration 105), so a whole comparison can be checked against one listener.
 */
@Component
class ReviewCache extends TownshipCache {
  ReviewCache(ConnectionFactory connections) {
    super(connections, "jifen_review");
  }

  /** Bumped when the county's settings or its list of townships change: read it before reading them. */
  long countyGeneration(String county) {
    return generation("county:" + county);
  }
}
