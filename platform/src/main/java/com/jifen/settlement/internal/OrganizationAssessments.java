package com.jifen.settlement.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.engine.Results;
import com.jifen.scheme.engine.Scheme;
import com.jifen.scheme.engine.ScoringEngine;
import com.jifen.scheme.engine.SubjectYear;
import com.jifen.settlement.internal.SettlementQueries.Assessment;
import com.jifen.shared.DomainException;
import com.jifen.shared.OrganizationId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * 晋位升级 (S4): organizations rated by themselves, their members and the masses, and their superior; graded with
 * the scheme's bands, any veto item making the year POOR; promotion open only at 90% member-and-mass satisfaction.
 */
@Component
public class OrganizationAssessments {
  private final TenantScope scope;
  private final OrganizationService organizations;
  private final SchemeService schemes;
  private final SettlementQueries queries;
  private final Clock clock;

  OrganizationAssessments(TenantScope scope, OrganizationService organizations, SchemeService schemes, SettlementQueries queries, Clock clock) {
    this.scope = scope;
    this.organizations = organizations;
    this.schemes = schemes;
    this.queries = queries;
    this.clock = clock;
  }

  public record RecordOrganizationAssessmentInput(String organizationId, int year, String schemeCode, int version,
      BigDecimal selfScore, BigDecimal massScore, BigDecimal superiorScore, int satisfiedVoters, int voters, String vetoNote) {}

  public record OrganizationResult(Organization organization, int year, BigDecimal total, String grade, boolean vetoed,
      boolean mayApplyForPromotion, int rank) {}

  public Mono<OrganizationResult> record(CurrentUser user, RecordOrganizationAssessmentInput in) {
    user.requireTownshipManager();
    var tenant = user.requireTenant();
    OrganizationId org = OrganizationId.parse(in.organizationId());
    for (BigDecimal score : List.of(in.selfScore(), in.massScore(), in.superiorScore())) {
      if (score.signum() < 0 || score.compareTo(BigDecimal.valueOf(100)) > 0) {
        throw DomainException.badRequest("OUT_OF_RANGE", "各项评分须在 0–100 之间: " + score.toPlainString());
      }
    }
    if (in.voters() <= 0 || in.satisfiedVoters() < 0 || in.satisfiedVoters() > in.voters()) {
      throw DomainException.badRequest("INVALID_SATISFACTION", "满意人数须在 0 到参评人数之间，参评人数须大于 0");
    }
    String veto = in.vetoNote() == null || in.vetoNote().isBlank() ? null : in.vetoNote().trim();
    return scope.inTx(tenant, tx -> organizations.find(tx, org)
        .then(schemes.engine(tx, in.schemeCode(), in.version()))
        .flatMap(engine -> {
          if (engine.scheme().subject() != Scheme.Subject.ORGANIZATION) {
            return Mono.error(DomainException.badRequest("NOT_AN_ORGANIZATION_SCHEME", "方案 %s 考评的是党员，不是党组织".formatted(in.schemeCode())));
          }
          return queries.insertAssessment(tx, new Assessment(org, in.schemeCode(), in.version(), in.selfScore(), in.massScore(),
                  in.superiorScore(), in.satisfiedVoters(), in.voters(), veto), in.year(), user.username(), clock.instant())
              .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("ALREADY_ASSESSED", "该党组织本年度已考评", Map.of()));
        })
        .then(results(tx, in.year()))
        .map(list -> list.stream().filter(r -> r.organization().id().equals(org)).findFirst().orElseThrow()));
  }

  public Mono<List<OrganizationResult>> results(CurrentUser user, int year) {
    user.requireTownshipManager();
    return scope.inTx(user.requireTenant(), tx -> results(tx, year));
  }

  private Mono<List<OrganizationResult>> results(TenantTx tx, int year) {
    return queries.assessmentsOf(tx, year).collectList()
        .flatMap(rows -> rows.isEmpty() ? Mono.just(List.<OrganizationResult>of())
            : schemes.engine(tx, rows.getFirst().schemeCode(), rows.getFirst().schemeVersion())
                .zipWith(organizations.byIds(tx.tenant(), rows.stream().map(Assessment::organization).toList()))
                .map(t -> score(t.getT1(), t.getT2(), rows, year)));
  }

  /** The three ratings are the scheme's rater groups, each with one aggregate rating: the engine does the rest. */
  private static List<OrganizationResult> score(ScoringEngine engine, Map<OrganizationId, Organization> orgs, List<Assessment> rows, int year) {
    List<String> groups = engine.scheme().ballot().groups().stream().map(Scheme.RaterGroup::code).toList();
    List<SubjectYear> inputs = new ArrayList<>();
    for (Assessment a : rows) {
      List<BigDecimal> ratings = List.of(a.selfScore(), a.massScore(), a.superiorScore());
      Map<String, SubjectYear.GroupTally> tallies = new LinkedHashMap<>();
      for (int g = 0; g < groups.size(); g++) {
        tallies.put(groups.get(g), new SubjectYear.GroupTally(ratings.get(g), 1));
      }
      List<String> veto = a.vetoNote() == null ? List.of() : List.of(engine.scheme().veto().reasons().getFirst().code());
      inputs.add(new SubjectYear(a.organization().toString(), new BigDecimal[12][], List.of(), List.of(),
          SubjectYear.BallotTally.ofGroups(tallies), veto, Set.of(), new SubjectYear.Satisfaction(a.satisfiedVoters(), a.voters())));
    }
    Results.BranchYearResult results = engine.branchYear(inputs);
    return results.subjects().stream().map(s -> new OrganizationResult(orgs.get(new OrganizationId(UUID.fromString(s.subjectId()))), year,
            s.annualTotal(), s.grade(), s.vetoed(), Boolean.TRUE.equals(s.mayApplyForPromotion()), results.ranking().rankOf(s.subjectId())))
        .sorted(Comparator.comparingInt(OrganizationResult::rank)).toList();
  }
}
