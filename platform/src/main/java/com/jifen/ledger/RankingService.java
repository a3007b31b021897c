package com.jifen.ledger;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationService;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.RedisKeys;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.DirectoryCache;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TownshipService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Running rankings (month, quarter, year to date × branch, organization subtree, township) as Redis sorted
 * sets. PostgreSQL is the truth: a write deletes the sets it touches and a read rebuilds a missing set from the
 * ledger, so a set is never half-updated; with Redis unavailable, rankings answer from PostgreSQL directly.
 * Keys ({@link RedisKeys#ranking}) carry the tenant in a hash tag ({QS}) so one township's sets share a Redis Cluster slot.
 */
@Service
public class RankingService {
  private static final Logger log = LoggerFactory.getLogger(RankingService.class);
  private static final Duration REDIS_TIMEOUT = Duration.ofMillis(300);
  private static final Duration TTL = Duration.ofDays(2);

  private final ReactiveStringRedisTemplate redis;
  private final TenantScope scope;
  private final MemberService members;
  private final OrganizationService organizations;
  private final TownshipService townships;
  private final ProvisionalYears provisionalYears;
  private final DirectoryCache directory;
  private final BoardCache boards;

  RankingService(ReactiveStringRedisTemplate redis, TenantScope scope, MemberService members,
      OrganizationService organizations, TownshipService townships, ProvisionalYears provisionalYears,
      DirectoryCache directory, BoardCache boards) {
    this.directory = directory;
    this.boards = boards;
    this.provisionalYears = provisionalYears;
    this.redis = redis;
    this.scope = scope;
    this.members = members;
    this.organizations = organizations;
    this.townships = townships;
  }

  public enum Period { MONTH, QUARTER, YEAR }

  public enum Scope { BRANCH, SUBTREE, TOWNSHIP }

  public enum Source { REDIS, DATABASE }

  public record RankingInput(Period period, int year, Integer index, Scope scope, String scopeId, Integer first) {}

  public record RankingEntry(int rank, String memberCode, String memberName, BigDecimal score) {}

  /** @param provisional YEAR: ranked by the provisional year total (暂估), final only after settlement */
  public record Ranking(List<RankingEntry> entries, RankingEntry me, Source source, boolean provisional) {}

  /** One ranking: which months, which members. */
  record Board(TenantId tenant, Period period, int year, int index, Scope scope, Organization root) {
    int fromMonth() {
      return switch (period) {
        case MONTH -> index;
        case QUARTER -> (index - 1) * 3 + 1;
        case YEAR -> 1;
      };
    }

    int toMonth() {
      return switch (period) {
        case MONTH -> index;
        case QUARTER -> index * 3;
        case YEAR -> 12;
      };
    }

    String key() {
      String p = switch (period) {
        case MONTH -> "M%02d".formatted(index);
        case QUARTER -> "Q" + index;
        case YEAR -> "YP";
      };
      String s = switch (scope) {
        case BRANCH -> "branch:" + root.id();
        case SUBTREE -> "org:" + root.id();
        case TOWNSHIP -> "town";
      };
      return RedisKeys.ranking(tenant, year, p, s);
    }
  }

  private final java.util.concurrent.atomic.AtomicLong lastWarning = new java.util.concurrent.atomic.AtomicLong();

  /** While Redis is down every request would warn; once a minute is enough to be noticed. */
  private void warnOncePerMinute(String message) {
    long now = System.currentTimeMillis();
    long last = lastWarning.get();
    if (now - last > 60_000 && lastWarning.compareAndSet(last, now)) {
      log.warn(message);
    }
  }

  // ---------------------------------------------------------------- writes

  /** Every set a write to (branch, month) can change: 3 periods × (branch, each ancestor subtree, township). */
  public Mono<Void> invalidate(TenantId tenant, Organization branch, int year, int month) {
    return invalidate(tenant, branch.id(), branch.path(), year, month);
  }

  public Mono<Void> invalidate(TenantId tenant, UUID branchId, String branchPath, int year, int month) {
    List<String> keys = new ArrayList<>();
    String[] periods = {"M%02d".formatted(month), "Q" + ((month - 1) / 3 + 1), "YP"};
    for (String p : periods) {
      keys.add(RedisKeys.ranking(tenant, year, p, "branch:" + branchId));
      keys.add(RedisKeys.ranking(tenant, year, p, "town"));
      for (String id : branchPath.split("/")) {
        if (!id.isEmpty()) {
          keys.add(RedisKeys.ranking(tenant, year, p, "org:" + id));
        }
      }
    }
    Mono<Void> delete = redis.delete(keys.toArray(String[]::new)).timeout(REDIS_TIMEOUT).then()
        .onErrorResume(e -> {
          // Redis is down: its sets may be stale when it returns; the TTL bounds how long
          warnOncePerMinute("ranking invalidation skipped, Redis unavailable: " + e);
          return Mono.empty();
        });
    // a rebuild that read PostgreSQL just before this write committed may land after the first delete; the
    // second delete, a moment later, removes such a set
    delete.delaySubscription(Duration.ofSeconds(1)).subscribe();
    return delete;
  }

  /**
   * Every set of a township: after its ledger was written in bulk (demo data) or the township was deleted. The hash
   * tag keeps them in one Redis Cluster slot, so one SCAN pattern finds them.
   */
  public Mono<Void> invalidateTownship(TenantId tenant) {
    return redis.scan(org.springframework.data.redis.core.ScanOptions.scanOptions().match(RedisKeys.rankingPattern(tenant)).count(1000).build())
        .buffer(500)
        .concatMap(keys -> redis.delete(keys.toArray(String[]::new)))
        .then()
        .timeout(Duration.ofSeconds(10))
        .onErrorResume(e -> {
          warnOncePerMinute("township rankings not cleared, Redis unavailable (they expire within two days): " + e);
          return Mono.empty();
        });
  }

  // ---------------------------------------------------------------- reads

  public Mono<Ranking> ranking(CurrentUser user, RankingInput in) {
    TenantId tenant = user.requireTenant();
    int first = in.first() == null ? 20 : in.first();
    if (first < 1 || first > 200) {
      throw DomainException.badRequest("INVALID_PAGE_SIZE", "排名条数须在 1 到 200 之间");
    }
    int index = in.period() == Period.YEAR ? 1 : in.index() == null ? 0 : in.index();
    if ((in.period() == Period.MONTH && (index < 1 || index > 12)) || (in.period() == Period.QUARTER && (index < 1 || index > 4))) {
      throw DomainException.badRequest("INVALID_PERIOD", "月份须为 1–12，季度须为 1–4");
    }
    // who asks and what they may see come from the directory cache; PostgreSQL is opened only for what is not
    // cached (and for the board itself when Redis has none or is unavailable)
    return directory.get(tenant, new AccessKey(user, in.scope(), in.scopeId()), scope.mono(tenant, db -> access(db, user, tenant, in)))
        .flatMap(access -> {
          Board board = new Board(tenant, in.period(), in.year(), index, in.scope(), access.root());
          UUID mine = access.me().map(Member::id).orElse(null);
          return fromRedis(board, first, mine)
              .onErrorResume(e -> {
                warnOncePerMinute("rankings answer from PostgreSQL, Redis unavailable: " + e);
                // the board's scores, kept in memory until a write changes them (BoardCache): Redis's stand-in
                return boards.get(tenant, board.key(), scope.mono(tenant, db -> scores(db, board)))
                    .map(scores -> fromScores(scores, first, mine));
              })
              .flatMap(raw -> names(tenant, raw, access.entriesVisible()))
              .map(r -> new Ranking(r.entries(), r.me(), r.source(), in.period() == Period.YEAR));
        });
  }

  /** What decides a caller's access to a board: who the token says they are and which board. */
  private record AccessKey(CurrentUser user, Scope scope, String scopeId) {}

  /** The board's root, the caller's member record, and whether the caller sees the list or only their own rank. */
  private record Access(Organization root, java.util.Optional<Member> me, boolean entriesVisible) {}

  private Mono<Access> access(DatabaseClient db, CurrentUser user, TenantId tenant, RankingInput in) {
    return root(db, tenant, in).flatMap(root -> me(db, user)
        .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
        .flatMap(me -> authorize(db, user, tenant, in.scope(), root, me).map(visible -> new Access(root, me, visible))));
  }

  private Mono<Organization> root(DatabaseClient db, TenantId tenant, RankingInput in) {
    if (in.scope() == Scope.TOWNSHIP) {
      return Mono.just(new Organization(tenant, new UUID(0, 0), null, "", "", null, null, "/", 0));
    }
    if (in.scopeId() == null) {
      throw DomainException.badRequest("SCOPE_REQUIRED", "请指定支部或组织 (scopeId)");
    }
    return organizations.find(db, tenant, Ids.parse("党组织", in.scopeId()));
  }

  /**
   * Whether the caller sees the list (true) or only their own rank (false); refused when not even that. Township
   * admins, integrating apps and secretaries (for their subtree) always see lists; members as the township's
   * ranking visibility says: SELF → own rank only, BRANCH → their branch's list, PUBLIC → every list.
   */
  private Mono<Boolean> authorize(DatabaseClient db, CurrentUser user, TenantId tenant, Scope scope, Organization root,
      java.util.Optional<Member> me) {
    if (user.managesTownship()) {
      return Mono.just(true);
    }
    Mono<Boolean> manages = scope == Scope.TOWNSHIP ? Mono.just(false) : members.manages(db, user, root.id());
    if (me.isEmpty()) {
      return manages.flatMap(ok -> ok ? Mono.just(true)
          : Mono.error(DomainException.forbidden("该账号未关联党员档案，不能查看排名")));
    }
    return manages.flatMap(ok -> ok ? Mono.just(true) : townships.get(db, tenant).map(town -> switch (town.rankingVisibility()) {
      case "PUBLIC" -> true;
      case "BRANCH" -> scope == Scope.BRANCH && me.get().branchId().equals(root.id());
      default -> false;
    }));
  }

  private Mono<Member> me(DatabaseClient db, CurrentUser user) {
    return user.memberCode().map(code -> members.getByCode(db, user.requireTenant(), code)).orElse(Mono.empty());
  }

  /** Scores by member id, best first, and mine, before names are attached. */
  record Raw(List<Map.Entry<UUID, BigDecimal>> top, Map.Entry<UUID, BigDecimal> me, int myRank, Source source,
      List<Integer> topRanks) {}

  private Mono<Raw> fromRedis(Board board, int first, UUID me) {
    String key = board.key();
    var z = redis.opsForZSet();
    // the Redis calls are timed, not the rebuild's read of PostgreSQL (a year's provisional totals take a while)
    Mono<Boolean> ready = redis.hasKey(key).timeout(REDIS_TIMEOUT.multipliedBy(3))
        .flatMap(exists -> exists ? Mono.just(true) : rebuild(board));
    Mono<List<Map.Entry<UUID, BigDecimal>>> top = z.reverseRangeWithScores(key, Range.closed(0L, (long) first - 1))
        .filter(t -> !"-".equals(t.getValue()))
        .map(t -> Map.entry(UUID.fromString(t.getValue()), score(t.getScore())))
        .collectList();
    // my score and the count above it go out together with the top list (Lettuce pipelines them)
    Mono<Object[]> mine = me == null ? Mono.just(new Object[0]) : z.score(key, me.toString())
        .flatMap(s -> rankOf(key, score(s)).map(r -> new Object[] {score(s), r}))
        .defaultIfEmpty(new Object[0]);
    return ready.then(Mono.zip(top, mine).timeout(REDIS_TIMEOUT.multipliedBy(3)))
        .map(t -> new Raw(t.getT1(), t.getT2().length == 0 ? null : Map.entry(me, (BigDecimal) t.getT2()[0]),
            t.getT2().length == 0 ? 0 : (Integer) t.getT2()[1], Source.REDIS, topRanks(t.getT1())));
  }

  /** The top of a board ranks itself: a score equal to the one above shares its rank, otherwise rank = position. */
  private static List<Integer> topRanks(List<Map.Entry<UUID, BigDecimal>> top) {
    List<Integer> ranks = new ArrayList<>(top.size());
    for (int i = 0; i < top.size(); i++) {
      boolean tie = i > 0 && top.get(i).getValue().compareTo(top.get(i - 1).getValue()) == 0;
      ranks.add(tie ? ranks.get(i - 1) : i + 1);
    }
    return ranks;
  }

  /** Competition rank: one more than the number of strictly higher scores. */
  private Mono<Integer> rankOf(String key, BigDecimal score) {
    return redis.opsForZSet().count(key, Range.rightUnbounded(Range.Bound.exclusive(score.doubleValue())))
        .map(n -> n.intValue() + 1);
  }

  /** Members per ZADD while a set is built: a million-member township is far too large for one call within the timeout. */
  private static final int CHUNK = 10_000;

  /**
   * Builds a board's set under a temporary key (same hash tag, so the same Redis Cluster slot), chunk by chunk, and
   * renames it onto the board's key at the end, so a reader never sees a half-built set. A write to the township
   * while it was being built (the board cache's generation moved: notification or this instance's mutation)
   * discards it: the read then answers from PostgreSQL, and the next read builds it again.
   */
  private Mono<Boolean> rebuild(Board board) {
    long generation = boards.generation(board.tenant());
    return scope.mono(board.tenant(), db -> scores(db, board)).flatMap(scores -> {
      String key = board.key();
      String building = key + ":building:" + UUID.randomUUID();
      var tuples = new ArrayList<org.springframework.data.redis.core.ZSetOperations.TypedTuple<String>>();
      scores.forEach((id, s) -> tuples.add(org.springframework.data.redis.core.ZSetOperations.TypedTuple.of(id.toString(), s.doubleValue())));
      if (tuples.isEmpty()) {
        tuples.add(org.springframework.data.redis.core.ZSetOperations.TypedTuple.of("-", Double.NEGATIVE_INFINITY));
      }
      Duration timeout = REDIS_TIMEOUT.multipliedBy(3);
      return reactor.core.publisher.Flux.range(0, (tuples.size() + CHUNK - 1) / CHUNK)
          .concatMap(i -> redis.opsForZSet().addAll(building, tuples.subList(i * CHUNK, Math.min(tuples.size(), (i + 1) * CHUNK))).timeout(timeout))
          .then(redis.expire(building, TTL).timeout(timeout))
          .then(Mono.defer(() -> boards.generation(board.tenant()) == generation
              ? redis.rename(building, key).timeout(timeout)
              : Mono.<Boolean>error(new IllegalStateException("the board changed while its set was built"))))
          .onErrorResume(e -> redis.delete(building).timeout(timeout).onErrorResume(x -> Mono.empty()).then(Mono.error(e)));
    });
  }

  /**
   * The truth: each member's signed total over the board's months (members without entries score 0); for the year,
   * the provisional year total by the scheme's engine, the figure the member card shows.
   */
  private Mono<Map<UUID, BigDecimal>> scores(DatabaseClient db, Board board) {
    if (board.period() == Period.YEAR) {
      return members.scoredUnder(db, board.tenant(), board.root().path()).collectList()
          .flatMap(list -> provisionalYears.of(db, board.tenant(), list, board.year()))
          .map(p -> {
            Map<UUID, BigDecimal> totals = new HashMap<>();
            p.forEach((id, v) -> totals.put(id, v.result().annualTotal()));
            return totals;
          });
    }
    return db.sql("""
            select m.member_id, coalesce(sum(case when e.kind = 'DEDUCTION' then -e.points else e.points end), 0) as score
            from member m
            left join ledger_entry e on e.tenant_id = m.tenant_id and e.member_id = m.member_id
              and e.year = :y and e.month between :from and :to and """ + LedgerEntry.COUNTS + """
            where m.tenant_id = :t and m.status = 'ACTIVE' and not m.exempt
              and m.branch_id in (select org_id from organization where tenant_id = :t and path like :prefix || '%')
            group by m.member_id""")
        .bind("t", board.tenant().value()).bind("y", board.year()).bind("from", board.fromMonth())
        .bind("to", board.toMonth()).bind("prefix", board.root().path())
        .map(r -> Map.entry(r.get("member_id", UUID.class), r.get("score", BigDecimal.class))).all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  private static Raw fromScores(Map<UUID, BigDecimal> scores, int first, UUID me) {
    List<Map.Entry<UUID, BigDecimal>> sorted = new ArrayList<>(scores.entrySet());
    sorted.sort(Map.Entry.<UUID, BigDecimal>comparingByValue().reversed().thenComparing(e -> e.getKey().toString()));
    List<Map.Entry<UUID, BigDecimal>> top = sorted.subList(0, Math.min(first, sorted.size()));
    List<Integer> ranks = topRanks(top);
    BigDecimal mine = me == null ? null : scores.get(me);
    return new Raw(top, mine == null ? null : Map.entry(me, mine), mine == null ? 0 : rank(scores, mine), Source.DATABASE, ranks);
  }

  private static int rank(Map<UUID, BigDecimal> scores, BigDecimal score) {
    return (int) scores.values().stream().filter(s -> s.compareTo(score) > 0).count() + 1;
  }

  private Mono<Ranking> names(TenantId tenant, Raw raw, boolean entriesVisible) {
    List<UUID> ids = new ArrayList<>();
    if (entriesVisible) {
      raw.top().forEach(e -> ids.add(e.getKey()));
    }
    if (raw.me() != null) {
      ids.add(raw.me().getKey());
    }
    return membersById(tenant, ids).map(byId -> {
      List<RankingEntry> entries = new ArrayList<>();
      if (entriesVisible) {
        for (int i = 0; i < raw.top().size(); i++) {
          Member m = byId.get(raw.top().get(i).getKey());
          if (m != null) {
            entries.add(new RankingEntry(raw.topRanks().get(i), m.code(), m.name(), raw.top().get(i).getValue()));
          }
        }
      }
      // ties show in member-code order, whichever store answered
      entries.sort(java.util.Comparator.comparing(RankingEntry::score, java.util.Comparator.reverseOrder())
          .thenComparing(RankingEntry::memberCode));
      RankingEntry me = null;
      if (raw.me() != null && byId.containsKey(raw.me().getKey())) {
        Member m = byId.get(raw.me().getKey());
        me = new RankingEntry(raw.myRank(), m.code(), m.name(), raw.me().getValue());
      }
      return new Ranking(entries, me, raw.source(), false);
    });
  }

  /** Members by id from the directory cache; those not cached are read in one transaction and kept. */
  private Mono<Map<UUID, Member>> membersById(TenantId tenant, List<UUID> ids) {
    Map<UUID, Member> found = new HashMap<>();
    List<UUID> missing = new ArrayList<>();
    for (UUID id : ids) {
      Member m = directory.get(tenant, new MemberKey(id));
      if (m != null) {
        found.put(id, m);
      } else {
        missing.add(id);
      }
    }
    if (missing.isEmpty()) {
      return Mono.just(found);
    }
    long generation = directory.generation(tenant);
    return scope.mono(tenant, db -> members.byIds(db, tenant, missing)).map(read -> {
      read.forEach((id, m) -> directory.put(tenant, generation, new MemberKey(id), m));
      found.putAll(read);
      return found;
    });
  }

  private record MemberKey(UUID id) {}

  private static BigDecimal score(Double d) {
    return BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP);
  }
}
