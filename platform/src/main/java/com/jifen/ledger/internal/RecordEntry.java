package com.jifen.ledger.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.ledger.Idempotency;
import com.jifen.ledger.LedgerEntry;
import com.jifen.ledger.ProvisionalYears;
import com.jifen.organization.MemberService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.DomainException;
import com.jifen.shared.EntryId;
import com.jifen.shared.EvidenceId;
import com.jifen.shared.Ids;
import com.jifen.shared.MemberId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Additions and deductions (加分/扣分) one at a time with reason, date and evidence. Ranges and monthly caps of the
 * pinned scheme version are enforced here; the yearly cap limits what counts, in the engine.
 */
@Service
public class RecordEntry {
  private final TenantScope scope;
  private final MemberService members;
  private final SchemeService schemes;
  private final Idempotency idempotency;
  private final ProvisionalYears provisionalYears;
  private final Entries entries;
  private final Clock clock;

  RecordEntry(TenantScope scope, MemberService members, SchemeService schemes, Idempotency idempotency,
      ProvisionalYears provisionalYears, Entries entries, Clock clock) {
    this.scope = scope;
    this.members = members;
    this.schemes = schemes;
    this.idempotency = idempotency;
    this.provisionalYears = provisionalYears;
    this.entries = entries;
    this.clock = clock;
  }

  public record PostEntryInput(String memberId, String kind, BigDecimal points, LocalDate occurredOn, String reason,
      EvidenceInput evidence, String idempotencyKey) {}

  public Mono<LedgerEntry> post(CurrentUser user, PostEntryInput in) {
    TenantId tenant = user.requireTenant();
    MemberId memberId = MemberId.parse(in.memberId());
    LocalDate today = LocalDate.now(clock);
    EntryRules.requireOccurredOn(in.occurredOn(), today);
    YearMonth period = SheetRules.period(in.occurredOn().getYear(), in.occurredOn().getMonthValue(), today);
    EntryRules.requireReason(in.reason());
    EvidenceUploads.Upload upload = in.evidence() == null ? null : EvidenceUploads.check(in.evidence());
    String canonical = String.join("|", memberId.toString(), in.kind(), EntryRules.plain(in.points()), in.occurredOn().toString(),
        in.reason().trim(), upload == null ? "" : upload.note() + "|" + upload.mediaType() + "|"
            + (upload.content() == null ? "" : com.jifen.shared.Hashes.sha256(upload.content())));
    return idempotency.run(tenant, in.idempotencyKey(), "postEntry", canonical, user.username(),
        tx -> members.lock(tx, memberId).flatMap(member -> entries.requireManages(tx, user, member).then(Mono.defer(() -> {
          SheetRules.requireScored(member);
          return LedgerQueries.sheetState(tx, member.branchId(), period);
        })).flatMap(state -> {
          if (state == SheetState.PUBLISHED) {
            return Mono.error(DomainException.badRequest("MONTH_PUBLISHED",
                "%s 的积分已公示，不能再录入；如需修改请使用更正（须填写原因）".formatted(period)));
          }
          return schemes.pinnedEngine(tx, period.getYear(), member.category().name());
        }).flatMap(pinned -> {
          Scheme.EntryKind kind = pinned.engine().scheme().entryKind(in.kind())
              .filter(k -> k.direction() != Scheme.EntryDirection.ITEM_SCORE)
              .orElseThrow(() -> DomainException.badRequest("UNKNOWN_ENTRY_KIND",
                  "方案 %s 中没有加减分类别 %s".formatted(pinned.schemeCode(), in.kind())));
          EntryRules.requireInRange(kind, in.points());
          Instant recordedAt = clock.instant(); // the evidence and its entry are one act
          return Entries.requireWithinMonthCap(tx, member, period, kind, in.points(), null)
              .then(Entries.requireEvidenceRoom(tx, memberId, period, upload))
              .then(insertEvidence(tx, user, upload, recordedAt))
              .flatMap(evidenceId -> LedgerQueries.insertEntry(tx, new LedgerQueries.NewEntry(new EntryId(Ids.newId()), memberId,
                  member.branchId(), period, LedgerEntry.Kind.valueOf(kind.direction().name()), kind.code(),
                  in.points(), null, null, in.reason().trim(), in.occurredOn(), evidenceId.orElse(null), pinned.schemeCode(),
                  pinned.version(), user.username(), kind.approval() != null), recordedAt));
        })).map(id -> Map.<String, Object>of("entryId", id.toString())),
        response -> entries.entry(tenant, EntryId.parse((String) response.get("entryId"))))
        .flatMap(entry -> entries.invalidate(tenant, entry).thenReturn(entry));
  }

  private static Mono<java.util.Optional<EvidenceId>> insertEvidence(TenantTx tx, CurrentUser user, EvidenceUploads.Upload upload,
      Instant uploadedAt) {
    if (upload == null) {
      return Mono.just(java.util.Optional.empty());
    }
    return LedgerQueries.insertEvidence(tx, new EvidenceId(Ids.newId()), upload, user.username(), uploadedAt).map(java.util.Optional::of);
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
    return scope.inTx(tenant, tx -> members.find(tx, entry.memberId())
        .flatMap(m -> provisionalYears.of(tx, List.of(m), entry.year()))
        .map(p -> p.values().stream().flatMap(v -> v.result().cuts().stream())
            .filter(c -> c.entryKind().equals(entry.code()))
            .map(c -> "超过上限：本年已记 %s 分，%s，超出的 %s 分不计入年度总分（本条记录已保存）".formatted(
                c.recorded().toPlainString(), c.reason(), c.recorded().subtract(c.counted()).toPlainString()))
            .toList()));
  }
}
