package com.jifen.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Keycloak tokens decoded once per token rather than once per request: verifying the RSA signature and parsing
 * the claims was a quarter of the CPU of a small GraphQL request. An entry is the result of the full decoder
 * (signature, issuer, timestamps) for that exact token string and expires when the token does, so an expired
 * token goes back to the decoder and is refused there. Tokens that fail are never kept.
 */
final class CachedJwtDecoder implements ReactiveJwtDecoder {
  static final int MAX_TOKENS = 10_000;

  private final ReactiveJwtDecoder decoder;
  private final Clock clock;
  private final Cache<String, Jwt> verified;

  CachedJwtDecoder(ReactiveJwtDecoder decoder, Clock clock) {
    this.decoder = decoder;
    this.clock = clock;
    this.verified = Caffeine.newBuilder()
        .maximumSize(MAX_TOKENS)
        .expireAfter(Expiry.creating((String token, Jwt jwt) -> untilExpiry(jwt)))
        .build();
  }

  @Override
  public Mono<Jwt> decode(String token) throws JwtException {
    Jwt known = verified.getIfPresent(token);
    // the clock, not only the cache's own timer, decides: the entry's lifetime was computed from it
    if (known != null && known.getExpiresAt().isAfter(clock.instant())) {
      return Mono.just(known);
    }
    return decoder.decode(token).doOnNext(jwt -> {
      if (jwt.getExpiresAt() != null) {
        verified.put(token, jwt);
      }
    });
  }

  /** Only tokens with an expiry are kept (see decode). */
  private Duration untilExpiry(Jwt jwt) {
    Duration left = Duration.between(clock.instant(), jwt.getExpiresAt());
    return left.isNegative() ? Duration.ZERO : left;
  }
}
