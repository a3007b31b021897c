package com.jifen.settlement.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.organization.OrganizationService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.WhatIf;
import com.jifen.scheme.config.SchemeLoader;
import com.jifen.scheme.engine.ScoringEngine;
import com.jifen.settlement.SettlementService.MemberResult;
import com.jifen.settlement.internal.BranchYears.BranchYear;
import com.jifen.shared.BranchId;
import com.jifen.shared.MemberId;
import com.jifen.shared.DomainException;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The question a township asks before changing its rules: a branch's recorded year (or, without a branch, every branch
 * of the township whose members the draft scores) scored with the pinned version and with a draft, member by member,
 * each named by code and name. A branch whose year cannot be scored (no ballot yet …) is listed with the reason rather
 * than failing the whole township. Nothing is stored.
 */
@Component
public class WhatIfYear {
  private final TenantScope scope;
  private final MemberService members;
  private final OrganizationService organizations;
  private final BranchYears branchYears;
  private final YearComputation computation;

  WhatIfYear(TenantScope scope, MemberService members, OrganizationService organizations, BranchYears branchYears,
      YearComputation computation) {
    this.scope = scope;
    this.members = members;
    this.organizations = organizations;
    this.branchYears = branchYears;
    this.computation = computation;
  }

  public record WhatIfYearInput(String branchId, int year, String draftYaml) {}

  /** Township managers only. */
  public Mono<WhatIf.WhatIfResult> whatIfYear(CurrentUser user, WhatIfYearInput in) {
    user.requireTownshipManager();
    var tenant = user.requireTenant();
    ScoringEngine draft = new ScoringEngine(SchemeLoader.load("draft.yaml", in.draftYaml()));
    if (in.branchId() != null) {
      BranchId branch = BranchId.parse(in.branchId());
      return scope.inTx(tenant, tx -> branchYears.managed(tx, user, branch, in.year()).flatMap(by -> changes(tx, by, draft, in.year())))
          .map(changes -> WhatIf.WhatIfResult.of(changes, List.of()));
    }
    return scope.inTx(tenant, tx -> members.scoredUnder(tx, "/").collectList().flatMap(all -> {
      Map<BranchId, List<Member>> byBranch = new LinkedHashMap<>();
      all.stream().filter(m -> draft.scheme().categories().contains(m.category().name()))
          .forEach(m -> byBranch.computeIfAbsent(m.branchId(), b -> new ArrayList<>()).add(m));
      List<WhatIf.Change> changes = new ArrayList<>();
      List<String> notAnalysed = new ArrayList<>();
      return Flux.fromIterable(byBranch.entrySet())
          .concatMap(e -> organizations.find(tx, e.getKey().organization()).flatMap(branch -> {
            var category = branch.scoringCategory(e.getValue());
            return branchYears.of(tx, branch, e.getValue(), in.year(), category.orElseThrow().name())
                .flatMap(by -> changes(tx, by, draft, in.year()))
                .doOnNext(changes::addAll)
                .onErrorResume(DomainException.class, failure -> {
                  notAnalysed.add("%s（%s）：%s".formatted(branch.name(), branch.code(), failure.getMessage()));
                  return Mono.empty();
                });
          }))
          .then(Mono.fromSupplier(() -> WhatIf.WhatIfResult.of(changes, notAnalysed)));
    }));
  }

  /** One branch's members under the pinned version and the draft. */
  private Mono<List<WhatIf.Change>> changes(TenantTx tx, BranchYear pinned, ScoringEngine draft, int year) {
    var drafted = pinned.scoredBy(new SchemeService.Pinned(draft.scheme().code(), 0, draft));
    return Mono.zip(computation.compute(tx, pinned, year, null), computation.compute(tx, drafted, year, null)).map(t -> {
      Map<MemberId, MemberResult> drafts = new HashMap<>();
      t.getT2().members().forEach(r -> drafts.put(r.memberId(), r));
      Map<MemberId, Member> named = new HashMap<>();
      pinned.scored().forEach(m -> named.put(m.id(), m));
      List<WhatIf.Change> changes = new ArrayList<>();
      for (MemberResult a : t.getT1().members()) {
        MemberResult b = drafts.get(a.memberId());
        Member m = named.get(a.memberId());
        boolean changed = a.annualTotal().compareTo(b.annualTotal()) != 0 || !Objects.equals(a.stars(), b.stars())
            || !a.grade().equals(b.grade());
        changes.add(new WhatIf.Change(a.memberId().toString(), m.code(), m.name(), pinned.branch().name(),
            a.annualTotal(), b.annualTotal(), a.stars(), b.stars(), a.grade(), b.grade(), changed));
      }
      return changes;
    });
  }
}
