package com.jifen.organization.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.identity.Role;
import com.jifen.organization.internal.OrganizationQueries.Reach;
import com.jifen.shared.DomainException;
import com.jifen.shared.OrganizationId;
import com.jifen.tenancy.TenantTx;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may see and manage which part of the roster: township admins and integrating apps all of it; a branch secretary
 * the organization they manage and its subtree; a member only self.
 */
@Component
public class RosterAccess {
  RosterAccess() {}

  Mono<Reach> reach(TenantTx tx, CurrentUser user) {
    if (user.managesTownship()) {
      return Mono.just(new Reach.All());
    }
    if (user.has(Role.BRANCH_SECRETARY) && user.managedOrgCode().isPresent()) {
      return OrganizationQueries.organizationByCode(tx, user.managedOrgCode().get())
          .<Reach>map(o -> new Reach.Subtree(o.path()))
          .switchIfEmpty(Mono.fromSupplier(() -> self(user)));
    }
    return Mono.just(self(user));
  }

  private static Reach self(CurrentUser user) {
    return user.memberCode().<Reach>map(Reach.Self::new).orElse(new Reach.Nothing());
  }

  /**
   * Whether the caller may write for (and read all of) an organization: township admins and integrating apps always;
   * a branch secretary for the organization they manage and its subtree.
   */
  public Mono<Boolean> manages(TenantTx tx, CurrentUser user, OrganizationId organization) {
    return reach(tx, user).flatMap(r -> switch (r) {
      case Reach.All all -> Mono.just(true);
      case Reach.Subtree t -> OrganizationQueries.inSubtree(tx, organization, t.pathPrefix());
      default -> Mono.just(false);
    });
  }

  /** {@link #manages} as a guard: FORBIDDEN with the feature's own words when the caller does not manage it. */
  public Mono<Void> requireManages(TenantTx tx, CurrentUser user, OrganizationId organization, String message) {
    return manages(tx, user, organization).flatMap(ok -> ok ? Mono.<Void>empty() : Mono.error(DomainException.forbidden(message)));
  }
}
