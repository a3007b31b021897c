package com.jifen.organization.internal;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.organization.MemberCategory;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationKind;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.OrganizationId;
import com.jifen.tenancy.TenantScope;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Adds an organization to the tree (township admins): a committee at the top, the others under a fitting parent. */
@Component
class CreateOrganization {
  private final TenantScope scope;
  private final ReadOrganizations organizations;
  private final AuditLog audit;
  private final Clock clock;

  CreateOrganization(TenantScope scope, ReadOrganizations organizations, AuditLog audit, Clock clock) {
    this.scope = scope;
    this.organizations = organizations;
    this.audit = audit;
    this.clock = clock;
  }

  record CreateOrganizationInput(String parentId, String code, String name, OrganizationKind kind, MemberCategory category) {}

  Mono<Organization> create(CurrentUser user, CreateOrganizationInput in) {
    user.requireTownshipManager();
    var tenant = user.requireTenant();
    Inputs.checkOrganizationCodeAndName(in.code(), in.name());
    OrganizationId id = new OrganizationId(Ids.newId());
    return scope.inTx(tenant, tx -> {
      Mono<Organization> parent = in.parentId() == null
          ? Mono.<Organization>empty()
          : organizations.find(tx, new OrganizationId(Ids.parse("上级党组织", in.parentId())));
      return parent.map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(p -> {
        OrganizationKind parentKind = p.map(Organization::kind).orElse(null);
        if (!in.kind().mayHaveParent(parentKind)) {
          return Mono.error(DomainException.badRequest("INVALID_PARENT",
              "%s不能设在%s之下".formatted(in.kind().chinese(), parentKind == null ? "顶层" : parentKind.chinese())));
        }
        String path = p.map(Organization::path).orElse("/") + id + "/";
        return OrganizationQueries.insertOrganization(tx, id, p.map(Organization::id).orElse(null), in.code().trim(),
                in.name().trim(), in.kind(), in.category(), path, clock.instant())
            .then(audit.record(tx, user.username(), "createOrganization", id.toString(),
                Map.of("code", in.code(), "name", in.name(), "kind", in.kind().name())))
            .then(organizations.find(tx, id));
      });
    });
  }
}
