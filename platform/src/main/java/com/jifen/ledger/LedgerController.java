package com.jifen.ledger;

import com.jifen.identity.CurrentUsers;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class LedgerController {
  private final MonthSheetService sheets;
  private final EntryService entries;
  private final CardService cards;
  private final RankingService rankings;
  private final MemberService members;
  private final AttendanceService attendance;

  LedgerController(MonthSheetService sheets, EntryService entries, CardService cards, RankingService rankings,
      MemberService members, AttendanceService attendance) {
    this.sheets = sheets;
    this.entries = entries;
    this.cards = cards;
    this.rankings = rankings;
    this.members = members;
    this.attendance = attendance;
  }

  record RecordAttendancePayload(AttendanceService.Attendance attendance) {}

  @MutationMapping
  Mono<RecordAttendancePayload> recordAttendance(@Argument AttendanceService.RecordAttendanceInput input) {
    return CurrentUsers.current().flatMap(u -> attendance.record(u, input)).map(RecordAttendancePayload::new);
  }

  record SelfAssessPayload(int saved) {}

  /** @param warnings e.g. an addition above the scheme's yearly cap: kept, but the excess does not count */
  record PostEntryPayload(LedgerEntry entry, List<String> warnings) {}

  record PublishMonthPayload(MonthSheetService.PublishedSheet sheet) {}

  @QueryMapping
  Mono<MonthSheetService.MonthSheet> monthSheet(@Argument String branchId, @Argument int year, @Argument int month) {
    return CurrentUsers.current().flatMap(u -> sheets.sheet(u, branchId, year, month));
  }

  @QueryMapping
  Mono<CardService.MemberCard> memberCard(@Argument String memberId, @Argument int year) {
    return CurrentUsers.current().flatMap(u -> cards.card(u, memberId, year));
  }

  @QueryMapping
  Mono<MonthSheetService.PublishedSheet> publishedSheet(@Argument String branchId, @Argument int year, @Argument int month) {
    return CurrentUsers.current().flatMap(u -> sheets.published(u, branchId, year, month));
  }

  @QueryMapping
  Mono<RankingService.Ranking> ranking(@Argument RankingService.RankingInput input) {
    return CurrentUsers.current().flatMap(u -> rankings.ranking(u, input));
  }

  @QueryMapping
  Mono<Evidence> evidence(@Argument String id) {
    return CurrentUsers.current().flatMap(u -> entries.evidenceWithFile(u, id, cards));
  }

  @QueryMapping
  Mono<List<CardService.AttentionMember>> attentionList(@Argument String branchId, @Argument int year, @Argument int month) {
    return CurrentUsers.current().flatMap(u -> cards.attention(u, branchId, year, month));
  }

  @QueryMapping
  Mono<com.jifen.shared.Xlsx.File> monthSheetXlsx(@Argument String branchId, @Argument int year, @Argument int month) {
    return CurrentUsers.current().flatMap(u -> sheets.exportMonth(u, branchId, year, month));
  }

  @QueryMapping
  Mono<com.jifen.shared.Xlsx.File> memberCardXlsx(@Argument String memberId, @Argument int year) {
    return CurrentUsers.current().flatMap(u -> cards.export(u, memberId, year));
  }

  @MutationMapping
  Mono<MonthSheetService.ImportMonthSheetPayload> importMonthSheet(@Argument MonthSheetService.ImportMonthSheetInput input) {
    return CurrentUsers.current().flatMap(u -> sheets.importMonth(u, input));
  }

  @MutationMapping
  Mono<MonthSheetService.SaveResult> saveMonthDraft(@Argument MonthSheetService.SaveMonthDraftInput input) {
    return CurrentUsers.current().flatMap(u -> sheets.saveDraft(u, input));
  }

  @MutationMapping
  Mono<MonthSheetService.ConfirmResult> confirmMonth(@Argument MonthSheetService.ConfirmMonthInput input) {
    return CurrentUsers.current().flatMap(u -> sheets.confirm(u, input));
  }

  @MutationMapping
  Mono<SelfAssessPayload> selfAssess(@Argument MonthSheetService.SelfAssessInput input) {
    return CurrentUsers.current().flatMap(u -> sheets.selfAssess(u, input)).map(SelfAssessPayload::new);
  }

  @MutationMapping
  Mono<PostEntryPayload> postEntry(@Argument EntryService.PostEntryInput input) {
    return CurrentUsers.current().flatMap(u -> entries.post(u, input)
        .flatMap(entry -> entries.capWarnings(u, entry).map(w -> new PostEntryPayload(entry, w))));
  }

  @MutationMapping
  Mono<EntryService.Correction> correctEntry(@Argument EntryService.CorrectEntryInput input) {
    return CurrentUsers.current().flatMap(u -> entries.correct(u, input));
  }

  @MutationMapping
  Mono<PublishMonthPayload> publishMonth(@Argument MonthSheetService.PublishMonthInput input) {
    return CurrentUsers.current().flatMap(u -> sheets.publish(u, input)).map(PublishMonthPayload::new);
  }

  /** Each mutation payload names one sheet; loading it only when asked keeps bulk posting lean. */
  @org.springframework.graphql.data.method.annotation.SchemaMapping(typeName = "SaveMonthDraftPayload", field = "sheet")
  Mono<MonthSheetService.MonthSheet> savedSheet(MonthSheetService.SaveResult result) {
    return sheets.load(result.ref());
  }

  @org.springframework.graphql.data.method.annotation.SchemaMapping(typeName = "ConfirmMonthPayload", field = "sheet")
  Mono<MonthSheetService.MonthSheet> confirmedSheet(MonthSheetService.ConfirmResult result) {
    return sheets.load(result.ref());
  }

  @BatchMapping(typeName = "LedgerEntry", field = "member")
  Mono<Map<LedgerEntry, Member>> entryMember(List<LedgerEntry> list) {
    var ids = list.stream().map(LedgerEntry::memberId).collect(Collectors.toSet());
    return members.byIds(list.getFirst().tenantId(), ids).map(byId -> list.stream()
        .collect(Collectors.toMap(Function.identity(), e -> byId.get(e.memberId()))));
  }

  @BatchMapping(typeName = "LedgerEntry", field = "evidence")
  Mono<Map<LedgerEntry, Evidence>> entryEvidence(List<LedgerEntry> list) {
    var ids = list.stream().map(LedgerEntry::evidenceId).filter(Objects::nonNull).collect(Collectors.toSet());
    if (ids.isEmpty()) {
      return Mono.just(Map.of());
    }
    return entries.evidence(list.getFirst().tenantId(), ids, false).map(byId -> list.stream()
        .filter(e -> e.evidenceId() != null && byId.containsKey(e.evidenceId()))
        .collect(Collectors.toMap(Function.identity(), e -> byId.get(e.evidenceId()))));
  }
}
