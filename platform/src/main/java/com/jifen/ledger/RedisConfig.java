package com.jifen.ledger;

import io.lettuce.core.ClientOptions;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** With Redis down, commands fail at once (rankings then answer from PostgreSQL) instead of queueing. */
@Configuration
class RedisConfig {
  @Bean
  LettuceClientConfigurationBuilderCustomizer failFastWhenDisconnected() {
    return builder -> builder.clientOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .build());
  }
}
