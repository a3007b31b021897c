package com.jifen.ballot.internal;

import com.jifen.shared.DomainException;
import com.jifen.shared.ErrorKind;
import com.jifen.shared.RedisKeys;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Ballot codes cannot be guessed at speed: codes never issued are counted per client address and per township the
 * code names, in Redis token buckets (Bucket4j) shared by every replica. Only such guesses take tokens (a spent code,
 * answered the same, is a rater pressing twice), so a whole branch voting from one meeting-room address is never
 * slowed; once a bucket is empty every attempt it covers is refused until it refills, right codes too, or the refusal
 * would itself say "this one was right". An unknown code names no ballot, so the township its prefix names is the narrowest target
 * a guess can be charged to. Redis down: attempts are let through (logged) rather than stopping a vote under way.
 */
@Component
class BallotGuessing implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(BallotGuessing.class);
  private static final Duration WINDOW = Duration.ofMinutes(10);
  private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);

  private final LettuceConnectionFactory redis;
  private final BucketConfiguration perAddress;
  private final BucketConfiguration perTownship;
  private volatile StatefulConnection<String, byte[]> connection;
  private volatile AsyncProxyManager<String> buckets;

  BallotGuessing(LettuceConnectionFactory redis,
      @Value("${jifen.ballot.wrong-codes-per-address:20}") int perAddress,
      @Value("${jifen.ballot.wrong-codes-per-township:200}") int perTownship) {
    this.redis = redis;
    this.perAddress = window(perAddress);
    this.perTownship = window(perTownship);
  }

  /** capacity wrong codes, refilled evenly over ten minutes. */
  private static BucketConfiguration window(int capacity) {
    return BucketConfiguration.builder()
        .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, WINDOW))
        .build();
  }

  /** The attempt, unless this address or the code's township has used up its wrong codes; a wrong code is counted. */
  <T> Mono<T> attempt(String address, String code, Supplier<Mono<T>> attempt) {
    String addressKey = RedisKeys.ballotGuessesOfAddress(address);
    String townshipKey = RedisKeys.ballotGuessesOfTownship(township(code));
    return Mono.zip(tokens(addressKey, perAddress), tokens(townshipKey, perTownship))
        .flatMap(t -> t.getT1() <= 0 || t.getT2() <= 0
            ? Mono.<T>error(new DomainException(ErrorKind.TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS",
                "输错测评码的次数过多，请几分钟后再试，并向支部书记核对测评码 (too many wrong codes, try again later)"))
            : Mono.defer(attempt))
        .onErrorResume(BallotCodes.UnknownCode.class::isInstance,
            e -> consume(addressKey, perAddress).then(consume(townshipKey, perTownship)).then(Mono.error(e)));
  }

  /** The code's prefix names its township; anything else a caller typed is one shared key, not a key per string. */
  private static String township(String code) {
    String prefix = code == null || code.indexOf('-') < 1 ? "" : code.strip().substring(0, code.strip().indexOf('-')).toUpperCase();
    return prefix.matches("[A-Z0-9]{1,16}") ? prefix : "?";
  }

  private Mono<Long> tokens(String key, BucketConfiguration config) {
    return call(key, config, AsyncBucketProxy::getAvailableTokens).defaultIfEmpty(1L);
  }

  private Mono<Void> consume(String key, BucketConfiguration config) {
    return call(key, config, b -> b.tryConsume(1)).then();
  }

  private <R> Mono<R> call(String key, BucketConfiguration config, Function<AsyncBucketProxy, CompletableFuture<R>> op) {
    return Mono.defer(() -> Mono.fromFuture(op.apply(buckets().getProxy(key, () -> CompletableFuture.completedFuture(config)))))
        .timeout(REDIS_TIMEOUT)
        .onErrorResume(e -> {
          log.warn("ballot guessing limit not checked (Redis: {}); attempt let through", e.toString());
          return Mono.empty();
        });
  }

  /**
   * One connection of the Lettuce client Spring Data Redis configured (host, database, timeouts), opened on first use
   * and again whenever it was closed: a stopped and restarted connection factory (a lifecycle restart) replaces its
   * client, and a connection of the old one stays closed for good.
   */
  private AsyncProxyManager<String> buckets() {
    if (buckets == null || !connection.isOpen()) {
      synchronized (this) {
        if (buckets == null || !connection.isOpen()) {
          var codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
          Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String> builder;
          // Redis Cluster (spring.data.redis.cluster.nodes) makes a cluster client; each bucket is one key, so either works
          if (redis.getNativeClient() instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<String, byte[]> c = cluster.connect(codec);
            connection = c;
            builder = Bucket4jLettuce.casBasedBuilder(c);
          } else {
            StatefulRedisConnection<String, byte[]> c = ((RedisClient) redis.getNativeClient()).connect(codec);
            connection = c;
            builder = Bucket4jLettuce.casBasedBuilder(c);
          }
          buckets = builder
              .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
              .build().asAsync();
        }
      }
    }
    return buckets;
  }

  @Override
  public void destroy() {
    if (connection != null) {
      connection.close();
    }
  }
}
