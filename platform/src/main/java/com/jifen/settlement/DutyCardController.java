package com.jifen.settlement;

import com.jifen.identity.CurrentUser;
import com.jifen.settlement.internal.DutyCards;
import com.jifen.settlement.internal.DutyCards.DutyCard;
import com.jifen.settlement.internal.DutyCards.EvaluateDutyCardInput;
import com.jifen.settlement.internal.DutyCards.OpenDutyCardInput;
import com.jifen.settlement.internal.DutyCards.RecordCardFulfilmentInput;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** S3's responsibility and target cards (责任卡, 目标卡). */
@Controller
class DutyCardController {
  private final DutyCards cards;

  DutyCardController(DutyCards cards) {
    this.cards = cards;
  }

  record DutyCardPayload(DutyCard card) {}

  @QueryMapping
  Mono<List<DutyCard>> dutyCards(CurrentUser caller, @Argument int year) {
    return cards.cards(caller, year);
  }

  @MutationMapping
  Mono<DutyCardPayload> openDutyCard(CurrentUser caller, @Argument OpenDutyCardInput input) {
    return cards.open(caller, input).map(DutyCardPayload::new);
  }

  @MutationMapping
  Mono<DutyCardPayload> recordCardFulfilment(CurrentUser caller, @Argument RecordCardFulfilmentInput input) {
    return cards.recordFulfilment(caller, input).map(DutyCardPayload::new);
  }

  @MutationMapping
  Mono<DutyCardPayload> evaluateDutyCard(CurrentUser caller, @Argument EvaluateDutyCardInput input) {
    return cards.evaluate(caller, input).map(DutyCardPayload::new);
  }
}
