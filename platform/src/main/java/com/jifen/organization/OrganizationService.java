package com.jifen.organization;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.Page;
import com.jifen.shared.Sql;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The township's organization tree: reads for everyone in the township, changes by township admins. */
@Service
public class OrganizationService {
  private final TenantScope scope;
  private final AuditLog audit;

  OrganizationService(TenantScope scope, AuditLog audit) {
    this.scope = scope;
    this.audit = audit;
  }

  public record CreateOrganizationInput(
      String parentId, String code, String name, OrganizationKind kind, MemberCategory category) {}

  public record UpdateOrganizationInput(
      String id, Integer version, String code, String name, MemberCategory category, String parentId) {}

  public Mono<Organization> get(CurrentUser user, String id) {
    UUID orgId = Ids.parse("党组织", id);
    return scope.inTx(user.requireTenant(), tx -> find(tx, orgId));
  }

  public Mono<Window<Organization>> list(
      CurrentUser user, Page.Request page, String parentId, OrganizationKind kind) {
    TenantId tenant = user.requireTenant();
    int limit = page.limit();
    UUID parent = parentId == null ? null : Ids.parse("党组织", parentId);
    StringBuilder sql = new StringBuilder("select " + Organization.COLUMNS + " from organization where tenant_id = :tenant");
    if (parent != null) {
      sql.append(" and parent_id = :parent");
    }
    if (kind != null) {
      sql.append(" and kind = :kind");
    }
    if (page.hasAfter()) {
      sql.append(" and (code, org_id) > (:afterCode, :afterId)");
    }
    sql.append(" order by code, org_id limit :limit");
    return scope.inTx(tenant, tx -> {
      var spec = tx.sql(sql.toString()).bind("tenant", tenant.value()).bind("limit", limit + 1);
      if (parent != null) {
        spec = spec.bind("parent", parent);
      }
      if (kind != null) {
        spec = spec.bind("kind", kind.name());
      }
      if (page.hasAfter()) {
        spec = spec.bind("afterCode", page.key("code")).bind("afterId", page.uuid("id"));
      }
      return spec.map(Organization::read).all().collectList()
          .map(rows -> Page.window(rows, limit, o -> Map.of("code", o.code(), "id", o.id().toString())));
    });
  }

  public Mono<Organization> byCode(CurrentUser user, String code) {
    TenantId tenant = user.requireTenant();
    return scope.inTx(tenant, tx -> findByCode(tx, code));
  }

