package com.jifen.publication.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.shared.Xlsx;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** 组织处理: notices from final grades and their outcomes; removal cases and their steps. */
@Controller
class FollowUpController {
  private final IssueNotices issuing;
  private final ReadNotices notices;
  private final RecordNoticeOutcome outcomes;
  private final OpenRemovalCase opening;
  private final RecordRemovalStep stepping;
  private final ApproveRemoval approving;
  private final ReadRemovalCases removals;
  private final MemberService members;

  FollowUpController(IssueNotices issuing, ReadNotices notices, RecordNoticeOutcome outcomes, OpenRemovalCase opening,
      RecordRemovalStep stepping, ApproveRemoval approving, ReadRemovalCases removals, MemberService members) {
    this.issuing = issuing;
    this.notices = notices;
    this.outcomes = outcomes;
    this.opening = opening;
    this.stepping = stepping;
    this.approving = approving;
    this.removals = removals;
    this.members = members;
  }

  record IssueNoticesPayload(List<Notice> notices) {}

  record RecordNoticeOutcomePayload(Notice notice) {}

  record RemovalCasePayload(RemovalCase removalCase) {}

  @QueryMapping
  Mono<List<Notice>> myNotices(CurrentUser caller) {
    return notices.mine(caller);
  }

  @QueryMapping
  Mono<List<Notice>> notices(CurrentUser caller, @Argument int year, @Argument Boolean overdueOnly) {
    return notices.notices(caller, year, Boolean.TRUE.equals(overdueOnly));
  }

  @QueryMapping
  Mono<Xlsx.File> noticePdf(CurrentUser caller, @Argument String noticeId) {
    return notices.pdf(caller, noticeId);
  }

  @QueryMapping
  Mono<RemovalCase> removalCase(CurrentUser caller, @Argument String caseId) {
    return removals.removalCase(caller, caseId);
  }

  @QueryMapping
  Mono<List<RemovalCase>> removalCases(CurrentUser caller) {
    return removals.removalCases(caller);
  }

  @MutationMapping
  Mono<IssueNoticesPayload> issueNotices(CurrentUser caller, @Argument IssueNotices.IssueNoticesInput input) {
    return issuing.issue(caller, input).map(IssueNoticesPayload::new);
  }

  @MutationMapping
  Mono<RecordNoticeOutcomePayload> recordNoticeOutcome(CurrentUser caller, @Argument RecordNoticeOutcome.RecordNoticeOutcomeInput input) {
    return outcomes.record(caller, input).map(RecordNoticeOutcomePayload::new);
  }

  @MutationMapping
  Mono<RemovalCasePayload> openRemovalCase(CurrentUser caller, @Argument OpenRemovalCase.OpenRemovalCaseInput input) {
    return opening.open(caller, input).map(RemovalCasePayload::new);
  }

  @MutationMapping
  Mono<RemovalCasePayload> approveRemoval(CurrentUser caller, @Argument ApproveRemoval.ApproveRemovalInput input) {
    return approving.approve(caller, input).map(RemovalCasePayload::new);
  }

  @MutationMapping
  Mono<RemovalCasePayload> recordRemovalStep(CurrentUser caller, @Argument RecordRemovalStep.RecordRemovalStepInput input) {
    return stepping.record(caller, input).map(RemovalCasePayload::new);
  }

  @BatchMapping(typeName = "Notice", field = "member")
  Mono<Map<Notice, Member>> noticeMember(List<Notice> list) {
    return MembersOf.batch(members, list, Notice::memberId, Notice::tenantId);
  }

  @BatchMapping(typeName = "RemovalCase", field = "member")
  Mono<Map<RemovalCase, Member>> caseMember(List<RemovalCase> list) {
    return MembersOf.batch(members, list, RemovalCase::memberId, RemovalCase::tenantId);
  }
}
