package com.jifen.demo;

import com.jifen.organization.MemberRules;
import com.jifen.organization.MemberService;
import com.jifen.organization.Organization;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.ShippedSchemes;
import com.jifen.shared.Ids;
import com.jifen.shared.MemberId;
import com.jifen.shared.OrganizationId;
import com.jifen.shared.Sql;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import com.jifen.tenancy.TownshipService;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads generated townships through the service's own role and tenant transactions (the same path as an
 * import), with multi-row inserts. A township already present is left alone, so loading is idempotent.
 */
@Component
public class DemoLoader {
  private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

  private final TenantScope scope;
  private final TownshipService townships;
  private final MemberService members;
  private final SchemeService schemes;
  private final Clock clock;

  DemoLoader(TenantScope scope, TownshipService townships, MemberService members, SchemeService schemes, Clock clock) {
    this.scope = scope;
    this.townships = townships;
    this.members = members;
    this.schemes = schemes;
    this.clock = clock;
  }

  /** Rows written (organizations + members), 0 for townships already there. */
  public Mono<Long> load(List<DemoCounty.Township> county) {
    Map<String, String> schemeYaml = ShippedSchemes.yamlByCode();
    return Flux.fromIterable(county).concatMap(t -> load(t, schemeYaml)).reduce(0L, Long::sum);
  }

  private Mono<Long> load(DemoCounty.Township t, Map<String, String> schemeYaml) {
    TenantId tenant = new TenantId(t.config().code());
    return townships.get(tenant).map(existing -> 0L).switchIfEmpty(Mono.defer(() -> {
      log.info("loading township {} {}: {} organizations, {} members", tenant, t.config().name(),
          t.organizations().size(), t.members().size());
      // one transaction per township: a failure leaves nothing behind, so the next start tries again
      return scope.inTx(tenant, tx -> townships.provision(tenant, t.config().name(), t.config().countyCode(), t.config().countyName())
          .then(tx.sql("update tenant set ranking_visibility = :v where tenant_id = :t")
              .bind("v", t.config().rankingVisibility()).bind("t", tenant.value()).fetch().rowsUpdated())
          .then(insertAll(tx, t))
          .flatMap(rows -> publishSchemes(tenant, t, schemeYaml).thenReturn(rows)));
    }));
  }

  private Mono<Long> insertAll(TenantTx tx, DemoCounty.Township t) {
    TenantId tenant = tx.tenant();
    Map<String, Organization> byCode = new HashMap<>();
    List<Organization> orgs = new ArrayList<>();
    for (DemoCounty.Org o : t.organizations()) { // parents come before children
      OrganizationId id = new OrganizationId(Ids.newId());
      Organization parent = o.parentCode() == null ? null : byCode.get(o.parentCode());
      Organization org = new Organization(tenant, id, parent == null ? null : parent.id(), o.code(), o.name(), o.kind(),
          o.category(), (parent == null ? "/" : parent.path()) + id + "/", 0);
      byCode.put(o.code(), org);
      orgs.add(org);
    }
    List<MemberService.NewMember> people = t.members().stream().map(p -> new MemberService.NewMember(new MemberId(Ids.newId()),
        new MemberRules.Draft(p.code(), p.name(), p.gender(), p.category(), p.villageType(), byCode.get(p.branchCode()),
            p.joinDate(), p.phone()), null, p.exemptReason())).toList();
    return insertOrganizations(tx, orgs).flatMap(n -> members.insert(tx, people).map(m -> n + m));
  }

  private Mono<Long> insertOrganizations(TenantTx tx, List<Organization> orgs) {
    return tx.sql("insert into organization (tenant_id, org_id, parent_id, code, name, kind, category, path, created_at, updated_at) "
            + "select :t, *, :at, :at from unnest(:ids::uuid[], :parents::uuid[], :codes::text[], :names::text[], :kinds::text[], "
            + ":categories::text[], :paths::text[])")
        .bind("t", tx.tenant().value()).bind("at", clock.instant())
        .bind("ids", orgs.stream().map(o -> o.id().value()).toArray(UUID[]::new))
        .bind("parents", orgs.stream().map(o -> o.parentId() == null ? null : o.parentId().value()).toArray(UUID[]::new))
        .bind("codes", orgs.stream().map(Organization::code).toArray(String[]::new))
        .bind("names", orgs.stream().map(Organization::name).toArray(String[]::new))
        .bind("kinds", orgs.stream().map(o -> o.kind().name()).toArray(String[]::new))
        .bind("categories", orgs.stream().map(o -> Sql.name(o.category())).toArray(String[]::new))
        .bind("paths", orgs.stream().map(Organization::path).toArray(String[]::new))
        .fetch().rowsUpdated();
  }

  /** Each township publishes the shipped schemes it uses and pins them for the current year. */
  private Mono<Void> publishSchemes(TenantId tenant, DemoCounty.Township t, Map<String, String> schemeYaml) {
    int year = Year.now(clock).getValue();
    return Flux.fromIterable(t.config().schemes().entrySet())
        .concatMap(e -> schemes.publish(tenant, "demo", schemeYaml.get(e.getValue()), "示范方案 (seed scheme)")
            .flatMap(v -> schemes.pin(tenant, "demo", year, e.getKey(), v.schemeCode(), v.version())))
        .then();
  }
}
