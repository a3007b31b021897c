package com.jifen.tenancy;

import io.r2dbc.spi.ConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * A township's directory as reads need it: members, organizations, the township's settings, and what follows from
 * them (who may see which ranking, whose card). Forgotten on any change to {@code member}, {@code organization} or
 * {@code tenant} (trigger {@code notify_directory}, migration 070).
 */
@Component
public class DirectoryCache extends TownshipCache {
  DirectoryCache(ConnectionFactory connections) {
    super(connections, "jifen_directory");
  }
}
