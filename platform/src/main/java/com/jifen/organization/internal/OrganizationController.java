package com.jifen.organization.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationKind;
import com.jifen.shared.OrganizationId;
import com.jifen.shared.Page;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class OrganizationController {
  private final ReadOrganizations organizations;
  private final CreateOrganization create;
  private final UpdateOrganization update;

  OrganizationController(ReadOrganizations organizations, CreateOrganization create, UpdateOrganization update) {
    this.organizations = organizations;
    this.create = create;
    this.update = update;
  }

  record OrganizationPayload(Organization organization) {}

  @QueryMapping
  Mono<Organization> organization(CurrentUser caller, @Argument String id) {
    return organizations.get(caller, id);
  }

  @QueryMapping
  Mono<Window<Organization>> organizations(
      CurrentUser caller, ScrollSubrange subrange, @Argument String parentId, @Argument OrganizationKind kind) {
    return organizations.list(caller, Page.request(subrange), parentId, kind);
  }

  @MutationMapping
  Mono<OrganizationPayload> createOrganization(CurrentUser caller, @Argument CreateOrganization.CreateOrganizationInput input) {
    return create.create(caller, input).map(OrganizationPayload::new);
  }

  @MutationMapping
  Mono<OrganizationPayload> updateOrganization(CurrentUser caller, @Argument UpdateOrganization.UpdateOrganizationInput input) {
    return update.update(caller, input).map(OrganizationPayload::new);
  }

  @BatchMapping
  Mono<Map<Organization, Organization>> parent(List<Organization> orgs) {
    var ids = orgs.stream().map(Organization::parentId).filter(Objects::nonNull).collect(Collectors.toSet());
    return organizations.byIds(orgs.getFirst().tenantId(), ids).map(parents -> orgs.stream()
        .filter(o -> o.parentId() != null && parents.containsKey(o.parentId()))
        .collect(Collectors.toMap(Function.identity(), o -> parents.get(o.parentId()))));
  }

  @BatchMapping
  Mono<Map<Organization, List<Organization>>> children(List<Organization> orgs) {
    var ids = orgs.stream().map(Organization::id).toList();
    return organizations.childrenOf(orgs.getFirst().tenantId(), ids).map(children -> orgs.stream()
        .collect(Collectors.toMap(Function.identity(), o -> children.getOrDefault(o.id(), List.of()))));
  }

  @BatchMapping
  Mono<Map<Organization, Integer>> memberCount(List<Organization> orgs) {
    List<OrganizationId> ids = orgs.stream().map(Organization::id).toList();
    return organizations.activeMemberCounts(orgs.getFirst().tenantId(), ids).map(counts -> orgs.stream()
        .collect(Collectors.toMap(Function.identity(), o -> counts.getOrDefault(o.id(), 0))));
  }
}
