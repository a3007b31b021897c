package com.jifen.settings.internal;

import com.jifen.identity.CurrentUser;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** townshipSettings (the file) and applyTownshipSettings: township admins, for their own township. */
@Controller
class TownshipSettingsController {
  private final ReadTownshipSettings settings;
  private final ApplyTownshipSettings apply;

  TownshipSettingsController(ReadTownshipSettings settings, ApplyTownshipSettings apply) {
    this.settings = settings;
    this.apply = apply;
  }

  record ApplyTownshipSettingsInput(String yaml) {}

  record ApplyTownshipSettingsPayload(String yaml) {}

  @QueryMapping
  Mono<String> townshipSettings(CurrentUser caller) {
    return settings.file(caller);
  }

  @MutationMapping
  Mono<ApplyTownshipSettingsPayload> applyTownshipSettings(CurrentUser caller, @Argument ApplyTownshipSettingsInput input) {
    return apply.apply(caller, input.yaml()).map(s -> new ApplyTownshipSettingsPayload(SettingsFile.write(s)));
  }
}
