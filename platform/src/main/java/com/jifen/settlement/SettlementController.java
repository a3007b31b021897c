package com.jifen.settlement;

import com.jifen.identity.CurrentUsers;
import com.jifen.organization.MemberService;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationService;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class SettlementController {
  private final SettlementService settlements;
  private final MemberService members;
  private final OrganizationService organizations;
  private final TenantScope scope;

  private final OrganizationAssessmentService assessments;

  SettlementController(SettlementService settlements, MemberService members, OrganizationService organizations, TenantScope scope,
      OrganizationAssessmentService assessments) {
    this.assessments = assessments;
    this.settlements = settlements;
    this.members = members;
    this.organizations = organizations;
    this.scope = scope;
  }

  record IdPayload(UUID id) {}

  record SettleTownshipInput(int year, List<Integer> acknowledgeMissingMonths, String idempotencyKey) {}

  record SettleBranchPayload(SettlementService.Settlement settlement) {}

  record GradeExemptPayload(UUID memberId, String grade) {}

  /** Results carry member ids; the tenant rides along so nested members load in one batch. */
  record TenantMemberResult(TenantId tenantId, SettlementService.MemberResult result) {}

  @QueryMapping
  Mono<SettlementService.Settlement> settlement(@Argument String branchId, @Argument int year) {
    return CurrentUsers.current().flatMap(u -> settlements.get(u, branchId, year));
  }

  @QueryMapping
  Mono<SettlementService.QuarterSummary> quarterSummary(@Argument String branchId, @Argument int year, @Argument int quarter) {
    return CurrentUsers.current().flatMap(u -> settlements.quarter(u, branchId, year, quarter));
  }

  @QueryMapping
  Mono<com.jifen.scheme.WhatIf.WhatIfResult> whatIfYear(@Argument SettlementService.WhatIfYearInput input) {
    return CurrentUsers.current().flatMap(u -> {
      u.requireTownshipManager();
      return settlements.whatIfYear(u, input);
    });
  }

  @MutationMapping
  Mono<IdPayload> recordAdjustment(@Argument SettlementService.RecordAdjustmentInput input) {
    return CurrentUsers.current().flatMap(u -> settlements.recordAdjustment(u, input)).map(IdPayload::new);
  }

  @MutationMapping
  Mono<SettlementService.RecordHonourInput> recordHonour(@Argument SettlementService.RecordHonourInput input) {
    return CurrentUsers.current().flatMap(u -> settlements.recordHonour(u, input));
  }

  record OrganizationAssessmentPayload(OrganizationAssessmentService.OrganizationResult result) {}

  @MutationMapping
  Mono<OrganizationAssessmentPayload> recordOrganizationAssessment(@Argument OrganizationAssessmentService.AssessmentInput input) {
    return CurrentUsers.current().flatMap(u -> assessments.record(u, input)).map(OrganizationAssessmentPayload::new);
  }

  @QueryMapping
  Mono<List<OrganizationAssessmentService.OrganizationResult>> organizationAssessments(@Argument int year) {
    return CurrentUsers.current().flatMap(u -> assessments.results(u, year));
  }

  @MutationMapping
  Mono<IdPayload> recordVeto(@Argument SettlementService.RecordVetoInput input) {
    return CurrentUsers.current().flatMap(u -> settlements.recordVeto(u, input)).map(IdPayload::new);
  }

  @MutationMapping
  Mono<SettleBranchPayload> settleBranch(@Argument SettlementService.SettleBranchInput input) {
    return CurrentUsers.current().flatMap(u -> settlements.settle(u, input)).map(SettleBranchPayload::new);
  }

  @MutationMapping
  Mono<SettlementService.TownshipSettlement> settleTownship(@Argument SettleTownshipInput input) {
    return CurrentUsers.current().flatMap(u -> settlements.settleTownship(u, input.year(), input.acknowledgeMissingMonths(), input.idempotencyKey()));
  }

  @MutationMapping
  Mono<GradeExemptPayload> gradeExempt(@Argument SettlementService.GradeExemptInput input) {
    return CurrentUsers.current().flatMap(u -> settlements.gradeExempt(u, input)).map(r -> new GradeExemptPayload(r.memberId(), r.grade()));
  }

  @MutationMapping
  Mono<Map<String, Object>> confirmStars(@Argument SettlementService.ConfirmStarsInput input) {
    return CurrentUsers.current().flatMap(u -> settlements.confirmStars(u, input)
        .flatMap(ids -> members.byIds(u.requireTenant(), ids))
        .map(byId -> Map.<String, Object>of("awarded", new ArrayList<>(byId.values()))));
  }

  @SchemaMapping(typeName = "Settlement", field = "branch")
  Mono<Organization> branch(SettlementService.Settlement s) {
    return scope.mono(s.tenantId(), db -> organizations.find(db, s.tenantId(), s.branchId()));
  }

  @SchemaMapping(typeName = "Settlement", field = "members")
  Mono<List<Map<String, Object>>> results(SettlementService.Settlement s) {
    return members.byIds(s.tenantId(), s.members().stream().map(SettlementService.MemberResult::memberId).toList())
        .map(byId -> s.members().stream().map(r -> {
          Map<String, Object> row = new java.util.HashMap<>();
          row.put("member", byId.get(r.memberId()));
          row.put("itemScores", r.itemScores());
          row.put("components", r.components());
          row.put("yearEndTotal", r.yearEndTotal());
          row.put("adjustment", r.adjustment());
          row.put("annualTotal", r.annualTotal());
          row.put("stars", r.stars());
          row.put("grade", r.grade());
          row.put("vetoed", r.vetoed());
          row.put("vetoReasons", r.vetoReasons());
          row.put("rank", r.rank());
          row.put("honourCount", r.honourCount());
          row.put("commendable", r.commendable());
          return row;
        }).toList());
  }

  @SchemaMapping(typeName = "Settlement", field = "annualStars")
  Mono<Map<String, Object>> annualStars(SettlementService.Settlement s) {
    return quota(s.tenantId(), s.annualStars());
  }

  @SchemaMapping(typeName = "Settlement", field = "exempt")
  Mono<List<Map<String, Object>>> exempt(SettlementService.Settlement s) {
    return members.byIds(s.tenantId(), s.exempt().stream().map(SettlementService.ExemptResult::memberId).toList())
        .map(byId -> s.exempt().stream().map(e -> Map.<String, Object>of("member", byId.get(e.memberId()), "grade", e.grade(),
            "reason", e.reason())).toList());
  }

  @SchemaMapping(typeName = "QuarterSummary", field = "scores")
  Mono<List<Map<String, Object>>> quarterScores(SettlementService.QuarterSummary q) {
    return CurrentUsers.current().flatMap(u -> members.byIds(u.requireTenant(),
            q.scores().stream().map(SettlementService.QuarterScore::memberId).toList())
        .map(byId -> q.scores().stream().map(s -> Map.<String, Object>of("member", byId.get(s.memberId()), "score", s.score(),
            "rank", s.rank())).toList()));
  }

  @SchemaMapping(typeName = "QuarterSummary", field = "stars")
  Mono<Map<String, Object>> quarterStars(SettlementService.QuarterSummary q) {
    return CurrentUsers.current().flatMap(u -> quota(u.requireTenant(), q.stars()));
  }

  private Mono<Map<String, Object>> quota(TenantId tenant, SettlementService.StarQuota q) {
    if (q == null) {
      return Mono.empty();
    }
    List<UUID> ids = new ArrayList<>(q.candidates());
    ids.addAll(q.confirmed());
    return members.byIds(tenant, ids).map(byId -> Map.<String, Object>of("basis", q.basis(), "quota", q.quota(),
        "candidates", q.candidates().stream().map(byId::get).toList(),
        "confirmed", q.confirmed().stream().map(byId::get).toList()));
  }
}
