package com.jifen.organization.internal;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.organization.MemberCategory;
import com.jifen.organization.Organization;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.OrganizationId;
import com.jifen.tenancy.TenantScope;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Renames, recategorizes or moves an organization (township admins). A move carries the whole subtree along (every
 * path under it is rewritten in the same transaction) and may not put an organization under itself.
 */
@Component
class UpdateOrganization {
  private final TenantScope scope;
  private final ReadOrganizations organizations;
  private final AuditLog audit;
  private final Clock clock;

  UpdateOrganization(TenantScope scope, ReadOrganizations organizations, AuditLog audit, Clock clock) {
    this.scope = scope;
    this.organizations = organizations;
    this.audit = audit;
    this.clock = clock;
  }

  record UpdateOrganizationInput(String id, Integer version, String code, String name, MemberCategory category, String parentId) {}

  Mono<Organization> update(CurrentUser user, UpdateOrganizationInput in) {
    user.requireTownshipManager();
    var tenant = user.requireTenant();
    OrganizationId id = OrganizationId.parse(in.id());
    if (in.code() != null || in.name() != null) {
      Inputs.checkOrganizationCodeAndName(in.code() == null ? "X" : in.code(), in.name() == null ? "X" : in.name());
    }
    return scope.inTx(tenant, tx -> organizations.find(tx, id).flatMap(current -> {
      if (in.version() == null || current.version() != in.version()) {
        return Mono.error(DomainException.conflict("STALE_VERSION",
            "该党组织已被他人修改，请刷新后重试 (current version %d)".formatted(current.version()),
            Map.of("currentVersion", current.version())));
      }
      OrganizationId parentId = in.parentId() == null ? null : new OrganizationId(Ids.parse("上级党组织", in.parentId()));
      Mono<String> newPath = parentId == null
          ? Mono.just(current.path())
          : organizations.find(tx, parentId).flatMap(parent -> {
              if (parent.path().startsWith(current.path())) {
                return Mono.error(DomainException.badRequest("CYCLE", "不能把党组织移到它自己或它的下级之下"));
              }
              if (!current.kind().mayHaveParent(parent.kind())) {
                return Mono.error(DomainException.badRequest("INVALID_PARENT",
                    "%s不能设在%s之下".formatted(current.kind().chinese(), parent.kind().chinese())));
              }
              return Mono.just(parent.path() + id + "/");
            });
      return newPath.flatMap(path -> OrganizationQueries.updateOrganization(tx, current,
                  in.code() == null ? current.code() : in.code().trim(),
                  in.name() == null ? current.name() : in.name().trim(),
                  in.category() != null ? in.category() : current.category(),
                  parentId != null ? parentId : current.parentId(), clock.instant())
              .flatMap(n -> path.equals(current.path()) ? Mono.just(n) : OrganizationQueries.movePaths(tx, current.path(), path)))
          .then(audit.record(tx, user.username(), "updateOrganization", id.toString(),
              Map.of("before", Map.of("code", current.code(), "name", current.name(), "path", current.path()))))
          .then(organizations.find(tx, id));
    }));
  }
}
