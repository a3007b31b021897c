package com.jifen.statistics.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.identity.Role;
import com.jifen.shared.DomainException;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.Township;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The county side of county reviews: which townships belong to the reviewer's county (the county-directory
 * policy on the tenant table) and county-level rows (settings, county audit), all in a transaction whose
 * {@code app.county_id} is the reviewer's county. Every figure about a township is read in that township's own
 * tenant transaction instead.
 */
@Component
class CountyDirectory {
  private final TenantScope scope;

  CountyDirectory(TenantScope scope) {
    this.scope = scope;
  }

  /** The reviewer's county; township roles and accounts without a county are refused. */
  static String countyOf(CurrentUser user) {
    user.require(Role.COUNTY_REVIEWER, Role.PLATFORM_ADMIN);
    return user.county().orElseThrow(() -> DomainException.forbidden("该账号未关联县 (no county on this account)"));
  }

  <T> Mono<T> inCounty(String county, Function<DatabaseClient, Mono<T>> work) {
    return scope.inCounty(county, work);
  }

  Flux<Township> townships(String county) {
    return inCounty(county, db -> CountyQueries.townships(db, county)).flatMapMany(Flux::fromIterable);
  }

  /** One township of the county, or NOT_FOUND (a township of another county is not revealed to exist). */
  Mono<Township> township(String county, String townshipId) {
    return townships(county).filter(t -> t.id().equals(townshipId)).next()
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("乡镇", townshipId)));
  }
}
