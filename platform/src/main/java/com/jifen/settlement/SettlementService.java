package com.jifen.settlement;

import com.jifen.ballot.BallotService;
import com.jifen.identity.CurrentUser;
import com.jifen.ledger.Idempotency;
import com.jifen.ledger.YearLedger;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.engine.Results;
import com.jifen.scheme.engine.Scheme;
import com.jifen.scheme.engine.ScoringEngine;
import com.jifen.scheme.engine.ScoringException;
import com.jifen.scheme.engine.SubjectYear;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import io.r2dbc.postgresql.codec.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * 年终总评: a branch's year with the year's pinned scheme version — ledger + ballot + adjustments + veto → totals,
 * stars, grades, ranks, annual-star candidates and quota. The same inputs always give the same results; each
 * computation is kept as a run, the latest is current. Also quarter summaries and star confirmation.
 */
@Service
public class SettlementService {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TenantScope scope;
  private final MemberService members;
  private final OrganizationService organizations;
  private final SchemeService schemes;
  private final BallotService ballots;
  private final Idempotency idempotency;

  SettlementService(TenantScope scope, MemberService members, OrganizationService organizations, SchemeService schemes,
      BallotService ballots, Idempotency idempotency) {
    this.idempotency = idempotency;
    this.scope = scope;
    this.members = members;
    this.organizations = organizations;
    this.schemes = schemes;
    this.ballots = ballots;
  }

  public record CodeValue(String code, BigDecimal value) {}

  public record MemberResult(UUID memberId, List<BigDecimal> itemScores, List<CodeValue> components, BigDecimal yearEndTotal,
      BigDecimal adjustment, BigDecimal annualTotal, Integer stars, String grade, boolean vetoed, List<String> vetoReasons,
      int rank, int honourCount, boolean commendable, String exactTotal) {}

  public record StarQuota(int basis, int quota, List<UUID> candidates, List<UUID> confirmed) {}

  /**
   * @param missingMonths months of the year without any item score, counted as zero and acknowledged by whoever settled
   *     (null in runs stored before months were checked)
   */
  public record Computed(List<MemberResult> members, StarQuota annualStars, List<Integer> missingMonths) {}

  public record ExemptResult(UUID memberId, String grade, String reason) {}

  public record Settlement(TenantId tenantId, UUID id, UUID branchId, int year, int run, String schemeCode, int schemeVersion,
      String computedBy, Instant computedAt, List<MemberResult> members, StarQuota annualStars, List<ExemptResult> exempt,
      List<Integer> missingMonths) {}

  public record QuarterScore(UUID memberId, BigDecimal score, int rank) {}

  public record QuarterSummary(int quarter, List<QuarterScore> scores, StarQuota stars) {}

  /** The branch, its scored members and the pinned engine. */
  private record Context(Organization branch, List<Member> scored, SchemeService.Pinned pinned) {}

  private Mono<Context> context(DatabaseClient db, CurrentUser user, TenantId tenant, UUID branchId, int year) {
    return members.requireManages(db, user, branchId, "只有本支部书记或乡镇管理员可以办理本支部的年终总评")
        .then(organizations.find(db, tenant, branchId))
        .flatMap(branch -> members.inBranch(db, tenant, branchId)
            .filter(Member::scored).collectList()
            .flatMap(scored -> {
              var category = branch.scoringCategory(scored);
              if (category.isEmpty()) {
                return Mono.error(DomainException.badRequest("EMPTY_BRANCH", "该支部没有参加积分管理的党员"));
              }
              return schemes.pinnedEngine(db, tenant, year, category.get().name()).map(p -> new Context(branch, scored, p));
            }));
  }

  // ---------------------------------------------------------------- year-end inputs

  /** A member whose year-end record the caller keeps, with the scheme pinned for the member's category. */
  private Mono<SchemeService.Pinned> managedMember(DatabaseClient db, CurrentUser user, TenantId tenant, UUID memberId, int year,
      String forbidden) {
    return members.find(db, tenant, memberId).flatMap(m -> members.requireManages(db, user, m.branchId(), forbidden)
        .then(schemes.pinnedEngine(db, tenant, year, m.category().name())));
  }

  public record RecordAdjustmentInput(String memberId, int year, String kind, String level, String reason) {}

  public Mono<UUID> recordAdjustment(CurrentUser user, RecordAdjustmentInput in) {
    TenantId tenant = user.requireTenant();
    UUID memberId = Ids.parse("党员", in.memberId());
    requireText(in.reason(), "须填写表彰或处分的依据（文件、时间）");
    return scope.mono(tenant, db -> managedMember(db, user, tenant, memberId, in.year(), "只能为本支部党员记录奖惩")
        .flatMap(p -> {
          try {
            p.engine().adjustment(List.of(new SubjectYear.Adjustment(in.kind(), in.level())));
          } catch (ScoringException e) {
            return Mono.error(DomainException.badRequest(e.code(), e.getMessage()));
          }
          UUID id = Ids.newId();
          return db.sql("insert into adjustment (tenant_id, adjustment_id, member_id, year, kind, level, reason, actor) "
                  + "values (:t, :id, :m, :y, :k, :l, :r, :a)")
              .bind("t", tenant.value()).bind("id", id).bind("m", memberId).bind("y", in.year()).bind("k", in.kind())
              .bind("l", in.level()).bind("r", in.reason().trim()).bind("a", user.username())
              .fetch().rowsUpdated().thenReturn(id);
        }));
  }

