package com.jifen.ledger.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** While Redis is down every request would warn; once a minute is enough to be noticed. */
@Component
public class RedisOutage {
  /** How long a Redis command may take before the caller goes without it. */
  public static final Duration REDIS_TIMEOUT = Duration.ofMillis(300);

  private static final Logger log = LoggerFactory.getLogger("com.jifen.ledger.RankingService");

  private final AtomicLong lastWarning = new AtomicLong();

  public void warnOncePerMinute(String message) {
    long now = System.currentTimeMillis();
    long last = lastWarning.get();
    if (now - last > 60_000 && lastWarning.compareAndSet(last, now)) {
      log.warn(message);
    }
  }
}
