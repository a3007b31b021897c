package com.jifen.organization;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.internal.ReadOrganizations;
import com.jifen.shared.OrganizationId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantTx;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The organization tree as other features read it; its changes are this module's own. */
@Service
public class OrganizationService {
  private final ReadOrganizations organizations;

  OrganizationService(ReadOrganizations organizations) {
    this.organizations = organizations;
  }

  /** NOT_FOUND when there is no such organization. */
  public Mono<Organization> find(TenantTx tx, OrganizationId id) {
    return organizations.find(tx, id);
  }

  /** The organization with this code, or empty. */
  public Mono<Organization> byCode(CurrentUser user, String code) {
    return organizations.byCode(user, code);
  }

  /** Batch load for nested fields: one query for all the organizations of a response. */
  public Mono<Map<OrganizationId, Organization>> byIds(TenantId tenant, Collection<OrganizationId> ids) {
    return organizations.byIds(tenant, ids);
  }
}
