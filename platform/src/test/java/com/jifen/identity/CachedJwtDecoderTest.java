package com.jifen.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/** The caching rules on their own; the real decoder against Keycloak is exercised by IdentityIT. */
class CachedJwtDecoderTest {
  static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

  /** Counts calls; "bad" fails, anything else is a token expiring 5 minutes from NOW. */
  static final class CountingDecoder implements ReactiveJwtDecoder {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Mono<Jwt> decode(String token) {
      calls.incrementAndGet();
      if (token.equals("bad")) {
        return Mono.error(new BadJwtException("bad signature"));
      }
      return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject(token)
          .issuedAt(NOW).expiresAt(NOW.plus(Duration.ofMinutes(5))).build());
    }
  }

  static final class MovableClock extends Clock {
    Instant now = NOW;

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aVerifiedTokenIsDecodedOnceUntilItExpires() {
    CountingDecoder real = new CountingDecoder();
    MovableClock clock = new MovableClock();
    CachedJwtDecoder decoder = new CachedJwtDecoder(real, clock);

    assertThat(decoder.decode("a").block().getSubject()).isEqualTo("a");
    assertThat(decoder.decode("a").block().getSubject()).isEqualTo("a");
    assertThat(real.calls).hasValue(1);

    decoder.decode("b").block();
    assertThat(real.calls).as("another token is another entry").hasValue(2);

    clock.now = NOW.plus(Duration.ofMinutes(6));
    decoder.decode("a").block();
    assertThat(real.calls).as("past its expiry the token goes back to the real decoder").hasValue(3);
  }

  @Test
  void aRefusedTokenIsRefusedEveryTime() {
    CountingDecoder real = new CountingDecoder();
    CachedJwtDecoder decoder = new CachedJwtDecoder(real, Clock.fixed(NOW, ZoneOffset.UTC));
    assertThatThrownBy(() -> decoder.decode("bad").block()).isInstanceOf(BadJwtException.class);
    assertThatThrownBy(() -> decoder.decode("bad").block()).isInstanceOf(BadJwtException.class);
    assertThat(real.calls).hasValue(2);
  }
}
