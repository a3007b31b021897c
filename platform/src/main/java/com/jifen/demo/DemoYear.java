package com.jifen.demo;

import com.jifen.ballot.BallotService;
import com.jifen.identity.CurrentUser;
import com.jifen.identity.Role;
import com.jifen.ledger.RankingService;
import com.jifen.publication.PublicationService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.ShippedSchemes;
import com.jifen.scheme.engine.Scheme;
import com.jifen.settlement.SettlementService;
import com.jifen.shared.MemberId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A living demo year for loaded townships: the previous year complete (monthly sheets confirmed and published,
 * additions and deductions with evidence, ballots cast and closed, settlement, stars, a publication window with
 * objections and answers, final results, notices, S4 organization assessments) and the current year up to the month
 * before last. The raw inputs are written in set-based SQL ({@link DemoYearSql}); what the product computes (ballot
 * tallies, settlement, star quotas, publication windows, final results) goes through the services, so the demo shows
 * what the product would have produced. Idempotent: a township with a ledger for the previous year is left alone.
 */
@Component
public class DemoYear {
  private static final Logger log = LoggerFactory.getLogger(DemoYear.class);

  private final TenantScope scope;
  private final SchemeService schemes;
  private final BallotService ballots;
  private final SettlementService settlements;
  private final PublicationService publications;
  private final RankingService rankings;
  private final Clock clock;

  DemoYear(TenantScope scope, SchemeService schemes, BallotService ballots, SettlementService settlements,
      PublicationService publications, RankingService rankings, Clock clock) {
    this.scope = scope;
    this.schemes = schemes;
    this.ballots = ballots;
    this.settlements = settlements;
    this.publications = publications;
    this.rankings = rankings;
    this.clock = clock;
  }

  /** The branches one pinned scheme scores in a township. */
  private record Scored(SchemeService.Pinned pinned, UUID[] branches) {
    Scheme scheme() {
      return pinned.engine().scheme();
    }
  }

  /**
   * Loads the year into each township (already loaded by {@link DemoLoader}); townships done before are skipped. Three
   * townships at a time: each is one transaction of its own, and one's SQL runs while another's settlement computes.
   */
  public Mono<Long> load(List<TenantId> townships) {
    return Flux.fromIterable(townships).flatMap(this::load, 3).reduce(0L, Long::sum);
  }

  private Mono<Long> load(TenantId tenant) {
    LocalDate today = LocalDate.now(clock);
    int current = today.getYear();
    int previous = current - 1;
    // the current year runs up to last month; this month's sheets are the secretaries' work in progress
    int currentMonths = today.getMonthValue() - 1;
    CurrentUser clerk = new CurrentUser("demo", "示范数据", Set.of(Role.TENANT_ADMIN), Optional.of(tenant), Optional.empty(),
        Optional.empty(), Optional.empty());
    long start = System.nanoTime();
    return scope.inTx(tenant, tx -> DemoYearSql.hasYear(tx, previous)).flatMap(present -> present ? Mono.just(0L)
        : inputs(tenant, previous, current, currentMonths)
            .flatMap(rows -> closeBallots(clerk, previous)
                .then(scope.inTx(tenant, tx -> DemoYearSql.branchesByCodeDescending(tx)))
                .flatMap(byCode -> settle(clerk, previous, byCode.stream().findFirst())
                    .flatMap(settled -> quarterStars(clerk, tenant, previous, 4).then(quarterStars(clerk, tenant, current, currentMonths / 3))
                        .then(publish(clerk, tenant, settled, Unfinished.of(byCode, settled), previous, current, today))))
                .then(organizationAssessments(tenant, previous))
                .then(rankings.invalidateTownship(tenant))
                .doOnSuccess(v -> log.info("demo year for {}: {} input rows, {} s", tenant, rows, (System.nanoTime() - start) / 1_000_000_000))
                .thenReturn(rows)));
  }

  /** Everything a township's clerks enter, in one tenant transaction: all of it or, on failure, nothing. */
  private Mono<Long> inputs(TenantId tenant, int previous, int current, int currentMonths) {
    return scope.inTx(tenant, tx -> DemoYearSql.planForFreshRows(tx)
        .then(DemoYearSql.pinYear(tx, current, previous, clock.instant()))
        .then(DemoYearSql.calendar(tx))
        .then(scored(tx, previous))
        .flatMap(groups -> Flux.fromIterable(groups).concatMap(g -> year(tx, g, previous, 12)
                .flatMap(n -> currentMonths == 0 ? Mono.just(n) : year(tx, g, current, currentMonths).map(m -> n + m))
                .flatMap(n -> yearEnd(tx, g, previous).map(m -> n + m)))
            .reduce(0L, Long::sum))
        .flatMap(n -> DemoYearSql.exemptGrades(tx, previous).map(m -> n + m)));
  }

