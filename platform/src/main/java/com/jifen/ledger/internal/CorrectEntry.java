package com.jifen.ledger.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.ledger.Idempotency;
import com.jifen.ledger.LedgerEntry;
import com.jifen.organization.MemberService;
import com.jifen.scheme.SchemeService;
import com.jifen.shared.DomainException;
import com.jifen.shared.EntryId;
import com.jifen.shared.EvidenceId;
import com.jifen.shared.Ids;
import com.jifen.shared.TenantId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Corrects any entry (更正): a reversing entry plus, unless the entry is removed, a new one; the reason is required. */
@Service
public class CorrectEntry {
  private final MemberService members;
  private final SchemeService schemes;
  private final Idempotency idempotency;
  private final Entries entries;
  private final Clock clock;

  CorrectEntry(MemberService members, SchemeService schemes, Idempotency idempotency, Entries entries, Clock clock) {
    this.members = members;
    this.schemes = schemes;
    this.idempotency = idempotency;
    this.entries = entries;
    this.clock = clock;
  }

  public record CorrectEntryInput(String entryId, BigDecimal points, String reason, String idempotencyKey) {}

  public record CorrectEntryPayload(LedgerEntry reversal, LedgerEntry replacement) {}

  public Mono<CorrectEntryPayload> correct(CurrentUser user, CorrectEntryInput in) {
    TenantId tenant = user.requireTenant();
    EntryId entryId = EntryId.parse(in.entryId());
    EntryRules.requireReason(in.reason());
    String canonical = entryId + "|" + (in.points() == null ? "remove" : EntryRules.plain(in.points())) + "|" + in.reason().trim();
    return idempotency.run(tenant, in.idempotencyKey(), "correctEntry", canonical, user.username(),
        tx -> Entries.find(tx, entryId).flatMap(original -> {
          if (original.reverses() != null) {
            return Mono.error(DomainException.badRequest("IS_REVERSAL", "冲销记录不能再更正；请更正原记录"));
          }
          return members.lock(tx, original.memberId())
              .flatMap(member -> entries.requireManages(tx, user, member).thenReturn(member))
              .flatMap(member -> schemes.pinnedEngine(tx, original.year(), member.category().name())
                  .flatMap(pinned -> {
                    var scheme = pinned.engine().scheme();
                    YearMonth period = YearMonth.of(original.year(), original.month());
                    if (in.points() != null) {
                      EntryRules.requireRangeFor(scheme, original, in.points());
                    }
                    Mono<Void> cap = in.points() == null || original.kind() == LedgerEntry.Kind.ITEM_SCORE ? Mono.empty()
                        : Entries.requireWithinMonthCap(tx, member, period, scheme.entryKind(original.code()).orElseThrow(),
                            in.points(), original);
                    String reason = in.reason().trim();
                    Instant recordedAt = clock.instant(); // the reversal and its replacement are one act
                    var reversal = entry(original, period, original.points().negate(), null, original.id(), reason,
                        null, original.schemeCode(), original.schemeVersion(), original.needsReview(), user);
                    return cap.then(LedgerQueries.insertEntry(tx, reversal, recordedAt))
                        .flatMap(reversed -> in.points() == null
                            ? Mono.just(Map.<String, Object>of("reversal", reversed.toString()))
                            : LedgerQueries.insertEntry(tx, entry(original, period, in.points(), original.selfPoints(), null,
                                    reason, original.evidenceId(), pinned.schemeCode(), pinned.version(),
                                    scheme.entryKind(original.code()).map(k -> k.approval() != null).orElse(false), user), recordedAt)
                                .map(r -> Map.<String, Object>of("reversal", reversed.toString(), "replacement", r.toString())));
                  }));
        }).onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("ALREADY_CORRECTED",
            "该记录已被更正过，请刷新后更正最新的记录", Map.of())),
        response -> Mono.zip(entries.entry(tenant, EntryId.parse((String) response.get("reversal"))),
                response.containsKey("replacement")
                    ? entries.entry(tenant, EntryId.parse((String) response.get("replacement"))).map(Optional::of)
                    : Mono.just(Optional.<LedgerEntry>empty()))
            .map(t -> new CorrectEntryPayload(t.getT1(), t.getT2().orElse(null))))
        .flatMap(c -> entries.invalidate(tenant, c.reversal()).thenReturn(c));
  }

  /** A new entry of the original's member, month, kind and code. */
  private static LedgerQueries.NewEntry entry(LedgerEntry original, YearMonth period, BigDecimal points, BigDecimal selfPoints,
      EntryId reverses, String reason, EvidenceId evidenceId, String schemeCode, int schemeVersion, boolean needsReview,
      CurrentUser user) {
    return new LedgerQueries.NewEntry(new EntryId(Ids.newId()), original.memberId(), original.branchId(), period, original.kind(), original.code(), points, selfPoints, reverses, reason,
        original.occurredOn(), evidenceId, schemeCode, schemeVersion, user.username(), needsReview);
  }
}
