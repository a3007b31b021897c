package com.jifen.ledger.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.ledger.LedgerEntry;
import com.jifen.ledger.ProvisionalYears;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.DomainException;
import com.jifen.shared.EntryId;
import com.jifen.shared.MemberId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** 党员积分卡: a member's year as the ledger shows it, month by month, with the provisional year total; and its XLSX. */
@Service
public class MemberCards {
  private final TenantScope scope;
  private final MemberService members;
  private final SchemeService schemes;
  private final ProvisionalYears provisionalYears;

  private final com.jifen.tenancy.DirectoryCache directory;
  private final BoardCache boards;

  MemberCards(TenantScope scope, MemberService members, SchemeService schemes, ProvisionalYears provisionalYears,
      com.jifen.tenancy.DirectoryCache directory, BoardCache boards) {
    this.directory = directory;
    this.boards = boards;
    this.scope = scope;
    this.members = members;
    this.schemes = schemes;
    this.provisionalYears = provisionalYears;
  }

  public record CardItem(String item, String name, BigDecimal points, BigDecimal selfPoints) {}

  public record CardMonth(int month, List<CardItem> items, BigDecimal additions, BigDecimal deductions, BigDecimal total,
      BigDecimal quarterToDate, BigDecimal yearToDate, List<LedgerEntry> entries) {}

  /**
   * @param yearTotal the ledger's plain sum, before caps and the year formula
   * @param provisional the year so far by the scheme's rules (null when no scheme is pinned for the year)
   */
  public record MemberCard(Member member, int year, String schemeCode, Integer schemeVersion, List<CardMonth> months,
      BigDecimal yearTotal, ProvisionalTotal provisional) {}

  public record ComponentValue(String code, String name, BigDecimal value) {}

  /**
   * 暂估年度总分: the settlement's engine on the ledger so far. {@code cuts} are points recorded above a cap, with the
   * cap; the ballot and awards count only at settlement.
   */
  public record ProvisionalTotal(BigDecimal total, List<BigDecimal> itemScores, List<ComponentValue> components,
      List<com.jifen.scheme.engine.Results.Cut> cuts, List<Integer> missingMonths, String note) {}

  /** The member, their branch's secretary, township admins and integrating apps may read a card. */
  public Mono<Member> requireCanRead(CurrentUser user, MemberId memberId) {
    TenantId tenant = user.requireTenant();
    // the answer depends on the directory only (who the member is, which branch the secretary manages): cached
    return directory.get(tenant, new ReadAccess(user, memberId), scope.inTx(tenant, tx -> members.find(tx, memberId)
        .flatMap(m -> {
          if (user.memberCode().filter(m.code()::equals).isPresent()) {
            return Mono.just(m);
          }
          return members.manages(tx, user, m.branchId().organization()).flatMap(ok -> ok ? Mono.just(m)
              : Mono.error(DomainException.forbidden("只能查看本人或本支部党员的积分卡")));
        })));
  }

  private record ReadAccess(CurrentUser user, MemberId memberId) {}

  public Mono<MemberCard> card(CurrentUser user, String memberId, int year) {
    TenantId tenant = user.requireTenant();
    MemberId id = MemberId.parse(memberId);
    // the card is kept until a write changes the ledger, the member, the sheets' publication or the pins (BoardCache)
    return requireCanRead(user, id).flatMap(member -> boards.get(tenant, new CardKey(id, year), scope.inTx(tenant, tx -> Mono.zip(
            schemes.pinnedEngine(tx, year, member.category().name()).map(Optional::of)
                .onErrorResume(DomainException.class, e -> Mono.just(Optional.empty())),
            LedgerQueries.memberYear(tx, id, year),
            provisionalYears.of(tx, List.of(member), year).map(p -> Optional.ofNullable(p.get(member.id()))))
        .map(t -> build(member, year, t.getT1(), t.getT2(), t.getT3().map(MemberCards::provisional).orElse(null))))));
  }

  private record CardKey(MemberId memberId, int year) {}

