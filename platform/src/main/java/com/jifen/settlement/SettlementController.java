package com.jifen.settlement;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.scheme.WhatIf;
import com.jifen.settlement.SettlementService.BranchProblem;
import com.jifen.settlement.SettlementService.ConfirmStarsInput;
import com.jifen.settlement.SettlementService.QuarterSummary;
import com.jifen.settlement.SettlementService.Settlement;
import com.jifen.settlement.internal.OrganizationAssessments.OrganizationResult;
import com.jifen.settlement.internal.OrganizationAssessments.RecordOrganizationAssessmentInput;
import com.jifen.settlement.internal.OrganizationAssessments;
import com.jifen.settlement.internal.SettleBranch.SettleBranchInput;
import com.jifen.settlement.internal.SettleBranch;
import com.jifen.settlement.internal.SettleTownship.SettleTownshipInput;
import com.jifen.settlement.internal.SettleTownship;
import com.jifen.settlement.internal.SettlementRuns;
import com.jifen.settlement.internal.StarAwards;
import com.jifen.settlement.internal.WhatIfYear.WhatIfYearInput;
import com.jifen.settlement.internal.WhatIfYear;
import com.jifen.settlement.internal.YearEndRecords.GradeExemptInput;
import com.jifen.settlement.internal.YearEndRecords.RecordAdjustmentInput;
import com.jifen.settlement.internal.YearEndRecords.RecordHonourInput;
import com.jifen.settlement.internal.YearEndRecords.RecordVetoInput;
import com.jifen.settlement.internal.YearEndRecords;
import com.jifen.shared.AdjustmentId;
import com.jifen.shared.BranchId;
import com.jifen.shared.MemberId;
import com.jifen.shared.VetoId;
import java.util.ArrayList;
import java.util.List;
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

  record RecordAdjustmentPayload(AdjustmentId id) {}

  record RecordVetoPayload(VetoId id) {}

  record RecordHonourPayload(String memberId, String honour) {}

  record OrganizationAssessmentPayload(OrganizationResult result) {}

  record SettleBranchPayload(Settlement settlement) {}

  record SettleTownshipPayload(List<Settlement> settled, List<BranchProblem> notSettled) {}

  record GradeExemptPayload(MemberId memberId, String grade) {}

  record ConfirmStarsPayload(List<Member> awarded) {}

  @QueryMapping
  Mono<Settlement> settlement(CurrentUser caller, @Argument String branchId, @Argument int year) {
    return runs.visibleTo(caller, BranchId.parse(branchId), year);
  }

  @QueryMapping
  Mono<QuarterSummary> quarterSummary(CurrentUser caller, @Argument String branchId, @Argument int year, @Argument int quarter) {
    return stars.quarter(caller, BranchId.parse(branchId), year, quarter);
  }

  @QueryMapping
  Mono<WhatIf.WhatIfResult> whatIfYear(CurrentUser caller, @Argument WhatIfYearInput input) {
    return whatIf.whatIfYear(caller, input);
  }

  @MutationMapping
  Mono<RecordAdjustmentPayload> recordAdjustment(CurrentUser caller, @Argument RecordAdjustmentInput input) {
    return records.recordAdjustment(caller, input).map(RecordAdjustmentPayload::new);
  }

  @MutationMapping
  Mono<RecordHonourPayload> recordHonour(CurrentUser caller, @Argument RecordHonourInput input) {
    return records.recordHonour(caller, input).map(in -> new RecordHonourPayload(in.memberId(), in.honour()));
  }

  @MutationMapping
  Mono<OrganizationAssessmentPayload> recordOrganizationAssessment(CurrentUser caller, @Argument RecordOrganizationAssessmentInput input) {
    return assessments.record(caller, input).map(OrganizationAssessmentPayload::new);
  }

  @QueryMapping
  Mono<List<OrganizationResult>> organizationAssessments(CurrentUser caller, @Argument int year) {
    return assessments.results(caller, year);
  }

  @MutationMapping
  Mono<RecordVetoPayload> recordVeto(CurrentUser caller, @Argument RecordVetoInput input) {
    return records.recordVeto(caller, input).map(RecordVetoPayload::new);
  }

  @MutationMapping
  Mono<SettleBranchPayload> settleBranch(CurrentUser caller, @Argument SettleBranchInput input) {
    return settleBranch.settle(caller, input).map(SettleBranchPayload::new);
  }

  @MutationMapping
  Mono<SettleTownshipPayload> settleTownship(CurrentUser caller, @Argument SettleTownshipInput input) {
    return settleTownship.settle(caller, input.year(), input.acknowledgeMissingMonths(), input.idempotencyKey())
        .map(t -> new SettleTownshipPayload(t.settled(), t.notSettled()));
  }

  @MutationMapping
  Mono<GradeExemptPayload> gradeExempt(CurrentUser caller, @Argument GradeExemptInput input) {
    return records.gradeExempt(caller, input).map(r -> new GradeExemptPayload(r.memberId(), r.grade()));
  }

  @MutationMapping
  Mono<ConfirmStarsPayload> confirmStars(CurrentUser caller, @Argument ConfirmStarsInput input) {
    return stars.confirm(caller, input)
        .flatMap(ids -> members.byIds(caller.requireTenant(), ids))
        .map(byId -> new ConfirmStarsPayload(new ArrayList<>(byId.values())));
  }
}
