package com.jifen.ledger.internal;

import com.jifen.tenancy.TownshipCache;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * What is computed from a township's ledger: member cards, and rankings' boards (each member's score) computed from
 * PostgreSQL while Redis is unavailable, so that an outage costs one aggregate per board rather than one per read.
 * Forgotten on any change to the ledger, entry reviews, sheets, members, organizations or pinned schemes (trigger
 * notifications on channel {@code jifen_board}, migration 070) and by this instance's mutations.
 */
@Component
public class BoardCache extends TownshipCache {
  BoardCache(ConnectionFactory connections) {
    super(connections, "jifen_board");
  }
}
