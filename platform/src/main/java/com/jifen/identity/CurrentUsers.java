package com.jifen.identity;

import com.jifen.shared.DomainException;
import com.jifen.shared.ErrorKind;
import com.jifen.shared.TenantId;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/** The caller of the current request, from the reactive security context. */
public final class CurrentUsers {
  private CurrentUsers() {}

  public static Mono<CurrentUser> current() {
    return ReactiveSecurityContextHolder.getContext()
        .map(SecurityContext::getAuthentication)
        .filter(Authentication::isAuthenticated)
        .filter(JwtAuthenticationToken.class::isInstance)
        .map(a -> of((JwtAuthenticationToken) a))
        .switchIfEmpty(Mono.error(() -> new DomainException(
            ErrorKind.UNAUTHORIZED, "UNAUTHORIZED", "请先登录 (a valid access token is required)")));
  }

  static CurrentUser of(JwtAuthenticationToken token) {
    Jwt jwt = token.getToken();
    Set<Role> roles = EnumSet.noneOf(Role.class);
    token.getAuthorities().forEach(a -> Role.ofAuthority(a.getAuthority()).ifPresent(roles::add));
    Optional<TenantId> tenant = claim(jwt, "tenant").map(TenantId::new);
    String name = jwt.getClaimAsString("name");
    return new CurrentUser(
        Optional.ofNullable(jwt.getClaimAsString("preferred_username")).orElse(jwt.getSubject()),
        name,
        roles,
        tenant,
        claim(jwt, "county"),
        claim(jwt, "org"),
        claim(jwt, "member"));
  }

  private static Optional<String> claim(Jwt jwt, String name) {
    return Optional.ofNullable(jwt.getClaimAsString(name)).filter(s -> !s.isBlank());
  }
}
