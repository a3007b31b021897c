package com.jifen.publication.internal;

import com.jifen.ledger.LedgerEntry;
import com.jifen.ledger.Ledger;
import com.jifen.ledger.PublishedSheet;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.settlement.SettlementService;
import com.jifen.shared.BranchId;
import com.jifen.shared.MemberId;
import com.jifen.shared.DomainException;
import com.jifen.shared.ErrorKind;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import com.jifen.tenancy.TownshipService;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * 公开公示栏: what a township posts on its board, readable with a link and no account, but only where the township
 * shows rankings publicly (ranking visibility PUBLIC) — the one setting by which a township has chosen to show
 * members' points beyond the branch. Names and figures only: no phone numbers, evidence, actors or objections.
 */
@Component
class ReadPublicBoard {
  private final TenantScope scope;
  private final TownshipService townships;
  private final Ledger ledger;
  private final SettlementService settlements;
  private final MemberService members;
  private final PublicationLookup publications;

  ReadPublicBoard(TenantScope scope, TownshipService townships, Ledger ledger, SettlementService settlements,
      MemberService members, PublicationLookup publications) {
    this.scope = scope;
    this.townships = townships;
    this.ledger = ledger;
    this.settlements = settlements;
    this.members = members;
    this.publications = publications;
  }

  record PublicBranch(String code, String name) {}

  record PublicCorrection(String memberName, String code, BigDecimal points, String reason, Instant recordedAt) {}

  record PublicSheet(Instant publishedAt, List<PublishedSheet.Row> rows, List<PublicCorrection> corrections) {}

  record PublicResultRow(String memberName, Integer stars, String grade, String gradeName, boolean annualStar) {}

  record PublicResults(LocalDate startsOn, LocalDate endsOn, Publication.State state, List<PublicResultRow> rows) {}

  record PublicBoard(String township, String townshipName, List<PublicBranch> branches, PublicBranch branch, int year, int month,
      List<Integer> publishedMonths, PublicSheet sheet, PublicResults results) {}

  Mono<PublicBoard> board(String townshipCode, String branchCode, int year, int month) {
    if (month < 1 || month > 12) {
      throw DomainException.badRequest("INVALID_MONTH", "月份应为 1–12: " + month);
    }
    TenantId tenant = new TenantId(townshipCode == null ? "" : townshipCode.trim().toUpperCase(Locale.ROOT));
    boolean oneBranch = branchCode != null && !branchCode.isBlank();
    return scope.inTx(tenant, tx -> townships.get(tx)
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("乡镇", tenant.value())))
        .flatMap(township -> {
          if (!"PUBLIC".equals(township.rankingVisibility())) {
            return Mono.error(new DomainException(ErrorKind.FORBIDDEN, "BOARD_NOT_PUBLIC",
                "%s未开放公示栏的公开查看，请登录后查看本支部的公示".formatted(township.name())));
          }
          return PublicationQueries.boardBranches(tx).flatMap(all -> {
            List<PublicBranch> list = all.stream().map(b -> new PublicBranch(b.code(), b.name())).toList();
            if (!oneBranch) {
              return Mono.just(new PublicBoard(tenant.value(), township.name(), list, null, year, month, List.of(), null, null));
            }
            var chosen = all.stream().filter(b -> b.code().equalsIgnoreCase(branchCode.trim())).findFirst()
                .orElseThrow(() -> DomainException.notFound("党支部", branchCode));
            return Mono.zip(PublicationQueries.publishedMonths(tx, chosen.id(), year),
                    sheet(tx, chosen.id(), year, month).map(Optional::of).defaultIfEmpty(Optional.empty()),
                    results(tx, chosen.id(), year).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .map(t -> new PublicBoard(tenant.value(), township.name(), list, new PublicBranch(chosen.code(), chosen.name()),
                    year, month, t.getT1(), t.getT2().orElse(null), t.getT3().orElse(null)));
          });
        }));
  }

  private Mono<PublicSheet> sheet(TenantTx tx, BranchId branch, int year, int month) {
    return ledger.published(tx, branch, year, month).flatMap(s -> names(tx,
            s.corrections().stream().map(LedgerEntry::memberId).toList())
        .map(names -> new PublicSheet(s.publishedAt(), s.rows(), s.corrections().stream()
            .map(c -> new PublicCorrection(names.get(c.memberId()).name(), c.code(), c.points(), c.reason(), c.recordedAt()))
            .toList())));
  }

  /** The year's results while they are (or were) on the board: names, stars, grades and the year's stars. */
  private Mono<PublicResults> results(TenantTx tx, BranchId branch, int year) {
    return publications.publication(tx, branch, year)
        .flatMap(p -> settlements.current(tx, branch, year).flatMap(s -> {
          List<MemberId> ids = new ArrayList<>(s.members().stream().map(SettlementService.MemberResult::memberId).toList());
          s.exempt().forEach(e -> ids.add(e.memberId()));
          Set<MemberId> stars = new HashSet<>(s.annualStars() == null ? List.of() : s.annualStars().confirmed());
          return names(tx, ids).map(names -> {
            List<PublicResultRow> rows = new ArrayList<>();
            s.members().forEach(r -> rows.add(new PublicResultRow(names.get(r.memberId()).name(), r.stars(), r.grade(),
                SettlementService.gradeName(r.grade()), stars.contains(r.memberId()))));
            s.exempt().forEach(e -> rows.add(new PublicResultRow(names.get(e.memberId()).name(), null, e.grade(),
                SettlementService.gradeName(e.grade()), false)));
            return new PublicResults(p.startsOn(), p.endsOn(), p.state(), rows);
          });
        }));
  }

  private Mono<Map<MemberId, Member>> names(TenantTx tx, List<MemberId> ids) {
    return ids.isEmpty() ? Mono.just(Map.of()) : members.byIds(tx, ids);
  }
}