  public record RecordVetoInput(String memberId, int year, String reason, String note) {}

  public Mono<UUID> recordVeto(CurrentUser user, RecordVetoInput in) {
    TenantId tenant = user.requireTenant();
    UUID memberId = Ids.parse("党员", in.memberId());
    requireText(in.note(), "须写明一票否决的事实和依据");
    return scope.mono(tenant, db -> managedMember(db, user, tenant, memberId, in.year(), "只能为本支部党员记录一票否决")
        .flatMap(p -> {
          Scheme.Veto veto = p.engine().scheme().veto();
          if (veto == null || veto.reasons().stream().noneMatch(r -> r.code().equals(in.reason()))) {
            return Mono.error(DomainException.badRequest("UNKNOWN_VETO_REASON", "方案中没有该一票否决事项: " + in.reason()));
          }
          UUID id = Ids.newId();
          return db.sql("insert into veto (tenant_id, veto_id, member_id, year, reason_code, note, actor) values (:t, :id, :m, :y, :r, :n, :a)")
              .bind("t", tenant.value()).bind("id", id).bind("m", memberId).bind("y", in.year()).bind("r", in.reason())
              .bind("n", in.note().trim()).bind("a", user.username()).fetch().rowsUpdated().thenReturn(id);
        }));
  }

  // ---------------------------------------------------------------- settlement

  /**
   * @param acknowledgeMissingMonths the months (1–12) the caller knows have no scores and accepts as zero; settling
   *     before the year's last month or with unconfirmed months is refused unless every missing month is listed
   */
  public record SettleBranchInput(String branchId, int year, List<Integer> acknowledgeMissingMonths, String idempotencyKey) {
    public SettleBranchInput(String branchId, int year) {
      this(branchId, year, null, null);
    }

    public SettleBranchInput(String branchId, int year, List<Integer> acknowledgeMissingMonths) {
      this(branchId, year, acknowledgeMissingMonths, null);
    }
  }

  /**
   * One run, stored in one statement of one transaction, so a run is there completely or not at all. With an
   * idempotency key, a retry of a run that was stored (its answer lost to a crash or a network cut) answers that run
   * instead of storing another; the key is stored in the run's own transaction.
   */
  public Mono<Settlement> settle(CurrentUser user, SettleBranchInput in) {
    TenantId tenant = user.requireTenant();
    UUID branchId = Ids.parse("党支部", in.branchId());
    if (in.idempotencyKey() == null) {
      return scope.mono(tenant, db -> settle(db, user, tenant, branchId, in));
    }
    String canonical = branchId + "|" + in.year() + "|" + acknowledged(in.acknowledgeMissingMonths());
    return idempotency.run(tenant, in.idempotencyKey(), "settleBranch", canonical, user.username(),
        db -> settle(db, user, tenant, branchId, in).map(s -> Map.<String, Object>of("settlementId", s.id().toString())),
        stored -> scope.mono(tenant, db -> run(db, tenant, UUID.fromString((String) stored.get("settlementId")))));
  }

