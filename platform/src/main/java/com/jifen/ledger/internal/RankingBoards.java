package com.jifen.ledger.internal;

import com.jifen.ledger.ProvisionalYears;
import com.jifen.organization.MemberService;
import com.jifen.shared.MemberId;
import com.jifen.shared.RedisKeys;
import com.jifen.tenancy.TenantScope;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A board's scores: from its Redis sorted set, rebuilt from PostgreSQL when missing; with Redis unavailable, from
 * PostgreSQL through {@link BoardCache}, so an outage costs one aggregate per board rather than one per read.
 */
@Component
class RankingBoards {
  private static final Duration TTL = Duration.ofDays(2);

  private final ReactiveStringRedisTemplate redis;
  private final TenantScope scope;
  private final MemberService members;
  private final ProvisionalYears provisionalYears;
  private final BoardCache boards;
  private final RedisOutage outage;

  /**
   * Members per page while a board is read from PostgreSQL and its set is built: a million-member township is walked
   * page by page, never held whole (the service runs in a 512 MB heap). A setting only so a test can make a small
   * board span pages.
   */
  private final int pageSize;

  RankingBoards(ReactiveStringRedisTemplate redis, TenantScope scope, MemberService members, ProvisionalYears provisionalYears,
      BoardCache boards, RedisOutage outage, @Value("${jifen.rankings.page-size:10000}") int pageSize) {
    this.pageSize = pageSize;
    this.redis = redis;
    this.scope = scope;
    this.members = members;
    this.provisionalYears = provisionalYears;
    this.boards = boards;
    this.outage = outage;
  }

  record Score(MemberId member, BigDecimal score) {}

  /** The top of a board and the caller's place, before names are attached. */
  record Top(List<Score> top, List<Integer> topRanks, Score me, int myRank, Rankings.Source source) {}

  Mono<Top> top(RankingBoard board, int first, MemberId me) {
    return fromRedis(board, first, me).onErrorResume(e -> {
      outage.warnOncePerMinute("rankings answer from PostgreSQL, Redis unavailable: " + e);
      // the board's scores, kept in memory until a write changes them (BoardCache): Redis's stand-in
      return boards.get(board.tenant(), key(board), scores(board))
          .map(scores -> fromScores(scores, first, me));
    });
  }

  private static String key(RankingBoard board) {
    return RedisKeys.ranking(board.tenant(), board.year(), board.periodKey(), board.scopeKey());
  }

  private record Mine(BigDecimal score, int rank) {}

  private Mono<Top> fromRedis(RankingBoard board, int first, MemberId me) {
    String key = key(board);
    var z = redis.opsForZSet();
    // the top list, my score and the count above it go out together (Lettuce pipelines them): one round trip and a
    // second for the count, whatever the board's size
    Mono<List<TypedTuple<String>>> top = z.reverseRangeWithScores(key, Range.closed(0L, (long) first - 1)).collectList();
    Mono<Optional<Mine>> mine = me == null ? Mono.just(Optional.empty()) : z.score(key, me.toString())
        .flatMap(s -> rankOf(key, score(s)).map(r -> Optional.of(new Mine(score(s), r))))
        .defaultIfEmpty(Optional.empty());
    // a built board's set is never empty (a board without members holds a placeholder), so an empty answer means the
    // set is missing: it is built, then read again. The Redis calls are timed, not the build's read of PostgreSQL.
    Mono<Optional<Top>> read = Mono.zip(top, mine).timeout(RedisOutage.REDIS_TIMEOUT.multipliedBy(3))
        .map(t -> t.getT1().isEmpty() ? Optional.<Top>empty() : Optional.of(fromSet(t.getT1(), t.getT2(), me)));
    return read.flatMap(found -> found.isPresent() ? Mono.just(found.get()) : rebuild(board).then(read)
        .map(built -> built.orElseThrow(() -> new IllegalStateException("the board's set is missing right after its build"))));
  }

  private static Top fromSet(List<TypedTuple<String>> tuples, Optional<Mine> mine, MemberId me) {
    List<Score> top = tuples.stream().filter(t -> !"-".equals(t.getValue()))
        .map(t -> new Score(MemberId.parse(t.getValue()), score(t.getScore()))).toList();
    return new Top(top, topRanks(top), mine.map(m -> new Score(me, m.score())).orElse(null), mine.map(Mine::rank).orElse(0),
        Rankings.Source.REDIS);
  }

  /** The top of a board ranks itself: a score equal to the one above shares its rank, otherwise rank = position. */
  private static List<Integer> topRanks(List<Score> top) {
    List<Integer> ranks = new ArrayList<>(top.size());
    for (int i = 0; i < top.size(); i++) {
      boolean tie = i > 0 && top.get(i).score().compareTo(top.get(i - 1).score()) == 0;
      ranks.add(tie ? ranks.get(i - 1) : i + 1);
    }
    return ranks;
  }

