package com.jifen.settlement;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.engine.Results;
import com.jifen.scheme.engine.Scheme;
import com.jifen.scheme.engine.ScoringEngine;
import com.jifen.scheme.engine.SubjectYear;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.Sql;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 晋位升级 (S4): organizations rated by themselves, their members and the masses, and their superior; graded with
 * the scheme's bands, any veto item making the year POOR; promotion open only at 90% member-and-mass satisfaction.
 */
@Service
public class OrganizationAssessmentService {
  private final TenantScope scope;
  private final OrganizationService organizations;
  private final SchemeService schemes;

  OrganizationAssessmentService(TenantScope scope, OrganizationService organizations, SchemeService schemes) {
    this.scope = scope;
    this.organizations = organizations;
    this.schemes = schemes;
  }

  public record AssessmentInput(String organizationId, int year, String schemeCode, int version, BigDecimal selfScore,
      BigDecimal massScore, BigDecimal superiorScore, int satisfiedVoters, int voters, String vetoNote) {}

  public record OrganizationResult(Organization organization, int year, BigDecimal total, String grade, boolean vetoed,
      boolean mayApplyForPromotion, int rank) {}

  public Mono<OrganizationResult> record(CurrentUser user, AssessmentInput in) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    UUID orgId = Ids.parse("党组织", in.organizationId());
    for (BigDecimal score : List.of(in.selfScore(), in.massScore(), in.superiorScore())) {
      if (score.signum() < 0 || score.compareTo(BigDecimal.valueOf(100)) > 0) {
        throw DomainException.badRequest("OUT_OF_RANGE", "各项评分须在 0–100 之间: " + score.toPlainString());
      }
    }
    if (in.voters() <= 0 || in.satisfiedVoters() < 0 || in.satisfiedVoters() > in.voters()) {
      throw DomainException.badRequest("INVALID_SATISFACTION", "满意人数须在 0 到参评人数之间，参评人数须大于 0");
    }
    return scope.mono(tenant, db -> organizations.find(db, tenant, orgId)
        .then(schemes.engine(tenant, db, in.schemeCode(), in.version()))
        .flatMap(engine -> {
          if (engine.scheme().subject() != Scheme.Subject.ORGANIZATION) {
            return Mono.error(DomainException.badRequest("NOT_AN_ORGANIZATION_SCHEME", "方案 %s 考评的是党员，不是党组织".formatted(in.schemeCode())));
          }
          var insert = db.sql("insert into organization_assessment (tenant_id, org_id, year, scheme_code, scheme_version, self_score, "
                  + "mass_score, superior_score, satisfied_voters, voters, veto_note, actor) values "
                  + "(:t, :o, :y, :sc, :sv, :self, :mass, :sup, :sat, :voters, :veto, :by)")
              .bind("t", tenant.value()).bind("o", orgId).bind("y", in.year()).bind("sc", in.schemeCode()).bind("sv", in.version())
              .bind("self", in.selfScore()).bind("mass", in.massScore()).bind("sup", in.superiorScore())
              .bind("sat", in.satisfiedVoters()).bind("voters", in.voters()).bind("by", user.username());
          insert = Sql.bind(insert, "veto", in.vetoNote() == null || in.vetoNote().isBlank() ? null : in.vetoNote().trim(), String.class);
          return insert.fetch().rowsUpdated()
              .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("ALREADY_ASSESSED", "该党组织本年度已考评", Map.of()));
        })
        .then(results(db, tenant, in.year()))
        .map(list -> list.stream().filter(r -> r.organization().id().equals(orgId)).findFirst().orElseThrow()));
  }

  public Mono<List<OrganizationResult>> results(CurrentUser user, int year) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    return scope.mono(tenant, db -> results(db, tenant, year));
  }

  private Mono<List<OrganizationResult>> results(DatabaseClient db, TenantId tenant, int year) {
    return db.sql("select * from organization_assessment where tenant_id = :t and year = :y order by org_id")
        .bind("t", tenant.value()).bind("y", year)
        .map(r -> new Object[] {r.get("org_id", UUID.class), r.get("scheme_code", String.class), r.get("scheme_version", Integer.class),
            r.get("self_score", BigDecimal.class), r.get("mass_score", BigDecimal.class), r.get("superior_score", BigDecimal.class),
            r.get("satisfied_voters", Integer.class), r.get("voters", Integer.class), r.get("veto_note", String.class)})
        .all().collectList()
        .flatMap(rows -> rows.isEmpty() ? Mono.just(List.<OrganizationResult>of())
            : schemes.engine(tenant, db, (String) rows.getFirst()[1], (Integer) rows.getFirst()[2])
                .zipWith(organizations.byIds(tenant, rows.stream().map(r -> (UUID) r[0]).toList()))
                .map(t -> score(t.getT1(), t.getT2(), rows, year)));
  }

  /** The three ratings are the scheme's rater groups, each with one aggregate rating: the engine does the rest. */
  private static List<OrganizationResult> score(ScoringEngine engine, Map<UUID, Organization> orgs, List<Object[]> rows, int year) {
    List<String> groups = engine.scheme().ballot().groups().stream().map(Scheme.RaterGroup::code).toList();
    List<SubjectYear> inputs = new ArrayList<>();
    for (Object[] r : rows) {
      Map<String, SubjectYear.GroupTally> tallies = new LinkedHashMap<>();
      for (int g = 0; g < groups.size(); g++) {
        tallies.put(groups.get(g), new SubjectYear.GroupTally((BigDecimal) r[3 + g], 1));
      }
      List<String> veto = r[8] == null ? List.of() : List.of(engine.scheme().veto().reasons().getFirst().code());
      inputs.add(new SubjectYear(r[0].toString(), new BigDecimal[12][], List.of(), List.of(),
          SubjectYear.BallotTally.ofGroups(tallies), veto, Set.of(), new SubjectYear.Satisfaction((Integer) r[6], (Integer) r[7])));
    }
    Results.BranchYearResult results = engine.branchYear(inputs);
    return results.subjects().stream().map(s -> new OrganizationResult(orgs.get(UUID.fromString(s.subjectId())), year,
            s.annualTotal(), s.grade(), s.vetoed(), Boolean.TRUE.equals(s.mayApplyForPromotion()), results.ranking().rankOf(s.subjectId())))
        .sorted(java.util.Comparator.comparingInt(OrganizationResult::rank)).toList();
  }
}
