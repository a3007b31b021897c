package com.jifen.publication.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.publication.PublicationService.FinalizeSettlementInput;
import com.jifen.publication.PublicationService.PublishSettlementInput;
import com.jifen.settlement.SettlementService;
import com.jifen.shared.Xlsx;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** 公示与异议: the township's calendar, the publication of a branch's year, objections and final results. */
@Controller
class PublicationController {
  private final SetCalendar calendar;
  private final PublishResults publishing;
  private final ReadPublication reading;
  private final FileObjection filing;
  private final AnswerObjection answering;
  private final FinalizeResults finalizing;
  private final SettlementService settlements;
  private final MemberService members;

  PublicationController(SetCalendar calendar, PublishResults publishing, ReadPublication reading, FileObjection filing,
      AnswerObjection answering, FinalizeResults finalizing, SettlementService settlements, MemberService members) {
    this.calendar = calendar;
    this.publishing = publishing;
    this.reading = reading;
    this.filing = filing;
    this.answering = answering;
    this.finalizing = finalizing;
    this.settlements = settlements;
    this.members = members;
  }

  record PublishSettlementPayload(Publication publication) {}

  record FileObjectionPayload(Objection objection) {}

  record AnswerObjectionPayload(Objection objection) {}

  record FinalizeSettlementPayload(Publication publication) {}

  @QueryMapping
  Mono<Publication> publication(CurrentUser caller, @Argument String branchId, @Argument int year) {
    return reading.publication(caller, branchId, year);
  }

  @QueryMapping
  Mono<List<Objection>> monthObjections(CurrentUser caller, @Argument String branchId, @Argument int year) {
    return reading.monthObjections(caller, branchId, year);
  }

  @QueryMapping
  Mono<Xlsx.File> yearSummaryXlsx(CurrentUser caller, @Argument String branchId, @Argument int year) {
    return settlements.summaryXlsx(caller, branchId, year);
  }

  @QueryMapping
  Mono<Xlsx.File> publicationBoardXlsx(CurrentUser caller, @Argument String branchId, @Argument int year) {
    return settlements.boardXlsx(caller, branchId, year);
  }

  @MutationMapping
  Mono<SetCalendar.SetCalendarDaysPayload> setCalendarDays(CurrentUser caller, @Argument SetCalendar.SetCalendarDaysInput input) {
    return calendar.set(caller, input.days()).map(SetCalendar.SetCalendarDaysPayload::new);
  }

  @MutationMapping
  Mono<PublishSettlementPayload> publishSettlement(CurrentUser caller, @Argument PublishSettlementInput input) {
    return publishing.publish(caller, input).map(PublishSettlementPayload::new);
  }

  @MutationMapping
  Mono<FileObjectionPayload> fileObjection(CurrentUser caller, @Argument FileObjection.FileObjectionInput input) {
    return filing.file(caller, input).map(FileObjectionPayload::new);
  }

  @MutationMapping
  Mono<AnswerObjectionPayload> answerObjection(CurrentUser caller, @Argument AnswerObjection.AnswerObjectionInput input) {
    return answering.answer(caller, input).map(AnswerObjectionPayload::new);
  }

  @MutationMapping
  Mono<FinalizeSettlementPayload> finalizeSettlement(CurrentUser caller, @Argument FinalizeSettlementInput input) {
    return finalizing.finalizeResults(caller, input).map(FinalizeSettlementPayload::new);
  }

  @BatchMapping(typeName = "Objection", field = "member")
  Mono<Map<Objection, Member>> objectionMember(List<Objection> list) {
    return MembersOf.batch(members, list, Objection::memberId, Objection::tenantId);
  }
}
