package com.jifen.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The console's files are public (the data is not: every GraphQL field checks the caller's token). This chain
 * matches only GETs outside the service's paths, which keep the resource server's chain.
 */
@Configuration
class ConsoleSecurity {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityWebFilterChain consoleFilterChain(ServerHttpSecurity http) {
    String[] service = ConsoleFallback.SERVICE_PATHS.stream().flatMap(p -> java.util.stream.Stream.of(p, p + "/**")).toArray(String[]::new);
    return http
        .securityMatcher(new AndServerWebExchangeMatcher(
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/**"),
            new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(service))))
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .authorizeExchange(ex -> ex.anyExchange().permitAll())
        .build();
  }
}
