package com.jifen.organization.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberCategory;
import com.jifen.organization.internal.OrganizationQueries.Under;
import com.jifen.shared.OrganizationId;
import com.jifen.shared.Page;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import java.util.Map;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The roster page by page, as far as the caller may see it, filtered as the member list of the console asks. */
@Component
class ListMembers {
  private final TenantScope scope;
  private final RosterAccess access;

  ListMembers(TenantScope scope, RosterAccess access) {
    this.scope = scope;
    this.access = access;
  }

  record MemberFilter(String branchId, Boolean subtree, MemberCategory category, Member.MemberStatus status, String search) {}

  Mono<Window<Member>> list(CurrentUser user, Page.Request page, MemberFilter filter) {
    TenantId tenant = user.requireTenant();
    MemberFilter f = filter == null ? new MemberFilter(null, false, null, null, null) : filter;
    Under under = f.branchId() == null ? null
        : new Under(OrganizationId.parse(f.branchId()), Boolean.TRUE.equals(f.subtree()));
    String search = f.search() == null || f.search().isBlank() ? null : f.search().trim();
    return scope.inTx(tenant, tx -> access.reach(tx, user)
        .flatMap(reach -> OrganizationQueries.memberPage(tx, reach, under, f.category(), f.status(), search, page))
        .map(rows -> Page.window(rows, page.limit(), m -> Map.of("code", m.code(), "id", m.id().toString()))));
  }
}