  /** Branches by the scheme pinned for their category. */
  private Mono<List<Scored>> scored(TenantTx tx, int year) {
    return DemoYearSql.branches(tx).flatMap(branches -> {
      Map<String, List<UUID>> byCategory = new LinkedHashMap<>();
      branches.forEach(b -> byCategory.computeIfAbsent(b.category(), k -> new ArrayList<>()).add(b.id()));
      return Flux.fromIterable(byCategory.entrySet())
          .concatMap(e -> schemes.pinnedEngine(tx, year, e.getKey())
              .map(p -> new Scored(p, e.getValue().toArray(UUID[]::new))))
          .collectList();
    });
  }

  /** A year's months: sheets, item scores, additions and deductions, the published snapshots. */
  private Mono<Long> year(TenantTx tx, Scored g, int year, int months) {
    Scheme s = g.scheme();
    List<Scheme.Item> monthly = s.items().stream().filter(i -> i.frequency() == Scheme.Frequency.MONTHLY).toList();
    String[] items = monthly.stream().map(Scheme.Item::code).toArray(String[]::new);
    Mono<Long> scores = items.length == 0 ? Mono.just(0L) : DemoYearSql.itemScores(tx, g.branches(), year, months,
        g.pinned().schemeCode(), g.pinned().version(), items, monthly.stream().map(Scheme.Item::min).toArray(BigDecimal[]::new),
        monthly.stream().map(Scheme.Item::max).toArray(BigDecimal[]::new));
    Mono<Long> entries = Flux.fromIterable(s.entryKinds())
        .filter(k -> k.direction() != Scheme.EntryDirection.ITEM_SCORE)
        .concatMap(k -> DemoYearSql.entries(tx, g.branches(), year, months, g.pinned().schemeCode(), g.pinned().version(),
            k.code(), k.name(), k.direction().name(), k.min(), k.max(), k.capPerYear()))
        .reduce(0L, Long::sum);
    return DemoYearSql.monthSheets(tx, g.branches(), year, months)
        .then(scores).flatMap(n -> entries.map(m -> n + m))
        .flatMap(n -> DemoYearSql.publishedSheets(tx, g.branches(), year, items).thenReturn(n));
  }

  /** The year-end inputs: the ballot and its votes, awards and sanctions, honours, a veto. */
  private Mono<Long> yearEnd(TenantTx tx, Scored g, int year) {
    Scheme s = g.scheme();
    List<Mono<Long>> steps = new ArrayList<>();
    if (s.ballot() != null) {
      Scheme.Ballot b = s.ballot();
      String[] groups = b.groups() == null ? new String[0] : b.groups().stream().map(Scheme.RaterGroup::code).toArray(String[]::new);
      String[] options = b.options() == null ? new String[0] : b.options().stream().map(Scheme.VoteOption::code).toArray(String[]::new);
      String[] items = s.items().stream().map(Scheme.Item::code).toArray(String[]::new);
      steps.add(DemoYearSql.ballots(tx, g.branches(), year, g.pinned().schemeCode(), g.pinned().version(), b.form().name(),
              b.minRaters(), groups)
          .then(DemoYearSql.ballotScores(tx, g.branches(), year, b.form().name(), items, options, b.max())));
    }
    if (s.adjustmentGroups() != null && s.adjustmentGroups().size() >= 2) {
      var award = s.adjustmentGroups().stream().filter(a -> a.sign() > 0).findFirst();
      var sanction = s.adjustmentGroups().stream().filter(a -> a.sign() < 0).findFirst();
      if (award.isPresent() && sanction.isPresent()) {
        var ak = award.get().kinds().getFirst();
        var sk = sanction.get().kinds().getLast();
        steps.add(DemoYearSql.adjustments(tx, g.branches(), year, ak.code(), lowest(ak.levels()), sk.code(), lowest(sk.levels())));
      }
    }
    if (s.honours() != null) {
      steps.add(DemoYearSql.honours(tx, g.branches(), year, s.honours().codes().stream().map(Scheme.VetoReason::code).toArray(String[]::new)));
    }
    if (s.veto() != null && !s.veto().reasons().isEmpty()) {
      steps.add(DemoYearSql.veto(tx, g.branches(), year, s.veto().reasons().getLast().code()));
    }
    return Flux.concat(steps).reduce(0L, Long::sum);
  }

  /** The level worth least: a county-level award, a unit-level criticism. */
  private static String lowest(Map<String, BigDecimal> levels) {
    return levels.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
  }

  private Mono<Void> closeBallots(CurrentUser clerk, int year) {
    TenantId tenant = clerk.requireTenant();
    return scope.inTx(tenant, tx -> DemoYearSql.openBallots(tx, year))
        .flatMapMany(Flux::fromIterable)
        .concatMap(id -> ballots.close(clerk, id.toString()))
        .then();
  }

  /**
   * Where a township administrator finds some branches in late January, so that the console's year end has work left:
   * the township's last branch (by code) settled but not yet reviewed, starred or published, and the last one before it
   * with members to follow up (graded basic or unqualified) published, its window closed, one objection still
   * unanswered, not final, no notices. A window cannot start in the past through the API (PublicationService.publish),
   * so only such data lets the console answer, finalize and issue notices.
   */
  private record Unfinished(Optional<UUID> toPublish, Optional<UUID> toFinalize) {
    private static final Set<String> FOLLOWED_UP = Set.of("BASIC", "UNQUALIFIED");

