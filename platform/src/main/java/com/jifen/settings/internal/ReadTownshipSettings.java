package com.jifen.settings.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.tenancy.TenantScope;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The township's settings file as it would be written now: township admins, for their own township. */
@Component
class ReadTownshipSettings {
  private final TenantScope scope;

  ReadTownshipSettings(TenantScope scope) {
    this.scope = scope;
  }

  Mono<String> file(CurrentUser user) {
    user.requireTownshipManager();
    var tenant = user.requireTenant();
    return scope.inTx(tenant, SettingsQueries::settings).map(SettingsFile::write);
  }
}
