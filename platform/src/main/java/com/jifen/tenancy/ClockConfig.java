package com.jifen.tenancy;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Townships keep China time: publication windows and follow-up deadlines are dates in Asia/Shanghai. */
@Configuration
class ClockConfig {
  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  @Bean
  Clock clock() {
    return Clock.system(CHINA);
  }
}
