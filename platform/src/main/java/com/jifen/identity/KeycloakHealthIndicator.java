package com.jifen.identity;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** Readiness includes Keycloak: without its keys no token can be verified. */
@Component("keycloak")
class KeycloakHealthIndicator implements ReactiveHealthIndicator {
  private final WebClient client;
  private final String jwksUri;

  KeycloakHealthIndicator(
      @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwksUri) {
    this.client = WebClient.create();
    this.jwksUri = jwksUri;
  }

  @Override
  public Mono<Health> health() {
    return client.get().uri(jwksUri).retrieve().toBodilessEntity()
        .timeout(Duration.ofSeconds(2))
        .map(r -> Health.up().withDetail("jwks", jwksUri).build())
        .onErrorResume(e -> Mono.just(Health.down().withDetail("jwks", jwksUri)
            .withDetail("error", e.getClass().getSimpleName()).build()));
  }
}
