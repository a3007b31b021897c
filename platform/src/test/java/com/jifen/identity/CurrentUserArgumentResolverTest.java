package com.jifen.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.shared.DomainException;
import com.jifen.shared.ErrorKind;
import com.jifen.shared.TenantId;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The caller as a controller parameter: only a CurrentUser parameter is resolved, and without a token it is UNAUTHORIZED. */
class CurrentUserArgumentResolverTest {

  @SuppressWarnings("unused")
  static void handler(CurrentUser caller, String id) {}

  static MethodParameter parameter(int index) throws NoSuchMethodException {
    Method m = CurrentUserArgumentResolverTest.class.getDeclaredMethod("handler", CurrentUser.class, String.class);
    return new MethodParameter(m, index);
  }

  final CurrentUserArgumentResolver resolver = new CurrentUserArgumentResolver();

  @Test
  void onlyACurrentUserParameterIsTheCallers() throws Exception {
    assertThat(resolver.supportsParameter(parameter(0))).isTrue();
    assertThat(resolver.supportsParameter(parameter(1))).isFalse();
  }

  @Test
  void anAuthenticatedCallerIsReadFromTheToken() throws Exception {
    Jwt jwt = Jwt.withTokenValue("token").header("alg", "RS256").subject("s-1")
        .claim("preferred_username", "admin.qs").claim("tenant", "QS").build();
    Mono<?> argument = ((Mono<?>) resolver.resolveArgument(parameter(0), null))
        .contextWrite(ReactiveSecurityContextHolder.withAuthentication(new JwtAuthenticationToken(jwt, List.of())));
    StepVerifier.create(argument)
        .assertNext(u -> {
          assertThat(((CurrentUser) u).username()).isEqualTo("admin.qs");
          assertThat(((CurrentUser) u).tenant()).contains(new TenantId("QS"));
        })
        .verifyComplete();
  }

  @Test
  void withoutAnAuthenticatedCallerTheArgumentFailsAsUnauthorized() throws Exception {
    Object argument = resolver.resolveArgument(parameter(0), null);
    assertThat(argument).isInstanceOf(Mono.class);
    StepVerifier.create((Mono<?>) argument)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(DomainException.class,
            d -> assertThat(d.kind()).isEqualTo(ErrorKind.UNAUTHORIZED)))
        .verify();
  }
}
