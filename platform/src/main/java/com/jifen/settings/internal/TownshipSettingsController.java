package com.jifen.settings.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.tenancy.TenantScope;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** townshipSettings (the file) and applyTownshipSettings: township admins, for their own township. */
@Controller
class TownshipSettingsController {
  private final TenantScope scope;
  private final ApplyTownshipSettings apply;

  TownshipSettingsController(TenantScope scope, ApplyTownshipSettings apply) {
    this.scope = scope;
    this.apply = apply;
  }

  record ApplyTownshipSettingsInput(String yaml) {}

  record ApplyTownshipSettingsPayload(String yaml) {}

  @QueryMapping
  Mono<String> townshipSettings(CurrentUser caller) {
    caller.requireTownshipManager();
    var tenant = caller.requireTenant();
    return scope.inTx(tenant, SettingsQueries::settings).map(SettingsFile::write);
  }

  @MutationMapping
  Mono<ApplyTownshipSettingsPayload> applyTownshipSettings(CurrentUser caller, @Argument ApplyTownshipSettingsInput input) {
    return apply.apply(caller, input.yaml()).map(s -> new ApplyTownshipSettingsPayload(SettingsFile.write(s)));
  }
}
