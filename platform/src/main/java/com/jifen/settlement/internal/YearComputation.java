package com.jifen.settlement.internal;

import com.jifen.ballot.BallotService;
import com.jifen.ballot.BallotState;
import com.jifen.ledger.ProvisionalYears;
import com.jifen.ledger.YearLedger;
import com.jifen.organization.Member;
import com.jifen.scheme.engine.Results;
import com.jifen.scheme.engine.Scheme;
import com.jifen.scheme.engine.ScoringEngine;
import com.jifen.scheme.engine.ScoringException;
import com.jifen.scheme.engine.SubjectYear;
import com.jifen.settlement.SettlementService.CodeValue;
import com.jifen.settlement.SettlementService.Computed;
import com.jifen.settlement.SettlementService.MemberResult;
import com.jifen.settlement.SettlementService.StarQuota;
import com.jifen.settlement.internal.BranchYears.BranchYear;
import com.jifen.shared.DomainException;
import com.jifen.shared.ErrorKind;
import com.jifen.shared.MemberId;
import com.jifen.tenancy.TenantTx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The engine over a branch's year (ledger + ballot + adjustments + veto + honours): pure given its inputs, so recomputing
 * gives the same results. Every input is one read for all the branch's members.
 */
@Component
class YearComputation {
  private final BallotService ballots;
  private final SettlementQueries queries;

  YearComputation(BallotService ballots, SettlementQueries queries) {
    this.ballots = ballots;
    this.queries = queries;
  }

  /**
   * Months without any score count zero, and must each be in {@code acknowledged} (null: not checked, for what-if).
   */
  Mono<Computed> compute(TenantTx tx, BranchYear branchYear, int year, Set<Integer> acknowledged) {
    ScoringEngine engine = branchYear.pinned().engine();
    Scheme scheme = engine.scheme();
    List<MemberId> ids = branchYear.memberIds();
    return Mono.zip(YearLedger.of(tx, ids, year, scheme),
            tallies(tx, branchYear, year), queries.adjustmentsInForce(tx, ids, year), queries.vetoesInForce(tx, ids, year),
            queries.honoursOf(tx, ids, year))
        .map(t -> {
          List<SubjectYear> inputs = new ArrayList<>();
          for (Member m : branchYear.scored()) {
            MemberId id = m.id();
            var ledger = t.getT1().get(id);
            inputs.add(new SubjectYear(m.id().toString(), ledger.monthly(), ledger.entries(),
                t.getT3().getOrDefault(id, List.of()), t.getT2().get(id), t.getT4().getOrDefault(id, List.of()),
                t.getT5().getOrDefault(id, Set.of()), null, ProvisionalYears.membership(m, year)));
          }
          List<Integer> missing = engine.missingMonths(inputs);
          if (acknowledged != null && !acknowledged.containsAll(missing)) {
            throw new DomainException(ErrorKind.BAD_REQUEST, "MISSING_MONTHS_NOT_ACKNOWLEDGED",
                "%d 年有 %s 月尚无评分（未评或未确认），按 0 分计入全年（全年 12 个月）。如确需现在结算，请在 acknowledgeMissingMonths 中逐一列出这些月份"
                    .formatted(year, missing.stream().map(String::valueOf).collect(Collectors.joining("、"))),
                Map.of("missingMonths", missing));
          }
          Results.BranchYearResult result;
          try {
            result = engine.branchYear(inputs);
          } catch (ScoringException e) {
            throw DomainException.badRequest(e.code(), e.getMessage());
          }
          return computed(scheme, result, missing);
        });
  }

  /** The closed ballot's tallies when the scheme scores one; a ballot still open or short of its quorum stops the year. */
  private Mono<Map<MemberId, SubjectYear.BallotTally>> tallies(TenantTx tx, BranchYear branchYear, int year) {
    Scheme scheme = branchYear.pinned().engine().scheme();
    boolean needsBallot = scheme.components().stream().anyMatch(c -> c.type() == Scheme.ComponentType.BALLOT
        || (c.type() == Scheme.ComponentType.ITEM_AVERAGE && c.ballotWeight() != null && c.ballotWeight().signum() > 0));
    if (!needsBallot) {
      return Mono.just(Map.of());
    }
    return ballots.ofBranch(tx, branchYear.branchId(), year)
        .switchIfEmpty(Mono.error(DomainException.badRequest("BALLOT_REQUIRED", "%d 年尚未进行民主测评，不能结算".formatted(year))))
        .flatMap(b -> {
          if (b.state() != BallotState.CLOSED) {
            return Mono.error(DomainException.badRequest("BALLOT_OPEN", "民主测评尚未结束，请先结束测评再结算"));
          }
          if (b.votes() < b.minRaters()) {
            return Mono.error(DomainException.badRequest("BALLOT_QUORUM_NOT_REACHED",
                "民主测评人数不足：至少需要 %d 人参评，实际 %d 人；测评无结果".formatted(b.minRaters(), b.votes())));
          }
          return ballots.tallies(tx, b);
        });
  }

  private static Computed computed(Scheme scheme, Results.BranchYearResult year, List<Integer> missing) {
    List<MemberResult> results = new ArrayList<>();
    for (var r : year.subjects()) {
      List<CodeValue> components = scheme.components().stream()
          .map(c -> new CodeValue(c.code(), r.components().get(c.code()))).toList();
      results.add(new MemberResult(MemberId.parse(r.subjectId()), r.itemScores(), components, r.yearEndTotal(),
          r.adjustment(), r.annualTotal(), r.stars(), r.grade(), r.vetoed(), r.vetoReasons(),
          year.ranking().rankOf(r.subjectId()), r.honourCount(), r.commendable(),
          r.exactTotal().numerator().toPlainString() + "/" + r.exactTotal().denominator()));
    }
    results.sort(Comparator.comparingInt(MemberResult::rank).thenComparing(m -> m.memberId().toString()));
    StarQuota annual = year.annualStars() == null ? null : new StarQuota(year.annualStars().basis(),
        year.annualStars().quota(), year.annualStars().candidates().stream().map(MemberId::parse).toList(), List.of());
    return new Computed(results, annual, missing);
  }
}
