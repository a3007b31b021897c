package com.jifen.scheme;

import com.jifen.identity.CurrentUsers;
import com.jifen.scheme.config.ConfigError;
import com.jifen.scheme.config.SchemeConfigException;
import com.jifen.scheme.config.SchemeLoader;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class SchemeController {
  private final SchemeService schemes;

  SchemeController(SchemeService schemes) {
    this.schemes = schemes;
  }

  record PublishSchemeInput(String yaml, String note) {}

  record PublishSchemePayload(SchemeService.SchemeVersion version) {}

  record PinSchemeInput(int year, String category, String schemeCode, int version) {}

  record PinSchemePayload(SchemeService.PinnedScheme pinned) {}

  /** The four seed schemes as templates: any signed-in township user may read them (they hold no township data). */
  @QueryMapping
  Mono<List<ShippedSchemes.Template>> schemeTemplates() {
    return CurrentUsers.current().map(u -> ShippedSchemes.templates());
  }

  @QueryMapping
  Mono<List<SchemeService.SchemeSummary>> schemes() {
    return CurrentUsers.current().flatMap(schemes::list);
  }

  @QueryMapping
  Mono<List<SchemeService.PinnedScheme>> scoringYear(@Argument int year) {
    return CurrentUsers.current().flatMap(u -> schemes.pinned(u, year));
  }

  @QueryMapping
  Mono<WhatIf.WhatIfResult> whatIf(@Argument WhatIf.WhatIfInput input) {
    return CurrentUsers.current().flatMap(u -> {
      u.requireTownshipManager();
      return schemes.engine(u, input.schemeCode(), input.version());
    }).map(current -> WhatIf.compare(current, input));
  }

  record SchemeValidation(boolean valid, List<ConfigError> errors) {}

  /** The publishing validator without publishing: the editor calls it as the clerk types, so it reads nothing. */
  @QueryMapping
  Mono<SchemeValidation> validateScheme(@Argument String yaml) {
    return CurrentUsers.current().map(u -> {
      u.requireTownshipManager();
      try {
        SchemeLoader.load("schemes/draft.yaml", yaml);
        return new SchemeValidation(true, List.of());
      } catch (SchemeConfigException e) {
        return new SchemeValidation(false, e.errors());
      }
    });
  }

  @MutationMapping
  Mono<PublishSchemePayload> publishScheme(@Argument PublishSchemeInput input) {
    return CurrentUsers.current().flatMap(u -> schemes.publish(u, input.yaml(), input.note())).map(PublishSchemePayload::new);
  }

  @MutationMapping
  Mono<PinSchemePayload> pinScheme(@Argument PinSchemeInput input) {
    return CurrentUsers.current()
        .flatMap(u -> schemes.pin(u, input.year(), input.category(), input.schemeCode(), input.version()))
        .map(PinSchemePayload::new);
  }
}
