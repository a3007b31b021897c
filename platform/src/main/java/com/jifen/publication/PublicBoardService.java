package com.jifen.publication;

import com.jifen.ledger.LedgerEntry;
import com.jifen.ledger.Ledger;
import com.jifen.ledger.PublishedSheet;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.settlement.SettlementService;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.ErrorKind;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import com.jifen.tenancy.Township;
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
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 公开公示栏: what a township posts on its board, readable with a link and no account, but only where the township
 * shows rankings publicly (ranking visibility PUBLIC) — the one setting by which a township has chosen to show
 * members' points beyond the branch. Names and figures only: no phone numbers, evidence, actors or objections.
 */
@Service
public class PublicBoardService {
  private final TenantScope scope;
  private final TownshipService townships;
  private final Ledger ledger;
  private final PublicationService publications;
  private final SettlementService settlements;
  private final MemberService members;

  PublicBoardService(TenantScope scope, TownshipService townships, Ledger ledger, PublicationService publications,
      SettlementService settlements, MemberService members) {
    this.scope = scope;
    this.townships = townships;
    this.ledger = ledger;
    this.publications = publications;
    this.settlements = settlements;
    this.members = members;
  }

  public record Branch(String code, String name) {}

  public record Correction(String memberName, String code, BigDecimal points, String reason, Instant recordedAt) {}

  public record Sheet(Instant publishedAt, List<PublishedSheet.Row> rows, List<Correction> corrections) {}

  public record ResultRow(String memberName, Integer stars, String grade, String gradeName, boolean annualStar) {}

  public record Results(LocalDate startsOn, LocalDate endsOn, PublicationService.State state, List<ResultRow> rows) {}

  public record Board(String township, String townshipName, List<Branch> branches, Branch branch, int year, int month,
      List<Integer> publishedMonths, Sheet sheet, Results results) {}

  public Mono<Board> board(String townshipCode, String branchCode, int year, int month) {
    if (month < 1 || month > 12) {
      throw DomainException.badRequest("INVALID_MONTH", "月份应为 1–12: " + month);
    }
    TenantId tenant = new TenantId(townshipCode == null ? "" : townshipCode.trim().toUpperCase(Locale.ROOT));
    return scope.inTx(tenant, tx -> townships.get(tx.db(), tenant)
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("乡镇", tenant.value())))
        .flatMap(township -> {
          if (!"PUBLIC".equals(township.rankingVisibility())) {
            return Mono.error(new DomainException(ErrorKind.FORBIDDEN, "BOARD_NOT_PUBLIC",
                "%s未开放公示栏的公开查看，请登录后查看本支部的公示".formatted(township.name())));
          }
          DatabaseClient db = tx.db();
          return branches(db, tenant).flatMap(all -> {
            Optional<Map.Entry<UUID, Branch>> chosen = branchCode == null || branchCode.isBlank() ? Optional.empty()
                : all.entrySet().stream().filter(e -> e.getValue().code().equalsIgnoreCase(branchCode.trim())).findFirst();
            if (branchCode != null && !branchCode.isBlank() && chosen.isEmpty()) {
              return Mono.error(DomainException.notFound("党支部", branchCode));
            }
            List<Branch> list = List.copyOf(all.values());
            if (chosen.isEmpty()) {
              return Mono.just(new Board(tenant.value(), township.name(), list, null, year, month, List.of(), null, null));
            }
            UUID branch = chosen.get().getKey();
            return Mono.zip(publishedMonths(db, tenant, branch, year),
                    sheet(tx, branch, year, month).map(Optional::of).defaultIfEmpty(Optional.empty()),
                    results(db, tenant, branch, year).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .map(t -> board(tenant, township, list, chosen.get().getValue(), year, month, t.getT1(), t.getT2(), t.getT3()));
          });
        }));
  }

  private static Board board(TenantId tenant, Township township, List<Branch> branches, Branch branch, int year, int month,
      List<Integer> months, Optional<Sheet> sheet, Optional<Results> results) {
    return new Board(tenant.value(), township.name(), branches, branch, year, month, months, sheet.orElse(null), results.orElse(null));
  }

  /** Branches by code, in code order. */
  private Mono<java.util.LinkedHashMap<UUID, Branch>> branches(DatabaseClient db, TenantId tenant) {
    return db.sql("select org_id, code, name from organization where tenant_id = :t and kind = 'BRANCH' order by code")
        .bind("t", tenant.value())
        .map(r -> Map.entry(r.get("org_id", UUID.class), new Branch(r.get("code", String.class), r.get("name", String.class))))
        .all()
        .collect(java.util.LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()));
  }

  private Mono<List<Integer>> publishedMonths(DatabaseClient db, TenantId tenant, UUID branch, int year) {
    return db.sql("select month from published_sheet where tenant_id = :t and branch_id = :b and year = :y order by month")
        .bind("t", tenant.value()).bind("b", branch).bind("y", year)
        .map(r -> r.get("month", Integer.class)).all().collectList();
  }

  private Mono<Sheet> sheet(TenantTx tx, UUID branch, int year, int month) {
    return ledger.published(tx, new BranchId(branch), year, month).flatMap(s -> names(tx.db(), tx.tenant(),
            s.corrections().stream().map(LedgerEntry::memberId).toList())
        .map(names -> new Sheet(s.publishedAt(), s.rows(), s.corrections().stream()
            .map(c -> new Correction(names.get(c.memberId()).name(), c.code(), c.points(), c.reason(), c.recordedAt())).toList())));
  }

  /** The year's results while they are (or were) on the board: names, stars, grades and the year's stars. */
  private Mono<Results> results(DatabaseClient db, TenantId tenant, UUID branch, int year) {
    return publications.load(db, tenant, branch, year).flatMap(p -> settlements.current(db, tenant, branch, year).flatMap(s -> {
      List<UUID> ids = new ArrayList<>(s.members().stream().map(SettlementService.MemberResult::memberId).toList());
      s.exempt().forEach(e -> ids.add(e.memberId()));
      Set<UUID> stars = new HashSet<>(s.annualStars() == null ? List.of() : s.annualStars().confirmed());
      return names(db, tenant, ids).map(names -> {
        List<ResultRow> rows = new ArrayList<>();
        s.members().forEach(r -> rows.add(new ResultRow(names.get(r.memberId()).name(), r.stars(), r.grade(),
            SettlementService.gradeName(r.grade()), stars.contains(r.memberId()))));
        s.exempt().forEach(e -> rows.add(new ResultRow(names.get(e.memberId()).name(), null, e.grade(),
            SettlementService.gradeName(e.grade()), false)));
        return new Results(p.startsOn(), p.endsOn(), p.state(), rows);
      });
    }));
  }

  private Mono<Map<UUID, Member>> names(DatabaseClient db, TenantId tenant, List<UUID> ids) {
    return ids.isEmpty() ? Mono.just(Map.of()) : members.byIds(db, tenant, ids);
  }
}
