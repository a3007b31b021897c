package com.jifen.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Loads the demo county at start when jifen.demo.load is true (dev profile, infra/up). */
@Component
@ConditionalOnProperty(name = "jifen.demo.load", havingValue = "true")
class DemoDataRunner implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(DemoDataRunner.class);

  private final DemoLoader loader;
  private final long seed;

  DemoDataRunner(DemoLoader loader, @Value("${jifen.demo.seed}") long seed) {
    this.loader = loader;
    this.seed = seed;
  }

  @Override
  public void run(ApplicationArguments args) {
    long rows = loader.load(DemoCounty.demo(seed)).block();
    log.info("demo county ready ({} rows written this start)", rows);
  }
}