  /** Competition rank: one more than the number of strictly higher scores. */
  private Mono<Integer> rankOf(String key, BigDecimal score) {
    return redis.opsForZSet().count(key, Range.rightUnbounded(Range.Bound.exclusive(score.doubleValue())))
        .map(n -> n.intValue() + 1);
  }

  /** Members per ZADD: one command of a whole page can outlast the client's 500 ms command timeout on a loaded machine. */
  private static final int PER_ZADD = 1_000;

  /**
   * Builds a board's set under a temporary key (same hash tag, so the same Redis Cluster slot), page by page, and
   * renames it onto the board's key at the end, so a reader never sees a half-built set. A write to the township
   * while it was being built (the board cache's generation moved: notification or this instance's mutation)
   * discards it: the read then answers from PostgreSQL, and the next read builds it again; that also covers the
   * pages being read in transactions of their own.
   */
  private Mono<Boolean> rebuild(RankingBoard board) {
    long generation = boards.generation(board.tenant());
    String key = key(board);
    String building = key + ":building:" + UUID.randomUUID();
    Duration timeout = RedisOutage.REDIS_TIMEOUT.multipliedBy(3);
    var z = redis.opsForZSet();
    // prefetch 1: the next page is read while this one is written, no more, so at most two pages are in the heap
    return pages(board)
        .concatMap(page -> Flux.range(0, (page.scores().size() + PER_ZADD - 1) / PER_ZADD)
            .concatMap(i -> z.addAll(building, page.scores().subList(i * PER_ZADD, Math.min(page.scores().size(), (i + 1) * PER_ZADD))
                .stream().map(s -> TypedTuple.of(s.member().toString(), s.score().doubleValue())).toList()).timeout(timeout))
            .then(Mono.just((long) page.scores().size())), 1)
        .reduce(0L, Long::sum)
        // a board without members still gets its set (one placeholder), so the next read does not build it again
        .flatMap(n -> n > 0 ? Mono.just(true) : z.add(building, "-", Double.NEGATIVE_INFINITY).timeout(timeout))
        .then(redis.expire(building, TTL).timeout(timeout))
        .then(Mono.defer(() -> boards.generation(board.tenant()) == generation
            ? redis.rename(building, key).timeout(timeout)
            : Mono.<Boolean>error(new IllegalStateException("the board changed while its set was built"))))
        .onErrorResume(e -> redis.delete(building).timeout(timeout).onErrorResume(x -> Mono.empty()).then(Mono.error(e)));
  }

  /** A page of a board's scores; {@code last} is the last member read, the next page starts after it. */
  private record Page(List<Score> scores, MemberId last, boolean more) {}

  /**
   * The truth, page by page in member-id order, each page in a transaction of its own: each member's signed total
   * over the board's months (members without entries score 0); for the year, the provisional year total by the
   * scheme's engine, the figure the member card shows (members whose category has no pinned scheme are left out).
   */
  private Flux<Page> pages(RankingBoard board) {
    return page(board, null).expand(p -> p.more() ? page(board, p.last()) : Mono.empty());
  }

  private Mono<Page> page(RankingBoard board, MemberId after) {
    String path = board.root().path();
    // each page planned for its own bounds: a pooled connection's cached statement otherwise falls back to a generic
    // plan after a few pages, which walks the board's members from their branches and sorts all that remain, once per
    // page (2.2 s against 0.1–0.3 s per 10,000 members of a million-member township)
    return scope.inTx(board.tenant(), tx -> tx.sql("set local plan_cache_mode = force_custom_plan").then().then(Mono.defer(() -> {
      if (board.period() == Rankings.Period.YEAR) {
        return members.scoredUnderPage(tx, path, after, pageSize).collectList().flatMap(list -> list.isEmpty()
            ? Mono.just(new Page(List.of(), null, false))
            : provisionalYears.of(tx, list, board.year()).map(p -> new Page(
                p.entrySet().stream().map(e -> new Score(e.getKey(), e.getValue().result().annualTotal())).toList(),
                list.getLast().id(), list.size() == pageSize)));
      }
      return LedgerQueries.signedTotalsPage(tx, path, board.year(), board.fromMonth(), board.toMonth(), after, pageSize).collectList()
          .map(list -> new Page(list, list.isEmpty() ? null : list.getLast().member(), list.size() == pageSize));
    })));
  }

  /** Every member's score of a board, for answering while Redis is unavailable. */
  private Mono<BoardScores> scores(RankingBoard board) {
    return pages(board).reduceWith(BoardScores.Builder::new, (b, page) -> b.add(page.scores())).map(BoardScores.Builder::build);
  }

  private static Top fromScores(BoardScores scores, int first, MemberId me) {
    List<Score> top = scores.top(first);
    Optional<BigDecimal> mine = me == null ? Optional.empty() : scores.score(me);
    return new Top(top, topRanks(top), mine.map(s -> new Score(me, s)).orElse(null), mine.map(scores::rank).orElse(0),
        Rankings.Source.DATABASE);
  }

  private static BigDecimal score(Double d) {
    return BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP);
  }
}
