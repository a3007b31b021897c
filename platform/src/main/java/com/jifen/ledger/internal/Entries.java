package com.jifen.ledger.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.ledger.Evidence;
import com.jifen.ledger.LedgerEntry;
import com.jifen.ledger.RankingService;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.organization.OrganizationService;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.DomainException;
import com.jifen.shared.EntryId;
import com.jifen.shared.MemberId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.math.BigDecimal;
import java.time.YearMonth;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What recording and correcting single entries share: who may, the month's caps, reading back, the boards to forget. */
@Component
class Entries {
  private final TenantScope scope;
  private final MemberService members;
  private final OrganizationService organizations;
  private final RankingService rankings;

  Entries(TenantScope scope, MemberService members, OrganizationService organizations, RankingService rankings) {
    this.scope = scope;
    this.members = members;
    this.organizations = organizations;
    this.rankings = rankings;
  }

  Mono<Void> requireManages(TenantTx tx, CurrentUser user, Member member) {
    return members.requireManages(tx, user, member.branchId().organization(), "只能为本支部党员记分（%s 不在您管理的支部）".formatted(member.name()));
  }

  /** The month's entries of the kind plus this one may not pass the monthly cap (a replaced entry no longer counts). */
  static Mono<Void> requireWithinMonthCap(TenantTx tx, Member member, YearMonth period, Scheme.EntryKind kind, BigDecimal points,
      LedgerEntry replaced) {
    if (kind.monthCap().isEmpty()) {
      return Mono.empty();
    }
    return LedgerQueries.monthTotalOfCode(tx, member.id(), period, kind.code()).flatMap(total -> {
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
  static Mono<Void> requireEvidenceRoom(TenantTx tx, MemberId member, YearMonth period, EvidenceUploads.Upload upload) {
    if (upload == null || upload.content() == null) {
      return Mono.empty();
    }
    return LedgerQueries.evidenceBytesOfMonth(tx, member, period)
        .flatMap(used -> used + upload.content().length <= Evidence.MAX_BYTES_PER_MEMBER_MONTH ? Mono.<Void>empty()
            : Mono.error(DomainException.badRequest("EVIDENCE_MONTH_FULL",
                "该党员 %s 的证明材料已有 %.1f MB，加上本附件将超过每月 %d MB 的上限；请压缩文件或只上传必要的页面".formatted(
                    period, used / 1048576.0, Evidence.MAX_BYTES_PER_MEMBER_MONTH / 1048576))));
  }

  static Mono<LedgerEntry> find(TenantTx tx, EntryId id) {
    return LedgerQueries.entry(tx, id).switchIfEmpty(Mono.error(() -> DomainException.notFound("积分记录", id.value())));
  }

  /** An entry read back in a transaction of its own (after an idempotent write, or its replay). */
  Mono<LedgerEntry> entry(TenantId tenant, EntryId id) {
    return scope.inTx(tenant, tx -> find(tx, id));
  }

  /** Forgets the rankings the entry's month feeds. */
  Mono<Void> invalidate(TenantId tenant, LedgerEntry entry) {
    return scope.inTx(tenant, tx -> organizations.find(tx, entry.branchId().organization()))
        .flatMap(branch -> rankings.invalidate(tenant, branch, entry.year(), entry.month()));
  }
}
