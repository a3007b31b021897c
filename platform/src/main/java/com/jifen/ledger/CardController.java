package com.jifen.ledger;

import com.jifen.identity.CurrentUser;
import com.jifen.ledger.internal.AttentionList;
import com.jifen.ledger.internal.MemberCards;
import com.jifen.ledger.internal.Rankings;
import com.jifen.ledger.internal.RecordAttendance;
import com.jifen.shared.BranchId;
import com.jifen.shared.Xlsx;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** 积分卡 and 排名 through GraphQL: a member's card, the branch's attention list and attendance, the rankings. */
@Controller
class CardController {
  private final MemberCards cards;
  private final AttentionList attention;
  private final RecordAttendance attendance;
  private final Rankings rankings;

  CardController(MemberCards cards, AttentionList attention, RecordAttendance attendance, Rankings rankings) {
    this.cards = cards;
    this.attention = attention;
    this.attendance = attendance;
    this.rankings = rankings;
  }

  record RecordAttendancePayload(RecordAttendance.BranchAttendance attendance) {}

  @QueryMapping
  Mono<MemberCards.MemberCard> memberCard(CurrentUser caller, @Argument String memberId, @Argument int year) {
    return cards.card(caller, memberId, year);
  }

  @QueryMapping
  Mono<Xlsx.File> memberCardXlsx(CurrentUser caller, @Argument String memberId, @Argument int year) {
    return cards.export(caller, memberId, year);
  }

  @QueryMapping
  Mono<List<AttentionMember>> attentionList(CurrentUser caller, @Argument String branchId, @Argument int year, @Argument int month) {
    return attention.attention(caller, BranchId.parse(branchId), year, month);
  }

  @QueryMapping
  Mono<Rankings.Ranking> ranking(CurrentUser caller, @Argument Rankings.RankingInput input) {
    return rankings.ranking(caller, input);
  }

  @MutationMapping
  Mono<RecordAttendancePayload> recordAttendance(CurrentUser caller, @Argument RecordAttendance.RecordAttendanceInput input) {
    return attendance.record(caller, input).map(RecordAttendancePayload::new);
  }
}
