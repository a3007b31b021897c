package com.jifen.identity;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * OAuth2 resource server for Keycloak tokens. GraphQL is reachable without a token so that errors come back
 * classified in GraphQL form; every field checks the caller itself (CurrentUsers).
 */
@Configuration
@EnableWebFluxSecurity
class SecurityConfig {

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
        .oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(
            new ReactiveJwtAuthenticationConverterAdapter(keycloakConverter()))))
        .build();
  }

  /**
   * The decoder Spring Boot would configure from the issuer and JWKS URIs (signature, issuer and timestamp checks),
   * with verified tokens kept until they expire.
   */
  @Bean
  ReactiveJwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri,
      @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuerUri) {
    NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build();
    nimbus.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuerUri));
    return new CachedJwtDecoder(nimbus, Clock.systemUTC());
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
