package com.jifen.identity;

import com.jifen.shared.ErrorKind;
import com.jifen.shared.HttpErrors;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * OAuth2 resource server for Keycloak tokens. GraphQL is reachable without a token so that errors come back
 * classified in GraphQL form; every field checks the caller itself (CurrentUsers).
 */
@Configuration
@EnableWebFluxSecurity
class SecurityConfig {
  private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

  @Bean
  SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
    return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .authorizeExchange(ex -> ex
            .pathMatchers("/graphql", "/graphiql/**", "/graphiql").permitAll()
            // township export archives: the platform operator only (checked again by the use case)
            .pathMatchers("/operations/exports/**").hasAuthority(Role.PLATFORM_ADMIN.authority())
            .pathMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus").permitAll()
            .anyExchange().denyAll())
        .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfig::unauthorized).accessDeniedHandler(SecurityConfig::forbidden))
        .oauth2ResourceServer(o -> o
            .authenticationEntryPoint(SecurityConfig::unauthorized)
            .accessDeniedHandler(SecurityConfig::forbidden)
            .jwt(j -> j.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(keycloakConverter()))))
        .build();
  }

  /** A missing, expired or refused token: one line in the log (never the exception's trace), a classified body. */
  private static Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException e) {
    log.info("401 {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), e.getMessage());
    exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    return HttpErrors.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, ErrorKind.UNAUTHORIZED, "UNAUTHORIZED",
        "请先登录，或令牌无效、已过期、不是签发给本平台的 (a valid access token issued for this service is required)");
  }

  private static Mono<Void> forbidden(ServerWebExchange exchange, AccessDeniedException e) {
    log.info("403 {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath());
    return HttpErrors.write(exchange.getResponse(), HttpStatus.FORBIDDEN, ErrorKind.FORBIDDEN, "FORBIDDEN",
        "没有权限访问该地址 (forbidden)");
  }

  /**
   * The decoder Spring Boot would configure from the issuer and JWKS URIs (signature, issuer and timestamp checks),
   * plus audience and client ({@link ServiceTokens}), with verified tokens kept until they expire.
   */
  @Bean
  ReactiveJwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri,
      @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuerUri,
      @Value("${jifen.security.audience}") String audience, @Value("${jifen.security.clients}") String clients, Clock clock) {
    NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build();
    nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
        JwtValidators.createDefaultWithIssuer(issuerUri), new ServiceTokens(audience, clients)));
    return new CachedJwtDecoder(nimbus, clock);
  }

  /** Keycloak nests realm roles under realm_access.roles, which Spring's default converter does not read. */
  static JwtAuthenticationConverter keycloakConverter() {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setPrincipalClaimName("preferred_username");
    converter.setJwtGrantedAuthoritiesConverter(realmRoles());
    return converter;
  }

  private static Converter<Jwt, Collection<GrantedAuthority>> realmRoles() {
    return jwt -> {
      Object realmAccess = jwt.getClaims().get("realm_access");
      if (!(realmAccess instanceof Map<?, ?> map) || !(map.get("roles") instanceof List<?> roles)) {
        return List.of();
      }
      return roles.stream().map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r)).toList();
    };
  }
}
