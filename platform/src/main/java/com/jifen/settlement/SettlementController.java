package com.jifen.settlement;

import com.jifen.identity.CurrentUsers;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.scheme.WhatIf;
import com.jifen.settlement.SettlementService.BranchProblem;
import com.jifen.settlement.SettlementService.ConfirmStarsInput;
import com.jifen.settlement.SettlementService.QuarterSummary;
import com.jifen.settlement.SettlementService.Settlement;
import com.jifen.settlement.internal.OrganizationAssessments;
import com.jifen.settlement.internal.OrganizationAssessments.OrganizationResult;
import com.jifen.settlement.internal.OrganizationAssessments.RecordOrganizationAssessmentInput;
import com.jifen.settlement.internal.SettleBranch;
import com.jifen.settlement.internal.SettleBranch.SettleBranchInput;
import com.jifen.settlement.internal.SettleTownship;
import com.jifen.settlement.internal.SettleTownship.SettleTownshipInput;
import com.jifen.settlement.internal.SettlementRuns;
import com.jifen.settlement.internal.StarAwards;
import com.jifen.settlement.internal.WhatIfYear;
import com.jifen.settlement.internal.WhatIfYear.WhatIfYearInput;
import com.jifen.settlement.internal.YearEndRecords;
import com.jifen.settlement.internal.YearEndRecords.GradeExemptInput;
import com.jifen.settlement.internal.YearEndRecords.RecordAdjustmentInput;
import com.jifen.settlement.internal.YearEndRecords.RecordHonourInput;
import com.jifen.settlement.internal.YearEndRecords.RecordVetoInput;
import com.jifen.shared.BranchId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** 年终总评 over GraphQL: queries and mutations; the nested fields are {@link SettlementFieldsController}'s. */
@Controller
class SettlementController {
  private final SettlementRuns runs;
  private final SettleBranch settleBranch;
  private final SettleTownship settleTownship;
  private final YearEndRecords records;
  private final StarAwards stars;
  private final WhatIfYear whatIf;
  private final OrganizationAssessments assessments;
  private final MemberService members;

  SettlementController(SettlementRuns runs, SettleBranch settleBranch, SettleTownship settleTownship, YearEndRecords records,
      StarAwards stars, WhatIfYear whatIf, OrganizationAssessments assessments, MemberService members) {
    this.runs = runs;
    this.settleBranch = settleBranch;
    this.settleTownship = settleTownship;
    this.records = records;
    this.stars = stars;
    this.whatIf = whatIf;
    this.assessments = assessments;
    this.members = members;
  }

  record RecordAdjustmentPayload(UUID id) {}

  record RecordVetoPayload(UUID id) {}

  record RecordHonourPayload(String memberId, String honour) {}

  record OrganizationAssessmentPayload(OrganizationResult result) {}

  record SettleBranchPayload(Settlement settlement) {}

  record SettleTownshipPayload(List<Settlement> settled, List<BranchProblem> notSettled) {}

  record GradeExemptPayload(UUID memberId, String grade) {}

  record ConfirmStarsPayload(List<Member> awarded) {}

  @QueryMapping
  Mono<Settlement> settlement(@Argument String branchId, @Argument int year) {
    return CurrentUsers.current().flatMap(u -> runs.visibleTo(u, BranchId.parse(branchId), year));
  }

  @QueryMapping
  Mono<QuarterSummary> quarterSummary(@Argument String branchId, @Argument int year, @Argument int quarter) {
    return CurrentUsers.current().flatMap(u -> stars.quarter(u, BranchId.parse(branchId), year, quarter));
  }

  @QueryMapping
  Mono<WhatIf.WhatIfResult> whatIfYear(@Argument WhatIfYearInput input) {
    return CurrentUsers.current().flatMap(u -> whatIf.whatIfYear(u, input));
  }

  @MutationMapping
  Mono<RecordAdjustmentPayload> recordAdjustment(@Argument RecordAdjustmentInput input) {
    return CurrentUsers.current().flatMap(u -> records.recordAdjustment(u, input)).map(RecordAdjustmentPayload::new);
  }

  @MutationMapping
  Mono<RecordHonourPayload> recordHonour(@Argument RecordHonourInput input) {
    return CurrentUsers.current().flatMap(u -> records.recordHonour(u, input)).map(in -> new RecordHonourPayload(in.memberId(), in.honour()));
  }

  @MutationMapping
  Mono<OrganizationAssessmentPayload> recordOrganizationAssessment(@Argument RecordOrganizationAssessmentInput input) {
    return CurrentUsers.current().flatMap(u -> assessments.record(u, input)).map(OrganizationAssessmentPayload::new);
  }

  @QueryMapping
  Mono<List<OrganizationResult>> organizationAssessments(@Argument int year) {
    return CurrentUsers.current().flatMap(u -> assessments.results(u, year));
  }

  @MutationMapping
  Mono<RecordVetoPayload> recordVeto(@Argument RecordVetoInput input) {
    return CurrentUsers.current().flatMap(u -> records.recordVeto(u, input)).map(RecordVetoPayload::new);
  }

  @MutationMapping
  Mono<SettleBranchPayload> settleBranch(@Argument SettleBranchInput input) {
    return CurrentUsers.current().flatMap(u -> settleBranch.settle(u, input)).map(SettleBranchPayload::new);
  }

  @MutationMapping
  Mono<SettleTownshipPayload> settleTownship(@Argument SettleTownshipInput input) {
    return CurrentUsers.current()
        .flatMap(u -> settleTownship.settle(u, input.year(), input.acknowledgeMissingMonths(), input.idempotencyKey()))
        .map(t -> new SettleTownshipPayload(t.settled(), t.notSettled()));
  }

  @MutationMapping
  Mono<GradeExemptPayload> gradeExempt(@Argument GradeExemptInput input) {
    return CurrentUsers.current().flatMap(u -> records.gradeExempt(u, input)).map(r -> new GradeExemptPayload(r.memberId(), r.grade()));
  }

  @MutationMapping
  Mono<ConfirmStarsPayload> confirmStars(@Argument ConfirmStarsInput input) {
    return CurrentUsers.current().flatMap(u -> stars.confirm(u, input)
        .flatMap(ids -> members.byIds(u.requireTenant(), ids))
        .map(byId -> new ConfirmStarsPayload(new ArrayList<>(byId.values()))));
  }
}
