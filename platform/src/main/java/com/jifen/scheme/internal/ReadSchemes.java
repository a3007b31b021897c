package com.jifen.scheme.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.scheme.SchemeService.PinnedScheme;
import com.jifen.scheme.SchemeService.SchemeVersion;
import com.jifen.scheme.WhatIf;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** A township's schemes as its users read them: the versions, a year's pins and a draft's what-if against a version. */
@Component
class ReadSchemes {
  private final TenantScope scope;
  private final SchemeEngines engines;

  ReadSchemes(TenantScope scope, SchemeEngines engines) {
    this.scope = scope;
    this.engines = engines;
  }

  record SchemeSummary(String code, String name, List<SchemeVersion> versions) {}

  Mono<List<SchemeSummary>> list(CurrentUser user) {
    TenantId tenant = user.requireTenant();
    return scope.inTxMany(tenant, SchemeQueries::versions)
        .collectList()
        .map(all -> all.stream()
            .collect(Collectors.groupingBy(SchemeVersion::schemeCode, TreeMap::new, Collectors.toList()))
            .values().stream()
            .map(vs -> new SchemeSummary(vs.getFirst().schemeCode(), vs.getLast().name(), vs))
            .toList());
  }

  Mono<List<PinnedScheme>> pinned(CurrentUser user, int year) {
    TenantId tenant = user.requireTenant();
    return scope.inTx(tenant, tx -> SchemeQueries.pins(tx, year));
  }

  Mono<WhatIf.WhatIfResult> whatIf(CurrentUser user, CompareDraft.WhatIfInput input) {
    user.requireTownshipManager();
    return scope.inTx(user.requireTenant(), tx -> engines.engine(tx, input.schemeCode(), input.version()))
        .map(current -> CompareDraft.compare(current, input));
  }
}