    static Unfinished of(List<UUID> byCodeDescending, List<SettlementService.Settlement> settled) {
      Set<UUID> withFollowUps = settled.stream().filter(s -> s.members().stream().anyMatch(m -> FOLLOWED_UP.contains(m.grade())))
          .map(s -> s.branchId().value()).collect(Collectors.toSet());
      List<UUID> others = byCodeDescending.stream().skip(1).toList();
      return new Unfinished(byCodeDescending.stream().findFirst(),
          others.stream().filter(withFollowUps::contains).findFirst().or(() -> others.stream().findFirst()));
    }

    boolean publishes(UUID branch) {
      return toPublish.filter(branch::equals).isEmpty();
    }

    boolean finalizes(UUID branch) {
      return publishes(branch) && toFinalize.filter(branch::equals).isEmpty();
    }
  }

  /** Settles the township and confirms each branch's annual stars from the candidates, up to the quota. */
  private Mono<List<SettlementService.Settlement>> settle(CurrentUser clerk, int year, Optional<UUID> leftUnstarred) {
    return settlements.settleTownship(clerk, year).flatMap(result -> {
      if (!result.notSettled().isEmpty()) {
        log.warn("demo year: {} branches not settled, first: {}", result.notSettled().size(), result.notSettled().getFirst());
      }
      return Flux.fromIterable(result.settled())
          .filter(s -> leftUnstarred.filter(s.branchId().value()::equals).isEmpty())
          .filter(s -> s.annualStars() != null && s.annualStars().quota() > 0 && !s.annualStars().candidates().isEmpty())
          .concatMap(s -> settlements.confirmStars(clerk, new SettlementService.ConfirmStarsInput(s.branchId().toString(), year, "Y",
              s.annualStars().candidates().stream().limit(s.annualStars().quota()).map(MemberId::toString).toList())))
          .then(Mono.just(result.settled()));
    });
  }

  /** Quarter stars of the schemes that award them, for each complete quarter. */
  private Mono<Void> quarterStars(CurrentUser clerk, TenantId tenant, int year, int quarters) {
    if (quarters == 0) {
      return Mono.empty();
    }
    return scope.inTx(tenant, tx -> scored(tx, year))
        .flatMapMany(Flux::fromIterable)
        .filter(g -> g.scheme().quarterStars() != null)
        .flatMapIterable(g -> List.of(g.branches()))
        .concatMap(branch -> Flux.range(1, quarters).concatMap(q -> settlements.quarter(clerk, branch.toString(), year, q)
            .filter(summary -> summary.stars() != null && summary.stars().quota() > 0 && !summary.stars().candidates().isEmpty())
            .flatMap(summary -> settlements.confirmStars(clerk, new SettlementService.ConfirmStarsInput(branch.toString(), year, "Q" + q,
                summary.stars().candidates().stream().limit(summary.stars().quota()).map(MemberId::toString).toList())))))
        .then();
  }

  /**
   * 张榜公示 from the second Monday of January, objections filed and answered within the window, final results once it
   * closed, notices ten days later; except where {@link Unfinished} stops.
   */
  private Mono<Void> publish(CurrentUser clerk, TenantId tenant, List<SettlementService.Settlement> settled, Unfinished unfinished,
      int year, int current, LocalDate today) {
    LocalDate starts = LocalDate.of(current, 1, 8).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    if (!starts.plusWeeks(3).isBefore(today)) {
      return Mono.empty();
    }
    return Flux.fromIterable(settled)
        .filter(s -> unfinished.publishes(s.branchId().value()))
        .concatMap(s -> publications.importPastWindow(clerk, new PublicationService.PublishSettlementInput(s.branchId().toString(), year, starts)))
        .then(scope.inTx(tenant, tx -> DemoYearSql.objections(tx, year, current)))
        .then(Mono.justOrEmpty(unfinished.toFinalize())
            .flatMap(branch -> scope.inTx(tenant, tx -> DemoYearSql.unansweredObjection(tx, year, branch))))
        .thenMany(Flux.fromIterable(settled))
        .filter(s -> unfinished.finalizes(s.branchId().value()))
        .concatMap(s -> publications.finalizeResults(clerk, new PublicationService.FinalizeSettlementInput(s.branchId().toString(), year)))
        .then(scope.inTx(tenant, tx -> DemoYearSql.notices(tx, year, today)))
        .then();
  }

  /** S4 rates the township's branches as organizations. */
  private Mono<Void> organizationAssessments(TenantId tenant, int year) {
    String yaml = ShippedSchemes.yamlByCode().get("S4-branch-promotion");
    if (yaml == null) {
      return Mono.empty();
    }
    return schemes.publish(tenant, "demo", yaml, "示范方案 (seed scheme)")
        .flatMap(v -> scope.inTx(tenant, tx -> DemoYearSql.organizationAssessments(tx, year, v.schemeCode(), v.version())))
        .then();
  }
}
