package com.jifen.ledger;

import com.jifen.tenancy.TownshipCache;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Rankings' boards (each member's score on a board) computed from PostgreSQL while Redis is unavailable, so that
 * an outage costs one aggregate per board rather than one per read. Forgotten on any change to the ledger, the
 * members, the organizations or the pinned schemes (trigger notifications on channel {@code jifen_board},
 * migration 070) and by this instance's mutations.
 */
@Component
class BoardCache extends TownshipCache {
  BoardCache(ConnectionFactory connections) {
    super(connections, "jifen_board");
  }
}
