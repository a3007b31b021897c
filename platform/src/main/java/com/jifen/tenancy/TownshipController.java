package com.jifen.tenancy;

import com.jifen.identity.CurrentUser;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class TownshipController {
  private final TownshipService townships;

  TownshipController(TownshipService townships) {
    this.townships = townships;
  }

  record UpdateTownshipInput(String rankingVisibility) {}

  record TownshipPayload(Township township) {}

  @MutationMapping
  Mono<TownshipPayload> updateTownship(CurrentUser caller, @Argument UpdateTownshipInput input) {
    return townships.update(caller, input.rankingVisibility()).map(TownshipPayload::new);
  }
}
