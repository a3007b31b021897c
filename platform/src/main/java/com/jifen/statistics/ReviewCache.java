package com.jifen.statistics;

import com.jifen.tenancy.TownshipCache;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Each township's county-review figures (its branches, sheet months, memberships, year results, follow-ups and
 * pins) for the comparison and the drill-down. Forgotten on any change to the tables they are read from (trigger
 * {@code notify_review}, migration 070), so the county sees a township's new figures from the next read.
 */
@Component
class ReviewCache extends TownshipCache {
  ReviewCache(ConnectionFactory connections) {
    super(connections, "jifen_review");
  }
}
