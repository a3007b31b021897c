package com.jifen.organization.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationKind;
import com.jifen.organization.internal.OrganizationQueries.MemberCount;
import com.jifen.shared.DomainException;
import com.jifen.shared.OrganizationId;
import com.jifen.shared.Page;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The township's organization tree as everyone in the township reads it, and the batch loads of nested fields. */
@Component
public class ReadOrganizations {
  private final TenantScope scope;

  ReadOrganizations(TenantScope scope) {
    this.scope = scope;
  }

  Mono<Organization> get(CurrentUser user, String id) {
    OrganizationId orgId = OrganizationId.parse(id);
    return scope.inTx(user.requireTenant(), tx -> find(tx, orgId));
  }

  Mono<Window<Organization>> list(CurrentUser user, Page.Request page, String parentId, OrganizationKind kind) {
    TenantId tenant = user.requireTenant();
    OrganizationId parent = parentId == null ? null : OrganizationId.parse(parentId);
    return scope.inTx(tenant, tx -> OrganizationQueries.organizationPage(tx, parent, kind, page))
        .map(rows -> Page.window(rows, page.limit(), o -> Map.of("code", o.code(), "id", o.id().toString())));
  }

  public Mono<Organization> find(TenantTx tx, OrganizationId id) {
    return OrganizationQueries.organization(tx, id).switchIfEmpty(Mono.error(() -> DomainException.notFound("党组织", id)));
  }

  public Mono<Organization> byCode(CurrentUser user, String code) {
    return scope.inTx(user.requireTenant(), tx -> OrganizationQueries.organizationByCode(tx, code));
  }

  /** Batch loads for nested fields: one query for all parents / children / counts of a response. */
  public Mono<Map<OrganizationId, Organization>> byIds(TenantId tenant, Collection<OrganizationId> ids) {
    if (ids.isEmpty()) {
      return Mono.just(Map.of());
    }
    return scope.inTxMany(tenant, tx -> OrganizationQueries.organizationsByIds(tx, ids))
        .collectMap(Organization::id, Function.identity());
  }

  Mono<Map<OrganizationId, List<Organization>>> childrenOf(TenantId tenant, Collection<OrganizationId> parents) {
    return scope.inTxMany(tenant, tx -> OrganizationQueries.childrenOf(tx, parents))
        .collectList()
        .map(rows -> rows.stream().collect(Collectors.groupingBy(Organization::parentId)));
  }

  Mono<Map<OrganizationId, Integer>> activeMemberCounts(TenantId tenant, Collection<OrganizationId> organizations) {
    return scope.inTxMany(tenant, tx -> OrganizationQueries.activeMemberCounts(tx, organizations))
        .collectMap(MemberCount::organization, MemberCount::active);
  }
}
