package com.jifen.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * China time that a test can move forward, to see a publication window close or a deadline pass, or stop, to see
 * that the service stamps its rows with this clock and not the database's.
 */
public final class TestClock extends Clock {
  private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);
  private static final AtomicReference<Instant> STOPPED = new AtomicReference<>();
  private final ZoneId zone;

  TestClock(ZoneId zone) {
    this.zone = zone;
  }

  public static void advance(Duration by) {
    OFFSET.updateAndGet(d -> d.plus(by));
  }

  /** Every reading answers this instant until {@link #reset()}. */
  public static void stopAt(Instant at) {
    STOPPED.set(at);
  }

  public static void reset() {
    OFFSET.set(Duration.ZERO);
    STOPPED.set(null);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new TestClock(zone);
  }

  @Override
  public Instant instant() {
    Instant stopped = STOPPED.get();
    return stopped != null ? stopped : Instant.now().plus(OFFSET.get());
  }

  @TestConfiguration
  public static class Config {
    @Bean
    @Primary
    Clock testClock() {
      return new TestClock(ZoneId.of("Asia/Shanghai"));
    }
  }
}
