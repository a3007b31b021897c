package com.jifen.scheme.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.WhatIf;
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
  private final ReadSchemes schemes;
  private final PublishScheme publishing;
  private final PinScheme pinning;

  SchemeController(ReadSchemes schemes, PublishScheme publishing, PinScheme pinning) {
    this.schemes = schemes;
    this.publishing = publishing;
    this.pinning = pinning;
  }

  record PublishSchemeInput(String yaml, String note) {}

  record PublishSchemePayload(SchemeService.SchemeVersion version) {}

  record PinSchemeInput(int year, String category, String schemeCode, int version) {}

  record PinSchemePayload(SchemeService.PinnedScheme pinned) {}

  /** The four seed schemes as templates: any signed-in township user may read them (they hold no township data). */
  @QueryMapping
  List<SchemeTemplates.Template> schemeTemplates(CurrentUser signedIn) {
    return SchemeTemplates.templates();
  }

  @QueryMapping
  Mono<List<ReadSchemes.SchemeSummary>> schemes(CurrentUser caller) {
    return schemes.list(caller);
  }

  @QueryMapping
  Mono<List<SchemeService.PinnedScheme>> scoringYear(CurrentUser caller, @Argument int year) {
    return schemes.pinned(caller, year);
  }

  @QueryMapping
  Mono<WhatIf.WhatIfResult> whatIf(CurrentUser caller, @Argument CompareDraft.WhatIfInput input) {
    return schemes.whatIf(caller, input);
  }

  record SchemeValidation(boolean valid, List<ConfigError> errors) {}

  /** The publishing validator without publishing: the editor calls it as the clerk types, so it reads nothing. */
  @QueryMapping
  SchemeValidation validateScheme(CurrentUser caller, @Argument String yaml) {
    caller.requireTownshipManager();
    try {
      SchemeLoader.load("schemes/draft.yaml", yaml);
      return new SchemeValidation(true, List.of());
    } catch (SchemeConfigException e) {
      return new SchemeValidation(false, e.errors());
    }
  }

  @MutationMapping
  Mono<PublishSchemePayload> publishScheme(CurrentUser caller, @Argument PublishSchemeInput input) {
    return publishing.publish(caller, input.yaml(), input.note()).map(PublishSchemePayload::new);
  }

  @MutationMapping
  Mono<PinSchemePayload> pinScheme(CurrentUser caller, @Argument PinSchemeInput input) {
    return pinning.pin(caller, input.year(), input.category(), input.schemeCode(), input.version())
        .map(PinSchemePayload::new);
  }
}
