package com.jifen.me;

import com.jifen.identity.CurrentUser;
import com.jifen.identity.Role;

import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationService;
import com.jifen.tenancy.DirectoryCache;
import com.jifen.tenancy.Township;
import com.jifen.tenancy.TownshipService;
import java.util.List;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** {@code me}: who the token says I am, and what of the township that makes me. */
@Controller
class MeController {
  private final TownshipService townships;
  private final OrganizationService organizations;
  private final MemberService members;

  private final DirectoryCache directory;

  MeController(TownshipService townships, OrganizationService organizations, MemberService members, DirectoryCache directory) {
    this.directory = directory;
    this.townships = townships;
    this.organizations = organizations;
    this.members = members;
  }

  record Me(CurrentUser user) {
    public String username() {
      return user.username();
    }

    public String displayName() {
      return user.displayName();
    }

    public List<Role> roles() {
      return List.copyOf(user.roles());
    }

    public String county() {
      return user.county().orElse(null);
    }
  }

  @QueryMapping
  Me me(CurrentUser caller) {
    return new Me(caller);
  }

  @SchemaMapping
  Mono<Township> township(Me me) {
    return me.user().tenant().map(t -> directory.get(t, TownshipKey.KEY, townships.get(t))).orElse(Mono.empty());
  }

  @SchemaMapping
  Mono<Organization> managedBranch(Me me) {
    if (me.user().tenant().isEmpty() || me.user().managedOrgCode().isEmpty()) {
      return Mono.empty();
    }
    return organizations.byCode(me.user(), me.user().managedOrgCode().get());
  }

  @SchemaMapping
  Mono<Member> member(Me me) {
    if (me.user().tenant().isEmpty() || me.user().memberCode().isEmpty()) {
      return Mono.empty();
    }
    String code = me.user().memberCode().get();
    return directory.get(me.user().requireTenant(), new MemberCode(code), members.getByCode(me.user(), code));
  }

  private enum TownshipKey { KEY }

  private record MemberCode(String code) {}
}
