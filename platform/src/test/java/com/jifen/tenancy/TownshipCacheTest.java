package com.jifen.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jifen.shared.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Loads of one key under way are shared; the cache itself (listening to PostgreSQL) is covered by DirectoryCacheIT. */
class TownshipCacheTest {
  private static final TenantId CG = new TenantId("CG");

  /** Never started: it keeps nothing, so every call below that is not shared has to load. */
  private final TownshipCache cache = new TownshipCache(null, "test") {};

  private Mono<Integer> slowLoad(AtomicInteger loads) {
    return Mono.fromCallable(loads::incrementAndGet).delayElement(Duration.ofMillis(200));
  }

  @Test
  void readersMissingTheSameKeyAtOnceWaitForOneLoad() {
    AtomicInteger loads = new AtomicInteger();
    List<Integer> answers = Flux.range(0, 12).flatMap(i -> cache.get(CG, "board", slowLoad(loads))).collectList().block();

    assertThat(answers).hasSize(12).containsOnly(1);
    assertThat(loads).hasValue(1);
  }

  @Test
  void otherKeysAndOtherTownshipsLoadApart() {
    AtomicInteger loads = new AtomicInteger();
    Flux.merge(cache.get(CG, "board", slowLoad(loads)), cache.get(CG, "card", slowLoad(loads)),
        cache.get(new TenantId("KF"), "board", slowLoad(loads))).blockLast();

    assertThat(loads).hasValue(3);
  }

  @Test
  void aMissAfterTheLoadEndedLoadsAgain() {
    AtomicInteger loads = new AtomicInteger();
    cache.get(CG, "board", slowLoad(loads)).block();
    cache.get(CG, "board", slowLoad(loads)).block();

    assertThat(loads).hasValue(2);
  }

  @Test
  void aReadAfterAWriteForgotTheTownshipDoesNotJoinALoadBegunBeforeIt() {
    AtomicInteger loads = new AtomicInteger();
    Mono<Integer> before = cache.get(CG, "board", slowLoad(loads));
    List<Integer> answers = Flux.merge(before, Mono.delay(Duration.ofMillis(50)).then(Mono.defer(() -> {
      cache.forget(CG); // what a mutation of the township does as it completes
      return cache.get(CG, "board", slowLoad(loads));
    }))).collectList().block();

    assertThat(loads).hasValue(2);
    assertThat(answers).containsExactlyInAnyOrder(1, 2);
  }

  @Test
  void aFailedLoadFailsEveryoneWaitingAndIsNotKept() {
    AtomicInteger loads = new AtomicInteger();
    Mono<Integer> failing = Mono.delay(Duration.ofMillis(100)).then(Mono.fromCallable(() -> {
      loads.incrementAndGet();
      throw new IllegalStateException("PostgreSQL unavailable");
    }));
    List<String> outcomes = Flux.range(0, 5)
        .flatMap(i -> cache.get(CG, "board", failing).map(String::valueOf).onErrorResume(e -> Mono.just(e.getMessage())))
        .collectList().block();

    assertThat(outcomes).containsOnly("PostgreSQL unavailable");
    assertThat(loads).hasValue(1);
    assertThatThrownBy(() -> cache.get(CG, "board", failing).block()).hasMessageContaining("PostgreSQL unavailable");
    assertThat(loads).hasValue(2);
  }
}
