package com.jifen.ledger;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.organization.OrganizationService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.Sql;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Additions and deductions (加分/扣分) one at a time with reason, date and evidence, and corrections of any
 * entry: a reversing entry plus a new one. Ranges and monthly caps of the pinned scheme version are enforced
 * here; the yearly cap limits what counts, in the engine.
 */
@Service
public class EntryService {
  private final TenantScope scope;
  private final MemberService members;
  private final OrganizationService organizations;
  private final SchemeService schemes;
  private final Idempotency idempotency;
  private final RankingService rankings;
  private final ProvisionalYears provisionalYears;
  private final Clock clock = Clock.systemDefaultZone();

  EntryService(TenantScope scope, MemberService members, OrganizationService organizations, SchemeService schemes,
      Idempotency idempotency, RankingService rankings, ProvisionalYears provisionalYears) {
    this.provisionalYears = provisionalYears;
    this.scope = scope;
    this.members = members;
    this.organizations = organizations;
    this.schemes = schemes;
    this.idempotency = idempotency;
    this.rankings = rankings;
  }

  public record PostEntryInput(String memberId, String kind, BigDecimal points, LocalDate occurredOn, String reason,
      Evidence.Input evidence, String idempotencyKey) {}

  public record CorrectEntryInput(String entryId, BigDecimal points, String reason, String idempotencyKey) {}

  public record Correction(LedgerEntry reversal, LedgerEntry replacement) {}

  public Mono<LedgerEntry> post(CurrentUser user, PostEntryInput in) {
    TenantId tenant = user.requireTenant();
    UUID memberId = Ids.parse("党员", in.memberId());
    if (in.occurredOn() == null || in.occurredOn().isAfter(LocalDate.now(clock))) {
      throw DomainException.badRequest("INVALID_DATE", "发生日期不能为空，也不能晚于今天");
    }
    YearMonth period = Sheets.period(in.occurredOn().getYear(), in.occurredOn().getMonthValue(), LocalDate.now(clock));
    requireReason(in.reason());
    Evidence.Upload upload = in.evidence() == null ? null : Evidence.check(in.evidence());
    String canonical = String.join("|", memberId.toString(), in.kind(), plain(in.points()), in.occurredOn().toString(),
        in.reason().trim(), upload == null ? "" : upload.note() + "|" + upload.mediaType() + "|"
            + (upload.content() == null ? "" : com.jifen.shared.Hashes.sha256(upload.content())));
    return idempotency.run(tenant, in.idempotencyKey(), "postEntry", canonical, user.username(),
        db -> members.lock(db, tenant, memberId).flatMap(member -> requireManages(db, user, member).then(Mono.defer(() -> {
          Sheets.requireScored(member);
          return Sheets.state(db, tenant, member.branchId(), period.getYear(), period.getMonthValue());
        })).flatMap(state -> {
          if (state == Sheets.State.PUBLISHED) {
            return Mono.error(DomainException.badRequest("MONTH_PUBLISHED",
                "%s 的积分已公示，不能再录入；如需修改请使用更正（须填写原因）".formatted(period)));
          }
          return schemes.pinnedEngine(db, tenant, period.getYear(), member.category().name());
        }).flatMap(pinned -> {
          Scheme.EntryKind kind = pinned.engine().scheme().entryKind(in.kind())
              .filter(k -> k.direction() != Scheme.EntryDirection.ITEM_SCORE)
              .orElseThrow(() -> DomainException.badRequest("UNKNOWN_ENTRY_KIND",
                  "方案 %s 中没有加减分类别 %s".formatted(pinned.schemeCode(), in.kind())));
          requireInRange(kind, in.points());
          return requireWithinMonthCap(db, tenant, member, period, kind, in.points(), null)
              .then(requireEvidenceRoom(db, tenant, member.id(), period, upload))
              .then(insertEvidence(db, tenant, user, upload))
              .flatMap(evidenceId -> insert(db, tenant, user, member.id(), member.branchId(), period,
                  LedgerEntry.Kind.valueOf(kind.direction().name()), kind.code(), in.points(), null, null,
                  in.reason().trim(), in.occurredOn(), evidenceId.orElse(null), pinned.schemeCode(), pinned.version(),
                  kind.approval() != null));
        })).map(id -> Map.<String, Object>of("entryId", id.toString())),
        response -> entry(tenant, UUID.fromString((String) response.get("entryId"))))
        .flatMap(entry -> invalidate(tenant, entry).thenReturn(entry));
  }

