package com.jifen.settlement;

import com.jifen.identity.CurrentUsers;
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
  Mono<List<DutyCard>> dutyCards(@Argument int year) {
    return CurrentUsers.current().flatMap(u -> cards.cards(u, year));
  }

  @MutationMapping
  Mono<DutyCardPayload> openDutyCard(@Argument OpenDutyCardInput input) {
    return CurrentUsers.current().flatMap(u -> cards.open(u, input)).map(DutyCardPayload::new);
  }

  @MutationMapping
  Mono<DutyCardPayload> recordCardFulfilment(@Argument RecordCardFulfilmentInput input) {
    return CurrentUsers.current().flatMap(u -> cards.recordFulfilment(u, input)).map(DutyCardPayload::new);
  }

  @MutationMapping
  Mono<DutyCardPayload> evaluateDutyCard(@Argument EvaluateDutyCardInput input) {
    return CurrentUsers.current().flatMap(u -> cards.evaluate(u, input)).map(DutyCardPayload::new);
  }
}