  private static ProvisionalTotal provisional(ProvisionalYears.Provisional p) {
    var scheme = p.pinned().engine().scheme();
    var r = p.result();
    List<ComponentValue> components = scheme.components().stream()
        .map(c -> new ComponentValue(c.code(), c.name(), r.components().get(c.code()))).toList();
    String note = "暂估：按方案规则（全年 12 个月、未评分月份计 0 分、加减分上限）计算；民主测评、表彰处分和一票否决在年终总评时计入";
    return new ProvisionalTotal(r.annualTotal(), r.itemScores(), components, r.cuts(), p.missingMonths(), note);
  }

  private static MemberCard build(Member member, int year, Optional<SchemeService.Pinned> pinned, List<LedgerEntry> entries,
      ProvisionalTotal provisional) {
    List<Scheme.Item> items = pinned.map(p -> p.engine().scheme().items().stream()
        .filter(i -> i.frequency() == Scheme.Frequency.MONTHLY).toList()).orElse(List.of());
    Set<EntryId> reversed = new HashSet<>();
    entries.forEach(e -> {
      if (e.reverses() != null) {
        reversed.add(e.reverses());
      }
    });
    List<CardMonth> months = new ArrayList<>();
    BigDecimal yearToDate = BigDecimal.ZERO;
    BigDecimal quarterToDate = BigDecimal.ZERO;
    for (int month = 1; month <= 12; month++) {
      if ((month - 1) % 3 == 0) {
        quarterToDate = BigDecimal.ZERO;
      }
      int m = month;
      List<LedgerEntry> ofMonth = entries.stream().filter(e -> e.month() == m).toList();
      Map<String, BigDecimal> itemSums = new HashMap<>();
      Map<String, BigDecimal> selfPoints = new HashMap<>();
      BigDecimal additions = BigDecimal.ZERO;
      BigDecimal deductions = BigDecimal.ZERO;
      for (LedgerEntry e : ofMonth) {
        switch (e.kind()) {
          case ITEM_SCORE -> {
            itemSums.merge(e.code(), e.points(), BigDecimal::add);
            // the member's own figure stays beside the committee's, whoever corrected it later
            if (e.selfPoints() != null && e.reverses() == null && !reversed.contains(e.id())) {
              selfPoints.put(e.code(), e.selfPoints());
            }
          }
          // pending or rejected entries show on the card but do not count
          case ADDITION -> additions = e.counts() ? additions.add(e.points()) : additions;
          case DEDUCTION -> deductions = e.counts() ? deductions.add(e.points()) : deductions;
        }
      }
      BigDecimal itemTotal = itemSums.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal total = itemTotal.add(additions).subtract(deductions);
      quarterToDate = quarterToDate.add(total);
      yearToDate = yearToDate.add(total);
      List<CardItem> cardItems = items.stream()
          .map(i -> new CardItem(i.code(), i.name(), itemSums.get(i.code()), selfPoints.get(i.code()))).toList();
      months.add(new CardMonth(month, cardItems, additions, deductions, total, quarterToDate, yearToDate, ofMonth));
    }
    return new MemberCard(member, year, pinned.map(SchemeService.Pinned::schemeCode).orElse(null),
        pinned.map(SchemeService.Pinned::version).orElse(null), months, yearToDate, provisional);
  }

  public Mono<com.jifen.shared.Xlsx.File> export(CurrentUser user, String memberId, int year) {
    return card(user, memberId, year).map(card -> {
      List<String> headers = new ArrayList<>(List.of("月份"));
      if (!card.months().isEmpty()) {
        card.months().getFirst().items().forEach(i -> headers.add(i.name()));
      }
      headers.addAll(List.of("加分", "扣分", "本月合计", "本季累计", "本年累计"));
      List<List<Object>> rows = new ArrayList<>();
      for (CardMonth m : card.months()) {
        List<Object> row = new ArrayList<>(List.of(m.month() + "月"));
        m.items().forEach(i -> row.add(i.points()));
        row.addAll(List.of(m.additions(), m.deductions(), m.total(), m.quarterToDate(), m.yearToDate()));
        rows.add(row);
      }
      String title = "%s（%s）%d年 党员积分卡".formatted(card.member().name(), card.member().code(), year);
      return com.jifen.shared.Xlsx.File.xlsx("%s-%d.xlsx".formatted(card.member().code(), year), com.jifen.shared.Xlsx.write(title, headers, rows));
    });
  }
}