  /**
   * What the secretary should know at entry: the member's year of this kind now exceeds the scheme's cap, so the excess
   * will not count (the entry is kept). Read from the engine's own cuts, the rule the settlement applies.
   */
  public Mono<List<String>> capWarnings(CurrentUser user, LedgerEntry entry) {
    if (entry.kind() == LedgerEntry.Kind.ITEM_SCORE) {
      return Mono.just(List.of());
    }
    TenantId tenant = user.requireTenant();
    return scope.mono(tenant, db -> members.find(db, tenant, entry.memberId())
        .flatMap(m -> provisionalYears.of(db, tenant, List.of(m), entry.year()))
        .map(p -> p.values().stream().flatMap(v -> v.result().cuts().stream())
            .filter(c -> c.entryKind().equals(entry.code()))
            .map(c -> "超过上限：本年已记 %s 分，%s，超出的 %s 分不计入年度总分（本条记录已保存）".formatted(
                c.recorded().toPlainString(), c.reason(), c.recorded().subtract(c.counted()).toPlainString()))
            .toList()));
  }

  public Mono<Correction> correct(CurrentUser user, CorrectEntryInput in) {
    TenantId tenant = user.requireTenant();
    UUID entryId = Ids.parse("积分记录", in.entryId());
    requireReason(in.reason());
    String canonical = entryId + "|" + (in.points() == null ? "remove" : plain(in.points())) + "|" + in.reason().trim();
    return idempotency.run(tenant, in.idempotencyKey(), "correctEntry", canonical, user.username(),
        db -> find(db, tenant, entryId).flatMap(original -> {
          if (original.reverses() != null) {
            return Mono.error(DomainException.badRequest("IS_REVERSAL", "冲销记录不能再更正；请更正原记录"));
          }
          return members.lock(db, tenant, original.memberId())
              .flatMap(member -> requireManages(db, user, member).thenReturn(member))
              .flatMap(member -> schemes.pinnedEngine(db, tenant, original.year(), member.category().name())
                  .flatMap(pinned -> {
                    YearMonth period = YearMonth.of(original.year(), original.month());
                    if (in.points() != null) {
                      requireRangeFor(pinned.engine().scheme(), original, in.points());
                    }
                    Mono<Void> cap = in.points() == null || original.kind() == LedgerEntry.Kind.ITEM_SCORE ? Mono.empty()
                        : requireWithinMonthCap(db, tenant, member, period,
                            pinned.engine().scheme().entryKind(original.code()).orElseThrow(), in.points(), original);
                    String reason = in.reason().trim();
                    return cap.then(insert(db, tenant, user, original.memberId(), original.branchId(), period, original.kind(),
                            original.code(), original.points().negate(), null, original.id(), reason, original.occurredOn(),
                            null, original.schemeCode(), original.schemeVersion(), original.needsReview()))
                        .flatMap(reversal -> in.points() == null
                            ? Mono.just(Map.<String, Object>of("reversal", reversal.toString()))
                            : insert(db, tenant, user, original.memberId(), original.branchId(), period, original.kind(),
                                    original.code(), in.points(), original.selfPoints(), null, reason, original.occurredOn(),
                                    original.evidenceId(), pinned.schemeCode(), pinned.version(),
                                    pinned.engine().scheme().entryKind(original.code())
                                        .map(k -> k.approval() != null).orElse(false))
                                .map(r -> Map.<String, Object>of("reversal", reversal.toString(), "replacement", r.toString())));
                  }));
        }).onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("ALREADY_CORRECTED",
            "该记录已被更正过，请刷新后更正最新的记录", Map.of())),
        response -> Mono.zip(entry(tenant, UUID.fromString((String) response.get("reversal"))),
                response.containsKey("replacement")
                    ? entry(tenant, UUID.fromString((String) response.get("replacement"))).map(java.util.Optional::of)
                    : Mono.just(java.util.Optional.<LedgerEntry>empty()))
            .map(t -> new Correction(t.getT1(), t.getT2().orElse(null))))
        .flatMap(c -> invalidate(tenant, c.reversal()).thenReturn(c));
  }

  private Mono<Void> invalidate(TenantId tenant, LedgerEntry entry) {
    return scope.mono(tenant, db -> organizations.find(db, tenant, entry.branchId()))
        .flatMap(branch -> rankings.invalidate(tenant, branch, entry.year(), entry.month()));
  }

  private Mono<Void> requireManages(DatabaseClient db, CurrentUser user, Member member) {
    return members.requireManages(db, user, member.branchId(), "只能为本支部党员记分（%s 不在您管理的支部）".formatted(member.name()));
  }

  private static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw DomainException.badRequest("REASON_REQUIRED", "须填写原因（为什么加分、扣分或更正）");
    }
    if (reason.length() > 500) {
      throw DomainException.badRequest("REASON_TOO_LONG", "原因不能超过 500 字");
    }
  }

  private static void requireInRange(Scheme.EntryKind kind, BigDecimal points) {
    if (points == null || points.compareTo(kind.min()) < 0 || points.compareTo(kind.max()) > 0) {
      throw DomainException.badRequest("OUT_OF_RANGE", "“%s”每次分值须在 %s–%s 之间，填写的是 %s".formatted(kind.name(),
          kind.min().toPlainString(), kind.max().toPlainString(), points == null ? "空" : points.toPlainString()));
    }
    if (points.stripTrailingZeros().scale() > 2) {
      throw DomainException.badRequest("TOO_MANY_DECIMALS", "分值最多两位小数");
    }
  }

  private static void requireRangeFor(Scheme scheme, LedgerEntry original, BigDecimal points) {
    if (original.kind() == LedgerEntry.Kind.ITEM_SCORE) {
      Scheme.Item item = scheme.items().get(scheme.itemIndex(original.code()));
      if (points.compareTo(item.min()) < 0 || points.compareTo(item.max()) > 0) {
        throw DomainException.badRequest("OUT_OF_RANGE", "“%s”每月得分须在 %s–%s 之间".formatted(item.name(),
            item.min().toPlainString(), item.max().toPlainString()));
      }
    } else {
      requireInRange(scheme.entryKind(original.code()).orElseThrow(), points);
    }
  }

  /** The month's entries of the kind plus this one may not pass the monthly cap (a replaced entry no longer counts). */
  private Mono<Void> requireWithinMonthCap(DatabaseClient db, TenantId tenant, Member member, YearMonth period,
      Scheme.EntryKind kind, BigDecimal points, LedgerEntry replaced) {
    if (kind.monthCap().isEmpty()) {
      return Mono.empty();
    }
    return db.sql("select coalesce(sum(points), 0) as total from ledger_entry where tenant_id = :t and member_id = :m "
            + "and year = :y and month = :mo and code = :c")
        .bind("t", tenant.value()).bind("m", member.id()).bind("y", period.getYear()).bind("mo", period.getMonthValue())
        .bind("c", kind.code())
        .map(r -> r.get("total", BigDecimal.class)).one()
        .flatMap(total -> {
          BigDecimal after = total.add(points).subtract(replaced == null ? BigDecimal.ZERO : replaced.points());
          if (after.compareTo(kind.capPerMonth()) > 0) {
            return Mono.error(DomainException.badRequest("MONTH_CAP_EXCEEDED",
                "“%s”每月最多 %s 分，本月已记 %s 分，不能再记 %s 分".formatted(kind.name(), kind.capPerMonth().toPlainString(),
                    total.toPlainString(), points.toPlainString())));
          }
          return Mono.<Void>empty();
        });
  }

  /** A member's month holds at most MAX_BYTES_PER_MEMBER_MONTH of evidence files, the new one included. */
  private static Mono<Void> requireEvidenceRoom(DatabaseClient db, TenantId tenant, UUID memberId, YearMonth period, Evidence.Upload upload) {
    if (upload == null || upload.content() == null) {
      return Mono.empty();
    }
    return db.sql("select coalesce(sum(e.size_bytes), 0)::bigint as used from evidence e where e.tenant_id = :t and e.evidence_id in "
            + "(select l.evidence_id from ledger_entry l where l.tenant_id = :t and l.member_id = :m and l.year = :y and l.month = :mo)")
        .bind("t", tenant.value()).bind("m", memberId).bind("y", period.getYear()).bind("mo", period.getMonthValue())
        .map(r -> r.get("used", Long.class)).one()
        .flatMap(used -> used + upload.content().length <= Evidence.MAX_BYTES_PER_MEMBER_MONTH ? Mono.<Void>empty()
            : Mono.error(DomainException.badRequest("EVIDENCE_MONTH_FULL",
                "该党员 %s 的证明材料已有 %.1f MB，加上本附件将超过每月 %d MB 的上限；请压缩文件或只上传必要的页面".formatted(
                    period, used / 1048576.0, Evidence.MAX_BYTES_PER_MEMBER_MONTH / 1048576))));
  }

  private Mono<java.util.Optional<UUID>> insertEvidence(DatabaseClient db, TenantId tenant, CurrentUser user, Evidence.Upload upload) {
    if (upload == null) {
      return Mono.just(java.util.Optional.empty());
    }
    UUID id = Ids.newId();
    var spec = db.sql("insert into evidence (tenant_id, evidence_id, note, file_name, media_type, size_bytes, sha256, content, uploaded_by) "
            + "values (:t, :id, :note, :name, :type, :size, :sha, :content, :by)")
        .bind("t", tenant.value()).bind("id", id).bind("by", user.username());
    spec = Sql.bind(spec, "note", upload.note(), String.class);
    spec = Sql.bind(spec, "name", upload.fileName(), String.class);
    spec = Sql.bind(spec, "type", upload.mediaType(), String.class);
    spec = Sql.bind(spec, "size", upload.content() == null ? null : upload.content().length, Integer.class);
    spec = Sql.bind(spec, "sha", upload.content() == null ? null : com.jifen.shared.Hashes.sha256(upload.content()), String.class);
    spec = Sql.bind(spec, "content", upload.content() == null ? null : java.nio.ByteBuffer.wrap(upload.content()), java.nio.ByteBuffer.class);
    return spec.fetch().rowsUpdated().thenReturn(java.util.Optional.of(id));
  }

  private Mono<UUID> insert(DatabaseClient db, TenantId tenant, CurrentUser user, UUID memberId, UUID branchId, YearMonth period,
      LedgerEntry.Kind kind, String code, BigDecimal points, BigDecimal selfPoints, UUID reverses, String reason,
      LocalDate occurredOn, UUID evidenceId, String schemeCode, int schemeVersion, boolean needsReview) {
    UUID id = Ids.newId();
    var spec = db.sql("insert into ledger_entry (tenant_id, entry_id, member_id, branch_id, year, month, kind, code, points, "
            + "self_points, reverses, reason, occurred_on, evidence_id, scheme_code, scheme_version, actor, needs_review) values "
            + "(:t, :id, :member, :branch, :y, :m, :kind, :code, :points, :self, :reverses, :reason, :on, :evidence, :sc, :sv, "
            + ":actor, :review)")
        .bind("t", tenant.value()).bind("id", id).bind("member", memberId).bind("branch", branchId)
        .bind("y", period.getYear()).bind("m", period.getMonthValue()).bind("kind", kind.name()).bind("code", code)
        .bind("points", points).bind("reason", reason).bind("sc", schemeCode).bind("sv", schemeVersion)
        .bind("actor", user.username()).bind("review", needsReview);
    spec = Sql.bind(spec, "self", selfPoints, BigDecimal.class);
    spec = Sql.bind(spec, "reverses", reverses, UUID.class);
    spec = Sql.bind(spec, "on", occurredOn, LocalDate.class);
    spec = Sql.bind(spec, "evidence", evidenceId, UUID.class);
    return spec.fetch().rowsUpdated().thenReturn(id);
  }

  Mono<LedgerEntry> find(DatabaseClient db, TenantId tenant, UUID id) {
    return db.sql(LedgerEntry.SELECT + " where e.tenant_id = :t and e.entry_id = :id")
        .bind("t", tenant.value()).bind("id", id).map(LedgerEntry::read).one()
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("积分记录", id)));
  }

  private Mono<LedgerEntry> entry(TenantId tenant, UUID id) {
    return scope.mono(tenant, db -> find(db, tenant, id));
  }

  public Mono<Map<UUID, Evidence>> evidence(TenantId tenant, Collection<UUID> ids, boolean withContent) {
    return scope.flux(tenant, db -> db.sql("select " + (withContent ? "*" : "tenant_id, evidence_id, note, file_name, media_type, "
                + "size_bytes, sha256, uploaded_by, uploaded_at") + " from evidence where tenant_id = :t and evidence_id = any(:ids)")
            .bind("t", tenant.value()).bind("ids", ids.toArray(UUID[]::new))
            .map(r -> Evidence.read(r, withContent)).all())
        .collectMap(Evidence::id, Function.identity());
  }

  /** Evidence with its file: whoever may read the entry's member card. */
  public Mono<Evidence> evidenceWithFile(CurrentUser user, String id, CardService cards) {
    TenantId tenant = user.requireTenant();
    UUID evidenceId = Ids.parse("证明材料", id);
    return scope.mono(tenant, db -> db.sql("select member_id from ledger_entry where tenant_id = :t and evidence_id = :e limit 1")
            .bind("t", tenant.value()).bind("e", evidenceId).map(r -> r.get("member_id", UUID.class)).one())
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("证明材料", id)))
        .flatMap(memberId -> cards.requireCanRead(user, memberId))
        .then(evidence(tenant, java.util.List.of(evidenceId), true))
        .map(found -> found.get(evidenceId));
  }

  static String plain(BigDecimal value) {
    return value == null ? "" : value.stripTrailingZeros().toPlainString();
  }
}
