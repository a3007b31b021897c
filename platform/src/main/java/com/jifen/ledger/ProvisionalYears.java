package com.jifen.ledger;

import com.jifen.organization.Member;
import com.jifen.organization.MemberCategory;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.engine.Results.SubjectYearResult;
import com.jifen.scheme.engine.SubjectYear;
import com.jifen.shared.DomainException;
import com.jifen.shared.MemberId;
import com.jifen.tenancy.TenantTx;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A member's year so far (暂估年度总分) by the pinned scheme's engine, the same call the settlement makes: twelve
 * months, caps and the base applied. The member card and the YEAR leaderboard show it; the ballot, awards and vetoes
 * come in only at settlement, so it is provisional until then.
 */
@Component
public class ProvisionalYears {
  private final SchemeService schemes;

  ProvisionalYears(SchemeService schemes) {
    this.schemes = schemes;
  }

  public record Provisional(SchemeService.Pinned pinned, SubjectYearResult result, List<Integer> missingMonths) {}

  /** Members whose category has no scheme pinned for the year have no provisional total and are left out. */
  public Mono<Map<MemberId, Provisional>> of(TenantTx tx, Collection<Member> members, int year) {
    Map<MemberCategory, List<Member>> byCategory = new LinkedHashMap<>();
    members.forEach(m -> byCategory.computeIfAbsent(m.category(), c -> new java.util.ArrayList<>()).add(m));
    return Flux.fromIterable(byCategory.entrySet())
        .concatMap(e -> schemes.pinnedEngine(tx, year, e.getKey().name())
            .flatMap(pinned -> YearLedger.of(tx, e.getValue().stream().map(Member::id).toList(), year,
                    pinned.engine().scheme())
                .map(ledger -> {
                  Map<MemberId, Provisional> results = new HashMap<>();
                  for (Member m : e.getValue()) {
                    MemberId id = m.id();
                    SubjectYear subject = subject(m, ledger.get(id), year);
                    results.put(id, new Provisional(pinned, pinned.engine().provisionalYear(subject),
                        pinned.engine().missingMonths(List.of(subject))));
                  }
                  return results;
                }))
            // no scheme pinned for the category this year: no provisional total to show
            .onErrorResume(DomainException.class, x -> Mono.just(Map.of())))
        .collect(HashMap::new, Map::putAll);
  }

  /** The ledger part of a member's year in the engine's shape: months, additions and deductions, membership. */
  public static SubjectYear subject(Member m, YearLedger.MemberYear ledger, int year) {
    return new SubjectYear(m.id().toString(), ledger.monthly(), ledger.entries(), List.of(), null, List.of(), Set.of(),
        null, membership(m, year));
  }

  /** The months of {@code year} a member belonged: from the joining month to the leaving month (docs/DOMAIN.md, S1). */
  public static SubjectYear.Membership membership(Member m, int year) {
    int from = m.joinDate() != null && m.joinDate().getYear() == year ? m.joinDate().getMonthValue() : 1;
    int to = m.leftOn() != null && m.leftOn().getYear() == year ? m.leftOn().getMonthValue() : 12;
    return new SubjectYear.Membership(Math.min(from, to), to);
  }
}
