package com.jifen.publication;

import com.jifen.identity.CurrentUsers;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.settlement.SettlementService;
import com.jifen.shared.Xlsx;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class PublicationController {
  private final PublicationService publications;
  private final FollowUpService followUps;
  private final SettlementService settlements;
  private final MemberService members;

  PublicationController(PublicationService publications, FollowUpService followUps, SettlementService settlements, MemberService members) {
    this.publications = publications;
    this.followUps = followUps;
    this.settlements = settlements;
    this.members = members;
  }

  record SetCalendarDaysInput(List<PublicationService.CalendarDayInput> days) {}

  record Saved(int saved) {}

  record PublicationPayload(PublicationService.Publication publication) {}

  record ObjectionPayload(PublicationService.Objection objection) {}

  record NoticesPayload(List<FollowUpService.Notice> notices) {}

  record NoticePayload(FollowUpService.Notice notice) {}

  record RemovalCasePayload(FollowUpService.RemovalCase removalCase) {}

  @QueryMapping
  Mono<PublicationService.Publication> publication(@Argument String branchId, @Argument int year) {
    return CurrentUsers.current().flatMap(u -> publications.get(u, branchId, year));
  }

  @QueryMapping
  Mono<List<PublicationService.Objection>> monthObjections(@Argument String branchId, @Argument int year) {
    return CurrentUsers.current().flatMap(u -> publications.monthObjections(u, branchId, year));
  }

  @QueryMapping
  Mono<List<FollowUpService.Notice>> myNotices() {
    return CurrentUsers.current().flatMap(followUps::mine);
  }

  @QueryMapping
  Mono<List<FollowUpService.Notice>> notices(@Argument int year, @Argument Boolean overdueOnly) {
    return CurrentUsers.current().flatMap(u -> followUps.notices(u, year, Boolean.TRUE.equals(overdueOnly)));
  }

  @QueryMapping
  Mono<Xlsx.File> noticePdf(@Argument String noticeId) {
    return CurrentUsers.current().flatMap(u -> followUps.pdf(u, noticeId));
  }

  @QueryMapping
  Mono<FollowUpService.RemovalCase> removalCase(@Argument String caseId) {
    return CurrentUsers.current().flatMap(u -> followUps.removal(u, caseId));
  }

  @QueryMapping
  Mono<List<FollowUpService.RemovalCase>> removalCases() {
    return CurrentUsers.current().flatMap(followUps::removals);
  }

  @QueryMapping
  Mono<Xlsx.File> yearSummaryXlsx(@Argument String branchId, @Argument int year) {
    return CurrentUsers.current().flatMap(u -> settlements.summaryXlsx(u, branchId, year));
  }

  @QueryMapping
  Mono<Xlsx.File> publicationBoardXlsx(@Argument String branchId, @Argument int year) {
    return CurrentUsers.current().flatMap(u -> settlements.boardXlsx(u, branchId, year));
  }

  @MutationMapping
  Mono<Saved> setCalendarDays(@Argument SetCalendarDaysInput input) {
    return CurrentUsers.current().flatMap(u -> publications.setCalendar(u, input.days())).map(Saved::new);
  }

  @MutationMapping
  Mono<PublicationPayload> publishSettlement(@Argument PublicationService.PublishInput input) {
    return CurrentUsers.current().flatMap(u -> publications.publish(u, input)).map(PublicationPayload::new);
  }

  @MutationMapping
  Mono<ObjectionPayload> fileObjection(@Argument PublicationService.FileObjectionInput input) {
    return CurrentUsers.current().flatMap(u -> publications.file(u, input)).map(ObjectionPayload::new);
  }

  @MutationMapping
  Mono<ObjectionPayload> answerObjection(@Argument PublicationService.AnswerObjectionInput input) {
    return CurrentUsers.current().flatMap(u -> publications.answer(u, input)).map(ObjectionPayload::new);
  }

  @MutationMapping
  Mono<PublicationPayload> finalizeSettlement(@Argument PublicationService.FinalizeInput input) {
    return CurrentUsers.current().flatMap(u -> publications.finalizeResults(u, input)).map(PublicationPayload::new);
  }

  @MutationMapping
  Mono<NoticesPayload> issueNotices(@Argument FollowUpService.IssueInput input) {
    return CurrentUsers.current().flatMap(u -> followUps.issue(u, input)).map(NoticesPayload::new);
  }

  @MutationMapping
  Mono<NoticePayload> recordNoticeOutcome(@Argument FollowUpService.OutcomeInput input) {
    return CurrentUsers.current().flatMap(u -> followUps.outcome(u, input)).map(NoticePayload::new);
  }

  @MutationMapping
  Mono<RemovalCasePayload> openRemovalCase(@Argument FollowUpService.OpenRemovalInput input) {
    return CurrentUsers.current().flatMap(u -> followUps.openRemoval(u, input)).map(RemovalCasePayload::new);
  }

  @MutationMapping
  Mono<RemovalCasePayload> approveRemoval(@Argument FollowUpService.ApproveRemovalInput input) {
    return CurrentUsers.current().flatMap(u -> followUps.approveRemoval(u, input)).map(RemovalCasePayload::new);
  }

  @MutationMapping
  Mono<RemovalCasePayload> recordRemovalStep(@Argument FollowUpService.RecordStepInput input) {
    return CurrentUsers.current().flatMap(u -> followUps.recordStep(u, input)).map(RemovalCasePayload::new);
  }

  @BatchMapping(typeName = "Objection", field = "member")
  Mono<Map<PublicationService.Objection, Member>> objectionMember(List<PublicationService.Objection> list) {
    return members.byIds(list.getFirst().tenantId(), list.stream().map(PublicationService.Objection::memberId).collect(Collectors.toSet()))
        .map(byId -> list.stream().collect(Collectors.toMap(Function.identity(), o -> byId.get(o.memberId()))));
  }

  @BatchMapping(typeName = "Notice", field = "member")
  Mono<Map<FollowUpService.Notice, Member>> noticeMember(List<FollowUpService.Notice> list) {
    return members.byIds(list.getFirst().tenantId(), list.stream().map(FollowUpService.Notice::memberId).collect(Collectors.toSet()))
        .map(byId -> list.stream().collect(Collectors.toMap(Function.identity(), n -> byId.get(n.memberId()))));
  }

  @BatchMapping(typeName = "RemovalCase", field = "member")
  Mono<Map<FollowUpService.RemovalCase, Member>> caseMember(List<FollowUpService.RemovalCase> list) {
    return members.byIds(list.getFirst().tenantId(), list.stream().map(FollowUpService.RemovalCase::memberId).collect(Collectors.toSet()))
        .map(byId -> list.stream().collect(Collectors.toMap(Function.identity(), c -> byId.get(c.memberId()))));
  }
}