  public Mono<Organization> find(TenantTx tx, UUID id) {
    return tx.sql("select " + Organization.COLUMNS + " from organization where tenant_id = :tenant and org_id = :id")
        .bind("tenant", tx.tenant().value())
        .bind("id", id)
        .map(Organization::read)
        .one()
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("党组织", id)));
  }

  Mono<Organization> findByCode(TenantTx tx, String code) {
    return tx.sql("select " + Organization.COLUMNS + " from organization where tenant_id = :tenant and code = :code")
        .bind("tenant", tx.tenant().value())
        .bind("code", code)
        .map(Organization::read)
        .one();
  }

  /** Batch loads for nested fields: one query for all parents / children / counts of a response. */
  public Mono<Map<UUID, Organization>> byIds(TenantId tenant, Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Mono.just(Map.of());
    }
    return scope.inTxMany(tenant, tx -> tx.sql(
                "select " + Organization.COLUMNS + " from organization where tenant_id = :tenant and org_id = any(:ids)")
            .bind("tenant", tenant.value())
            .bind("ids", ids.toArray(UUID[]::new))
            .map(Organization::read)
            .all())
        .collectMap(Organization::id, Function.identity());
  }

  public Mono<Map<UUID, List<Organization>>> childrenOf(TenantId tenant, Collection<UUID> parents) {
    return scope.inTxMany(tenant, tx -> tx.sql("select " + Organization.COLUMNS
                + " from organization where tenant_id = :tenant and parent_id = any(:ids) order by code")
            .bind("tenant", tenant.value())
            .bind("ids", parents.toArray(UUID[]::new))
            .map(Organization::read)
            .all())
        .collectList()
        .map(rows -> rows.stream().collect(Collectors.groupingBy(Organization::parentId)));
  }

  public Mono<Map<UUID, Integer>> activeMemberCounts(TenantId tenant, Collection<UUID> orgs) {
    return scope.inTxMany(tenant, tx -> tx.sql("select branch_id, count(*)::int as n from member "
                + "where tenant_id = :tenant and branch_id = any(:ids) and status = 'ACTIVE' group by branch_id")
            .bind("tenant", tenant.value())
            .bind("ids", orgs.toArray(UUID[]::new))
            .map(r -> Map.entry(r.get("branch_id", UUID.class), r.get("n", Integer.class)))
            .all())
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  public Mono<Organization> create(CurrentUser user, CreateOrganizationInput in) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    checkCodeAndName(in.code(), in.name());
    UUID id = Ids.newId();
    return scope.inTx(tenant, tx -> {
      Mono<Organization> parent = in.parentId() == null
          ? Mono.<Organization>empty()
          : find(tx, Ids.parse("上级党组织", in.parentId()));
      return parent.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()).flatMap(p -> {
        OrganizationKind parentKind = p.map(Organization::kind).orElse(null);
        if (!in.kind().mayHaveParent(parentKind)) {
          return Mono.error(DomainException.badRequest("INVALID_PARENT",
              "%s不能设在%s之下".formatted(in.kind().chinese(), parentKind == null ? "顶层" : parentKind.chinese())));
        }
        String path = p.map(Organization::path).orElse("/") + id + "/";
        var insert = tx.sql("insert into organization (tenant_id, org_id, parent_id, code, name, kind, category, path) "
                + "values (:tenant, :id, :parent, :code, :name, :kind, :category, :path)")
            .bind("tenant", tenant.value())
            .bind("id", id)
            .bind("code", in.code().trim())
            .bind("name", in.name().trim())
            .bind("kind", in.kind().name())
            .bind("path", path);
        insert = Sql.bind(insert, "parent", p.map(Organization::id).orElse(null), UUID.class);
        insert = Sql.bind(insert, "category", Sql.name(in.category()), String.class);
        return insert.fetch().rowsUpdated()
            .then(audit.record(tx, user.username(), "createOrganization", id.toString(),
                Map.of("code", in.code(), "name", in.name(), "kind", in.kind().name())))
            .then(find(tx, id));
      });
    });
  }

  public Mono<Organization> update(CurrentUser user, UpdateOrganizationInput in) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    UUID id = Ids.parse("党组织", in.id());
    if (in.code() != null || in.name() != null) {
      checkCodeAndName(in.code() == null ? "X" : in.code(), in.name() == null ? "X" : in.name());
    }
    return scope.inTx(tenant, tx -> find(tx, id).flatMap(current -> {
      if (in.version() == null || current.version() != in.version()) {
        return Mono.error(DomainException.conflict("STALE_VERSION",
            "该党组织已被他人修改，请刷新后重试 (current version %d)".formatted(current.version()),
            Map.of("currentVersion", current.version())));
      }
      Mono<String> newPath = in.parentId() == null
          ? Mono.just(current.path())
          : find(tx, Ids.parse("上级党组织", in.parentId())).flatMap(parent -> {
              if (parent.path().startsWith(current.path())) {
                return Mono.error(DomainException.badRequest("CYCLE", "不能把党组织移到它自己或它的下级之下"));
              }
              if (!current.kind().mayHaveParent(parent.kind())) {
                return Mono.error(DomainException.badRequest("INVALID_PARENT",
                    "%s不能设在%s之下".formatted(current.kind().chinese(), parent.kind().chinese())));
              }
              return Mono.just(parent.path() + id + "/");
            });
      return newPath.flatMap(path -> {
            var update = tx.sql("update organization set code = :code, name = :name, category = :category, "
                    + "parent_id = :parent, version = version + 1, updated_at = now() "
                    + "where tenant_id = :tenant and org_id = :id and version = :version")
                .bind("code", in.code() == null ? current.code() : in.code().trim())
                .bind("name", in.name() == null ? current.name() : in.name().trim())
                .bind("tenant", tenant.value())
                .bind("id", id)
                .bind("version", current.version());
            update = Sql.bind(update, "category", Sql.name(in.category() != null ? in.category() : current.category()), String.class);
            update = Sql.bind(update, "parent",
                in.parentId() != null ? Ids.parse("上级党组织", in.parentId()) : current.parentId(), UUID.class);
            return update
              .fetch().rowsUpdated()
              .flatMap(n -> path.equals(current.path()) ? Mono.just(n)
                  : tx.sql("update organization set path = :new || substr(path, length(:old) + 1) "
                          + "where tenant_id = :tenant and path like :old || '%'")
                      .bind("new", path).bind("old", current.path()).bind("tenant", tenant.value())
                      .fetch().rowsUpdated());
          })
          .then(audit.record(tx, user.username(), "updateOrganization", id.toString(),
              Map.of("before", Map.of("code", current.code(), "name", current.name(), "path", current.path()))))
          .then(find(tx, id));
    }));
  }

  private static void checkCodeAndName(String code, String name) {
    if (code == null || !MemberRules.CODE.matcher(code.trim()).matches()) {
      throw DomainException.badRequest("INVALID_CODE", "组织编码只能包含字母、数字、-、_，不超过 32 位: " + code);
    }
    if (name == null || name.isBlank() || name.length() > 100) {
      throw DomainException.badRequest("INVALID_NAME", "组织名称不能为空，且不超过 100 个字");
    }
  }

  Flux<Organization> all(TenantTx tx) {
    return tx.sql("select " + Organization.COLUMNS + " from organization where tenant_id = :tenant")
        .bind("tenant", tx.tenant().value())
        .map(Organization::read)
        .all();
  }
}
