package com.jifen.demo;

import com.jifen.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Loads the demo county at start when jifen.demo.load is true (dev profile, infra/up), and its living year (the
 * previous year complete, the current one running) when jifen.demo.year is true as well (infra/up; tests keep the
 * light county unless they load the year themselves). The switch is read when the runner runs, not as a condition on
 * the bean: Spring AOT (README, Start-up) fixes the set of beans at build time, and the dev profile turns it on at
 * run time.
 */
@Component
class DemoDataRunner implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(DemoDataRunner.class);

  private final DemoLoader loader;
  private final DemoYear year;
  private final boolean enabled;
  private final long seed;
  private final boolean withYear;

  DemoDataRunner(DemoLoader loader, DemoYear year, @Value("${jifen.demo.load:false}") boolean enabled,
      @Value("${jifen.demo.seed}") long seed, @Value("${jifen.demo.year:false}") boolean withYear) {
    this.loader = loader;
    this.enabled = enabled;
    this.year = year;
    this.seed = seed;
    this.withYear = withYear;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!enabled) {
      return;
    }
    var county = DemoCounty.demo(seed);
    long rows = loader.load(county).block();
    log.info("demo county ready ({} rows written this start)", rows);
    if (withYear) {
      long start = System.nanoTime();
      long written = year.load(county.stream().map(t -> new TenantId(t.config().code())).toList()).block();
      log.info("demo year ready ({} input rows written this start, {} ms)", written, (System.nanoTime() - start) / 1_000_000);
    }
  }
}