  private Mono<Settlement> settle(DatabaseClient db, CurrentUser user, TenantId tenant, UUID branchId, SettleBranchInput in) {
    return context(db, user, tenant, branchId, in.year())
        .flatMap(ctx -> compute(db, tenant, ctx, in.year(), acknowledged(in.acknowledgeMissingMonths())).flatMap(computed -> {
          UUID id = Ids.newId();
          return db.sql("insert into settlement (tenant_id, settlement_id, branch_id, year, run, scheme_code, scheme_version, computed_by, results) "
                  + "select :t, :id, :b, :y, coalesce(max(run), 0) + 1, :sc, :sv, :by, :r from settlement "
                  + "where tenant_id = :t and branch_id = :b and year = :y returning run, computed_at")
              .bind("t", tenant.value()).bind("id", id).bind("b", branchId).bind("y", in.year())
              .bind("sc", ctx.pinned().schemeCode()).bind("sv", ctx.pinned().version()).bind("by", user.username())
              .bind("r", Json.of(JSON.writeValueAsString(computed)))
              .map(r -> new Object[] {r.get("run", Integer.class), r.get("computed_at", OffsetDateTime.class).toInstant()})
              .one()
              .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("CONCURRENT_SETTLEMENT",
                  "另一位管理员正在结算该支部，请稍后刷新", Map.of()))
              // the run just stored, shown from what was computed rather than read back
              .flatMap(row -> assemble(db, tenant, id, branchId, in.year(), (Integer) row[0], ctx.pinned().schemeCode(),
                  ctx.pinned().version(), user.username(), (Instant) row[1], computed));
        }));
  }

  public record BranchProblem(com.jifen.organization.Organization branch, String code, String message) {}

  public record TownshipSettlement(List<Settlement> settled, List<BranchProblem> notSettled) {}

  /**
   * Every branch with scored members, each in its own transaction: one branch's gap stops no other. Two at a time,
   * in branch order: one branch's year is read from PostgreSQL while another's is computed.
   */
  public Mono<TownshipSettlement> settleTownship(CurrentUser user, int year) {
    return settleTownship(user, year, null);
  }

  /** As above; {@code acknowledgeMissingMonths} applies to every branch (see {@link SettleBranchInput}). */
  public Mono<TownshipSettlement> settleTownship(CurrentUser user, int year, List<Integer> acknowledgeMissingMonths) {
    return settleTownship(user, year, acknowledgeMissingMonths, null);
  }

  /**
   * As above; with an idempotency key each branch's run is keyed by it (a key per branch derived from it), so a retry
   * after a crash answers the branches already stored and settles only the others.
   */
  public Mono<TownshipSettlement> settleTownship(CurrentUser user, int year, List<Integer> acknowledgeMissingMonths,
      String idempotencyKey) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    if (idempotencyKey != null && (idempotencyKey.length() < 8 || idempotencyKey.length() > 100)) {
      throw DomainException.badRequest("INVALID_IDEMPOTENCY_KEY", "幂等键须为 8 到 100 个字符 (idempotencyKey)");
    }
    String keyPrefix = idempotencyKey == null ? null
        : "settleTownship:" + com.jifen.shared.Hashes.sha256(idempotencyKey).substring(0, 24) + ":";
    return scope.mono(tenant, db -> db.sql("select o.org_id from organization o where o.tenant_id = :t and o.kind = 'BRANCH' "
                + "and exists (select 1 from member m where m.tenant_id = o.tenant_id and m.branch_id = o.org_id and m.status = 'ACTIVE' "
                + "and not m.exempt) order by o.code")
            .bind("t", tenant.value()).map(r -> r.get("org_id", UUID.class)).all().collectList())
        .flatMapMany(reactor.core.publisher.Flux::fromIterable)
        .flatMapSequential(branch -> settle(user, new SettleBranchInput(branch.toString(), year, acknowledgeMissingMonths,
                keyPrefix == null ? null : keyPrefix + branch))
            .map(s -> (Object) s)
            .onErrorResume(DomainException.class, e -> scope.mono(tenant, db -> organizations.find(db, tenant, branch))
                .map(o -> (Object) new BranchProblem(o, e.code(), e.getMessage()))), 2)
        .collectList()
        .map(all -> new TownshipSettlement(
            all.stream().filter(Settlement.class::isInstance).map(Settlement.class::cast).toList(),
            all.stream().filter(BranchProblem.class::isInstance).map(BranchProblem.class::cast).toList()));
  }

  private static Set<Integer> acknowledged(List<Integer> months) {
    Set<Integer> set = new java.util.TreeSet<>(months == null ? List.of() : months);
    if (set.stream().anyMatch(m -> m < 1 || m > 12)) {
      throw DomainException.badRequest("INVALID_MONTH", "确认缺失的月份须为 1–12");
    }
    return set;
  }

  /**
   * The engine over the branch's year: pure given its inputs, so recomputing gives the same results. Months without
   * any score count zero, and must each be in {@code acknowledged} (null: not checked, for what-if).
   */
  Mono<Computed> compute(DatabaseClient db, TenantId tenant, Context ctx, int year, Set<Integer> acknowledged) {
    ScoringEngine engine = ctx.pinned().engine();
    Scheme scheme = engine.scheme();
    List<UUID> ids = ctx.scored().stream().map(Member::id).toList();
    boolean needsBallot = scheme.components().stream().anyMatch(c -> c.type() == Scheme.ComponentType.BALLOT
        || (c.type() == Scheme.ComponentType.ITEM_AVERAGE && c.ballotWeight() != null && c.ballotWeight().signum() > 0));
    Mono<Map<UUID, SubjectYear.BallotTally>> tallies = !needsBallot ? Mono.just(Map.of())
        : ballots.ofBranch(db, tenant, ctx.branch().id(), year)
            .switchIfEmpty(Mono.error(DomainException.badRequest("BALLOT_REQUIRED", "%d 年尚未进行民主测评，不能结算".formatted(year))))
            .flatMap(b -> {
              if (b.state() != com.jifen.ballot.BallotState.CLOSED) {
                return Mono.error(DomainException.badRequest("BALLOT_OPEN", "民主测评尚未结束，请先结束测评再结算"));
              }
              if (b.votes() < b.minRaters()) {
                return Mono.error(DomainException.badRequest("BALLOT_QUORUM_NOT_REACHED",
                    "民主测评人数不足：至少需要 %d 人参评，实际 %d 人；测评无结果".formatted(b.minRaters(), b.votes())));
              }
              return ballots.tallies(db, tenant, b);
            });
    return Mono.zip(YearLedger.of(db, tenant, ids, year, scheme), tallies, adjustments(db, tenant, ids, year), vetoes(db, tenant, ids, year),
            honours(db, tenant, ids, year))
        .map(t -> {
          List<SubjectYear> inputs = new ArrayList<>();
          for (Member m : ctx.scored()) {
            var ledger = t.getT1().get(m.id());
            inputs.add(new SubjectYear(m.id().toString(), ledger.monthly(), ledger.entries(),
                t.getT3().getOrDefault(m.id(), List.of()), t.getT2().get(m.id()),
                t.getT4().getOrDefault(m.id(), List.of()), t.getT5().getOrDefault(m.id(), Set.of()), null, com.jifen.ledger.ProvisionalYears.membership(m, year)));
          }
          List<Integer> missing = engine.missingMonths(inputs);
          if (acknowledged != null && !acknowledged.containsAll(missing)) {
            throw new DomainException(com.jifen.shared.ErrorKind.BAD_REQUEST, "MISSING_MONTHS_NOT_ACKNOWLEDGED",
                "%d 年有 %s 月尚无评分（未评或未确认），按 0 分计入全年（全年 12 个月）。如确需现在结算，请在 acknowledgeMissingMonths 中逐一列出这些月份"
                    .formatted(year, missing.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("、"))),
                Map.of("missingMonths", missing));
          }
          Results.BranchYearResult year1;
          try {
            year1 = engine.branchYear(inputs);
          } catch (ScoringException e) {
            throw DomainException.badRequest(e.code(), e.getMessage());
          }
          List<MemberResult> results = new ArrayList<>();
          for (var r : year1.subjects()) {
            List<CodeValue> components = scheme.components().stream()
                .map(c -> new CodeValue(c.code(), r.components().get(c.code()))).toList();
            results.add(new MemberResult(UUID.fromString(r.subjectId()), r.itemScores(), components, r.yearEndTotal(),
                r.adjustment(), r.annualTotal(), r.stars(), r.grade(), r.vetoed(), r.vetoReasons(),
                year1.ranking().rankOf(r.subjectId()), r.honourCount(), r.commendable(),
                r.exactTotal().numerator().toPlainString() + "/" + r.exactTotal().denominator()));
          }
          results.sort(java.util.Comparator.comparingInt(MemberResult::rank).thenComparing(m -> m.memberId().toString()));
          StarQuota annual = year1.annualStars() == null ? null : new StarQuota(year1.annualStars().basis(),
              year1.annualStars().quota(), year1.annualStars().candidates().stream().map(UUID::fromString).toList(), List.of());
          return new Computed(results, annual, missing);
        });
  }

  private Mono<Map<UUID, List<SubjectYear.Adjustment>>> adjustments(DatabaseClient db, TenantId tenant, List<UUID> ids, int year) {
    return db.sql("select a.member_id, a.kind, a.level from adjustment a where a.tenant_id = :t and a.year = :y "
            + "and a.member_id = any(:m) and a.withdraws is null and not exists (select 1 from adjustment w "
            + "where w.tenant_id = a.tenant_id and w.withdraws = a.adjustment_id) order by a.recorded_at")
        .bind("t", tenant.value()).bind("y", year).bind("m", ids.toArray(UUID[]::new))
        .map(r -> Map.entry(r.get("member_id", UUID.class), new SubjectYear.Adjustment(r.get("kind", String.class), r.get("level", String.class))))
        .all().collectList()
        .map(rows -> {
          Map<UUID, List<SubjectYear.Adjustment>> map = new HashMap<>();
          rows.forEach(e -> map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
          return map;
        });
  }

  private Mono<Map<UUID, Set<String>>> honours(DatabaseClient db, TenantId tenant, List<UUID> ids, int year) {
    return db.sql("select member_id, honour from honour where tenant_id = :t and year = :y and member_id = any(:m)")
        .bind("t", tenant.value()).bind("y", year).bind("m", ids.toArray(UUID[]::new))
        .map(r -> Map.entry(r.get("member_id", UUID.class), r.get("honour", String.class))).all().collectList()
        .map(rows -> {
          Map<UUID, Set<String>> map = new HashMap<>();
          rows.forEach(e -> map.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
          return map;
        });
  }

  public record RecordHonourInput(String memberId, int year, String honour, String reason) {}

  public Mono<RecordHonourInput> recordHonour(CurrentUser user, RecordHonourInput in) {
    TenantId tenant = user.requireTenant();
    UUID memberId = Ids.parse("党员", in.memberId());
    requireText(in.reason(), "须写明评定的事迹");
    return scope.mono(tenant, db -> managedMember(db, user, tenant, memberId, in.year(), "只能为本支部党员评定")
        .flatMap(p -> {
          var honours = p.engine().scheme().honours();
          if (honours == null || honours.codes().stream().noneMatch(h -> h.code().equals(in.honour()))) {
            return Mono.error(DomainException.badRequest("UNKNOWN_HONOUR", "方案中没有该荣誉: " + in.honour()));
          }
          return db.sql("insert into honour (tenant_id, member_id, year, honour, reason, actor) values (:t, :m, :y, :h, :r, :a)")
              .bind("t", tenant.value()).bind("m", memberId).bind("y", in.year()).bind("h", in.honour())
              .bind("r", in.reason().trim()).bind("a", user.username()).fetch().rowsUpdated()
              .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("ALREADY_AWARDED", "该党员本年度已获此星", Map.of()))
              .thenReturn(in);
        }));
  }

  private Mono<Map<UUID, List<String>>> vetoes(DatabaseClient db, TenantId tenant, List<UUID> ids, int year) {
    return db.sql("select v.member_id, v.reason_code from veto v where v.tenant_id = :t and v.year = :y and v.member_id = any(:m) "
            + "and v.withdraws is null and not exists (select 1 from veto w where w.tenant_id = v.tenant_id and w.withdraws = v.veto_id)")
        .bind("t", tenant.value()).bind("y", year).bind("m", ids.toArray(UUID[]::new))
        .map(r -> Map.entry(r.get("member_id", UUID.class), r.get("reason_code", String.class)))
        .all().collectList()
        .map(rows -> {
          Map<UUID, List<String>> map = new HashMap<>();
          rows.forEach(e -> map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
          return map;
        });
  }

  public record WhatIfYearInput(String branchId, int year, String draftYaml) {}

  /**
   * The question a township asks before changing its rules: a branch's recorded year (or, without a branch, every
   * branch of the township whose members the draft scores) scored with the pinned version and with a draft, member by
   * member, each named by code and name. A branch whose year cannot be scored (no ballot yet …) is listed with the
   * reason rather than failing the whole township. Nothing is stored.
   */
  public Mono<com.jifen.scheme.WhatIf.WhatIfResult> whatIfYear(CurrentUser user, WhatIfYearInput in) {
    TenantId tenant = user.requireTenant();
    ScoringEngine draft = new ScoringEngine(com.jifen.scheme.config.SchemeLoader.load("draft.yaml", in.draftYaml()));
    if (in.branchId() != null) {
      UUID branchId = Ids.parse("党支部", in.branchId());
      return scope.mono(tenant, db -> context(db, user, tenant, branchId, in.year())
          .flatMap(ctx -> whatIf(db, tenant, ctx, draft, in.year())))
          .map(changes -> com.jifen.scheme.WhatIf.WhatIfResult.of(changes, List.of()));
    }
    return scope.mono(tenant, db -> members.scoredUnder(db, tenant, "/").collectList().flatMap(all -> {
      Map<UUID, List<Member>> byBranch = new java.util.LinkedHashMap<>();
      all.stream().filter(m -> draft.scheme().categories().contains(m.category().name()))
          .forEach(m -> byBranch.computeIfAbsent(m.branchId(), b -> new ArrayList<>()).add(m));
      List<com.jifen.scheme.WhatIf.Change> changes = new ArrayList<>();
      List<String> notAnalysed = new ArrayList<>();
      return reactor.core.publisher.Flux.fromIterable(byBranch.entrySet())
          .concatMap(e -> organizations.find(db, tenant, e.getKey()).flatMap(branch -> {
            var category = branch.scoringCategory(e.getValue());
            return schemes.pinnedEngine(db, tenant, in.year(), category.orElseThrow().name())
                .flatMap(pinned -> whatIf(db, tenant, new Context(branch, e.getValue(), pinned), draft, in.year()))
                .doOnNext(changes::addAll)
                .onErrorResume(DomainException.class, failure -> {
                  notAnalysed.add("%s（%s）：%s".formatted(branch.name(), branch.code(), failure.getMessage()));
                  return Mono.empty();
                });
          }))
          .then(Mono.fromSupplier(() -> com.jifen.scheme.WhatIf.WhatIfResult.of(changes, notAnalysed)));
    }));
  }

  /** One branch's members under the pinned version and the draft. */
  private Mono<List<com.jifen.scheme.WhatIf.Change>> whatIf(DatabaseClient db, TenantId tenant, Context ctx, ScoringEngine draft, int year) {
    var draftCtx = new Context(ctx.branch(), ctx.scored(), new SchemeService.Pinned(draft.scheme().code(), 0, draft));
    return Mono.zip(compute(db, tenant, ctx, year, null), compute(db, tenant, draftCtx, year, null)).map(t -> {
      Map<UUID, MemberResult> drafts = new HashMap<>();
      t.getT2().members().forEach(r -> drafts.put(r.memberId(), r));
      Map<UUID, Member> named = new HashMap<>();
      ctx.scored().forEach(m -> named.put(m.id(), m));
      List<com.jifen.scheme.WhatIf.Change> changes = new ArrayList<>();
      for (MemberResult a : t.getT1().members()) {
        MemberResult b = drafts.get(a.memberId());
        Member m = named.get(a.memberId());
        boolean changed = a.annualTotal().compareTo(b.annualTotal()) != 0 || !java.util.Objects.equals(a.stars(), b.stars())
            || !a.grade().equals(b.grade());
        changes.add(new com.jifen.scheme.WhatIf.Change(a.memberId().toString(), m.code(), m.name(), ctx.branch().name(),
            a.annualTotal(), b.annualTotal(), a.stars(), b.stars(), a.grade(), b.grade(), changed));
      }
      return changes;
    });
  }

  public Mono<Settlement> get(CurrentUser user, String branchId, int year) {
    TenantId tenant = user.requireTenant();
    UUID branch = Ids.parse("党支部", branchId);
    return scope.mono(tenant, db -> members.manages(db, user, branch).flatMap(manages -> current(db, tenant, branch, year)
        .flatMap(s -> {
          if (manages) {
            return Mono.just(s);
          }
          // a member sees the settlement with only their own row
          return user.memberCode().map(code -> members.getByCode(user, code)
                  .filter(m -> m.branchId().equals(branch))
                  .map(m -> new Settlement(s.tenantId(), s.id(), s.branchId(), s.year(), s.run(), s.schemeCode(), s.schemeVersion(),
                      s.computedBy(), s.computedAt(), s.members().stream().filter(r -> r.memberId().equals(m.id())).toList(),
                      null, s.exempt().stream().filter(r -> r.memberId().equals(m.id())).toList(), s.missingMonths())))
              .orElse(Mono.empty())
              .switchIfEmpty(Mono.error(DomainException.forbidden("只能查看本支部的年终总评")));
        })));
  }

  public Mono<Settlement> current(DatabaseClient db, TenantId tenant, UUID branchId, int year) {
    return stored(db, tenant, db.sql("select * from settlement where tenant_id = :t and branch_id = :b and year = :y order by run desc limit 1")
        .bind("t", tenant.value()).bind("b", branchId).bind("y", year));
  }

  /** One run by its id, whether or not it is still the current one. */
  private Mono<Settlement> run(DatabaseClient db, TenantId tenant, UUID settlementId) {
    return stored(db, tenant, db.sql("select * from settlement where tenant_id = :t and settlement_id = :id")
        .bind("t", tenant.value()).bind("id", settlementId));
  }

  private Mono<Settlement> stored(DatabaseClient db, TenantId tenant, DatabaseClient.GenericExecuteSpec select) {
    return select
        .map(r -> new Object[] {r.get("settlement_id", UUID.class), r.get("run", Integer.class), r.get("scheme_code", String.class),
            r.get("scheme_version", Integer.class), r.get("computed_by", String.class), r.get("computed_at", OffsetDateTime.class),
            r.get("results", Json.class).asString(), r.get("branch_id", UUID.class), r.get("year", Integer.class)})
        .one()
        .flatMap(row -> assemble(db, tenant, (UUID) row[0], (UUID) row[7], (Integer) row[8], (Integer) row[1], (String) row[2],
            (Integer) row[3], (String) row[4], ((OffsetDateTime) row[5]).toInstant(), JSON.readValue((String) row[6], Computed.class)));
  }

  /** A run as shown: its computed results with the branch's exempt grades and the annual stars confirmed so far. */
  private Mono<Settlement> assemble(DatabaseClient db, TenantId tenant, UUID id, UUID branchId, int year, int run,
      String schemeCode, int schemeVersion, String computedBy, Instant computedAt, Computed c) {
    return Mono.zip(exempt(db, tenant, branchId, year), awarded(db, tenant, branchId, year, "Y")).map(t -> {
      StarQuota annual = c.annualStars() == null ? null
          : new StarQuota(c.annualStars().basis(), c.annualStars().quota(), c.annualStars().candidates(), t.getT2());
      return new Settlement(tenant, id, branchId, year, run, schemeCode, schemeVersion, computedBy, computedAt, c.members(),
          annual, t.getT1(), c.missingMonths() == null ? List.of() : c.missingMonths());
    });
  }

  private Mono<List<ExemptResult>> exempt(DatabaseClient db, TenantId tenant, UUID branchId, int year) {
    return db.sql("select g.member_id, g.grade, g.reason from exempt_grade g join member m on m.tenant_id = g.tenant_id "
            + "and m.member_id = g.member_id where g.tenant_id = :t and g.year = :y and m.branch_id = :b")
        .bind("t", tenant.value()).bind("y", year).bind("b", branchId)
        .map(r -> new ExemptResult(r.get("member_id", UUID.class), r.get("grade", String.class), r.get("reason", String.class)))
        .all().collectList();
  }

  private Mono<List<UUID>> awarded(DatabaseClient db, TenantId tenant, UUID branchId, int year, String period) {
    return db.sql("select member_id from star_award where tenant_id = :t and branch_id = :b and year = :y and period = :p order by member_id")
        .bind("t", tenant.value()).bind("b", branchId).bind("y", year).bind("p", period)
        .map(r -> r.get("member_id", UUID.class)).all().collectList();
  }

  public record GradeExemptInput(String memberId, int year, String grade, String reason) {}

  public Mono<ExemptResult> gradeExempt(CurrentUser user, GradeExemptInput in) {
    TenantId tenant = user.requireTenant();
    UUID memberId = Ids.parse("党员", in.memberId());
    requireText(in.reason(), "须写明直接评定等次的理由");
    return scope.mono(tenant, db -> members.find(db, tenant, memberId).flatMap(m -> {
      if (!m.exempt()) {
        return Mono.error(DomainException.badRequest("NOT_EXEMPT", "只有不列入积分管理的党员才由支部直接评定等次"));
      }
      return members.requireManages(db, user, m.branchId(), "只能评定本支部党员")
          .then(schemes.pinnedEngine(db, tenant, in.year(), m.category().name()))
          .flatMap(p -> {
            if (p.engine().scheme().gradeBands().stream().noneMatch(b -> b.grade().equals(in.grade()))) {
              return Mono.error(DomainException.badRequest("UNKNOWN_GRADE", "方案中没有等次 " + in.grade()));
            }
            return db.sql("insert into exempt_grade (tenant_id, member_id, year, grade, reason, actor) values (:t, :m, :y, :g, :r, :a)")
                .bind("t", tenant.value()).bind("m", memberId).bind("y", in.year()).bind("g", in.grade())
                .bind("r", in.reason().trim()).bind("a", user.username()).fetch().rowsUpdated()
                .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("ALREADY_GRADED", "该党员本年度已评定等次", Map.of()))
                .thenReturn(new ExemptResult(memberId, in.grade(), in.reason().trim()));
          });
    }));
  }

  // ---------------------------------------------------------------- quarters and stars

  public Mono<QuarterSummary> quarter(CurrentUser user, String branchId, int year, int quarter) {
    TenantId tenant = user.requireTenant();
    UUID branch = Ids.parse("党支部", branchId);
    if (quarter < 1 || quarter > 4) {
      throw DomainException.badRequest("INVALID_PERIOD", "季度须为 1–4");
    }
    return scope.mono(tenant, db -> context(db, user, tenant, branch, year).flatMap(ctx -> quarterSummary(db, tenant, ctx, year, quarter)));
  }

  private Mono<QuarterSummary> quarterSummary(DatabaseClient db, TenantId tenant, Context ctx, int year, int quarter) {
    ScoringEngine engine = ctx.pinned().engine();
    List<UUID> ids = ctx.scored().stream().map(Member::id).toList();
    return Mono.zip(YearLedger.of(db, tenant, ids, year, engine.scheme()), awarded(db, tenant, ctx.branch().id(), year, "Q" + quarter))
        .map(t -> {
          List<SubjectYear> inputs = ids.stream().map(id -> SubjectYear.ofMonthly(id.toString(), t.getT1().get(id).monthly(), null, List.of())).toList();
          Results.QuarterResult q = engine.quarters(inputs).get(quarter - 1);
          List<QuarterScore> scores = new ArrayList<>();
          q.ranking().ranks().forEach((id, rank) -> scores.add(new QuarterScore(UUID.fromString(id), q.scores().get(id), rank)));
          StarQuota stars = q.stars() == null ? new StarQuota(0, 0, List.of(), t.getT2())
              : new StarQuota(q.stars().basis(), q.stars().quota(), q.stars().candidates().stream().map(UUID::fromString).toList(), t.getT2());
          return new QuarterSummary(quarter, scores, stars);
        });
  }

  public record ConfirmStarsInput(String branchId, int year, String period, List<String> memberIds) {}

  /** The branch confirms stars from the candidates; the quota holds, even when ties made more candidates. */
  public Mono<List<UUID>> confirmStars(CurrentUser user, ConfirmStarsInput in) {
    TenantId tenant = user.requireTenant();
    UUID branch = Ids.parse("党支部", in.branchId());
    List<UUID> chosen = in.memberIds().stream().map(id -> Ids.parse("党员", id)).toList();
    if (!List.of("Q1", "Q2", "Q3", "Q4", "Y").contains(in.period())) {
      throw DomainException.badRequest("INVALID_PERIOD", "period 应为 Q1–Q4 或 Y");
    }
    return scope.mono(tenant, db -> context(db, user, tenant, branch, in.year()).flatMap(ctx -> {
      Mono<StarQuota> quota = in.period().equals("Y")
          ? current(db, tenant, branch, in.year()).map(Settlement::annualStars)
              .switchIfEmpty(Mono.error(DomainException.badRequest("NOT_SETTLED", "年终总评尚未结算，不能评选年度之星")))
          : quarterSummary(db, tenant, ctx, in.year(), Integer.parseInt(in.period().substring(1))).map(QuarterSummary::stars);
      return quota.flatMap(q -> {
        if (!q.confirmed().isEmpty()) {
          return Mono.error(DomainException.conflict("STARS_CONFIRMED", "本期之星已确认", Map.of()));
        }
        try {
          ScoringEngine.confirmStars(new Results.StarQuota(q.basis(), q.quota(), q.candidates().stream().map(UUID::toString).toList()),
              chosen.stream().map(UUID::toString).toList());
        } catch (ScoringException e) {
          return Mono.error(DomainException.badRequest(e.code(), e.getMessage()));
        }
        return db.sql("insert into star_award (tenant_id, branch_id, year, period, member_id, actor) "
                + "select :t, :b, :y, :p, m, :a from unnest(:m::uuid[]) as u(m)")
            .bind("t", tenant.value()).bind("b", branch).bind("y", in.year()).bind("p", in.period())
            .bind("m", chosen.toArray(UUID[]::new)).bind("a", user.username())
            .fetch().rowsUpdated().thenReturn(chosen);
      });
    }));
  }

  // ---------------------------------------------------------------- sheets

  /** What a printed form needs besides the run: the members' names, the branch and the scheme version that scored it. */
  private record SheetContext(Settlement settlement, Map<UUID, Member> names, Organization branch, Scheme scheme) {}

  /**
   * 党员年度综合得分登记表: item year scores under the items' names, the formula's components under theirs (基础分,
   * 加分, 测评分 …), totals, stars, grade and rank of every member.
   */
  public Mono<com.jifen.shared.Xlsx.File> summaryXlsx(CurrentUser user, String branchId, int year) {
    return sheetOf(user, branchId, year, false, ctx -> {
      Settlement s = ctx.settlement();
      List<String> headers = new ArrayList<>(List.of("序号", "编号", "姓名"));
      boolean itemScores = !s.members().isEmpty() && !s.members().getFirst().itemScores().isEmpty();
      if (itemScores) {
        ctx.scheme().items().forEach(i -> headers.add(i.name()));
      }
      ctx.scheme().components().forEach(c -> headers.add(c.name()));
      headers.addAll(List.of("年终总积分", "奖惩加减分", "年度总积分", "星级", "等次", "名次"));
      List<List<Object>> rows = new ArrayList<>();
      int no = 1;
      for (MemberResult r : s.members()) {
        Member m = ctx.names().get(r.memberId());
        List<Object> row = new ArrayList<>(List.of(no++, m.code(), m.name()));
        if (itemScores) {
          row.addAll(r.itemScores());
        }
        r.components().forEach(c -> row.add(c.value()));
        row.addAll(java.util.Arrays.asList(r.yearEndTotal(), r.adjustment(), r.annualTotal(),
            r.stars() == null ? "" : r.stars(), gradeName(r.grade()) + (r.vetoed() ? "（一票否决）" : ""), r.rank()));
        rows.add(row);
      }
      for (ExemptResult e : s.exempt()) {
        Member m = ctx.names().get(e.memberId());
        rows.add(new ArrayList<>(List.of(no++, m.code(), m.name(), "不列入积分管理：" + e.reason(), gradeName(e.grade()))));
      }
      return com.jifen.shared.Xlsx.write("年度综合得分登记表", "%s %d 年度党员综合得分登记表".formatted(ctx.branch().name(), year), headers, rows);
    }, "year-summary");
  }

  /** 公示栏: what the branch posts on its board: name, stars, grade, annual star. Its members may download it too. */
  public Mono<com.jifen.shared.Xlsx.File> boardXlsx(CurrentUser user, String branchId, int year) {
    return sheetOf(user, branchId, year, true, ctx -> {
      Settlement s = ctx.settlement();
      Set<UUID> annualStars = new HashSet<>(s.annualStars() == null ? List.of() : s.annualStars().confirmed());
      List<List<Object>> rows = new ArrayList<>();
      int no = 1;
      for (MemberResult r : s.members()) {
        rows.add(new ArrayList<>(List.of(no++, ctx.names().get(r.memberId()).name(), r.stars() == null ? "" : r.stars() + " 星",
            gradeName(r.grade()), annualStars.contains(r.memberId()) ? "年度之星" : "")));
      }
      for (ExemptResult e : s.exempt()) {
        rows.add(new ArrayList<>(List.of(no++, ctx.names().get(e.memberId()).name(), "", gradeName(e.grade()), "")));
      }
      return com.jifen.shared.Xlsx.write("公示栏",
          "%s %d 年度党员评星定格公示（公示期内如有异议请向党支部反映）".formatted(ctx.branch().name(), year),
          List.of("序号", "姓名", "星级", "等次", "年度之星"), rows);
    }, "board");
  }

  /**
   * The current run of a branch's year as a form; the file is named by the branch's code. {@code membersToo}: a member
   * of the branch may download it (the public board), otherwise only its secretary and the township.
   */
  private Mono<com.jifen.shared.Xlsx.File> sheetOf(CurrentUser user, String branchId, int year, boolean membersToo,
      java.util.function.Function<SheetContext, byte[]> render, String name) {
    TenantId tenant = user.requireTenant();
    UUID branch = Ids.parse("党支部", branchId);
    return scope.mono(tenant, db -> members.manages(db, user, branch)
        .flatMap(manages -> manages || !membersToo ? Mono.just(manages) : user.memberCode()
            .map(code -> members.getByCode(db, tenant, code).map(m -> m.branchId().equals(branch)).defaultIfEmpty(false))
            .orElse(Mono.just(false)))
        .flatMap(ok -> ok ? Mono.<Void>empty() : Mono.error(DomainException.forbidden(
            membersToo ? "只能下载本支部的公示栏" : "只有本支部书记或乡镇管理员可以导出")))
        .then(current(db, tenant, branch, year))
        .switchIfEmpty(Mono.error(DomainException.badRequest("NOT_SETTLED", "该支部本年度尚未结算")))
        .flatMap(s -> {
          List<UUID> ids = new ArrayList<>(s.members().stream().map(MemberResult::memberId).toList());
          s.exempt().forEach(e -> ids.add(e.memberId()));
          return Mono.zip(members.byIds(db, tenant, ids), organizations.find(db, tenant, branch),
                  schemes.engine(tenant, db, s.schemeCode(), s.schemeVersion()))
              .map(t -> com.jifen.shared.Xlsx.File.xlsx("%s-%d-%s.xlsx".formatted(name, year, t.getT2().code()),
                  render.apply(new SheetContext(s, t.getT1(), t.getT2(), t.getT3().scheme()))));
        }));
  }

  public static String gradeName(String grade) {
    return switch (grade) {
      case "EXCELLENT" -> "优秀";
      case "QUALIFIED" -> "合格";
      case "BASIC" -> "基本合格";
      case "UNQUALIFIED" -> "不合格";
      default -> grade;
    };
  }

  private static void requireText(String text, String message) {
    if (text == null || text.isBlank()) {
      throw DomainException.badRequest("REASON_REQUIRED", message);
    }
  }
}
