package com.jifen.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** Which audiences and clients ServiceTokens accepts, on tokens made here (TrustIT does it with Keycloak's). */
class ServiceTokensTest {
  private final ServiceTokens validator = new ServiceTokens("jifen-platform", "points-web|app-[a-z0-9-]+|county-[a-z0-9-]+");

  private static Jwt token(List<String> aud, String azp) {
    var builder = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60))
        .subject("s");
    if (aud != null) {
      builder.audience(aud);
    }
    if (azp != null) {
      builder.claim("azp", azp);
    }
    return builder.build();
  }

  @Test
  void ourClientsWithTheServiceInTheAudienceAreAccepted() {
    for (String client : List.of("points-web", "app-qs", "app-new-town-2", "county-demo")) {
      assertThat(validator.validate(token(List.of("account", "jifen-platform"), client)).hasErrors()).as(client).isFalse();
    }
  }

  @Test
  void otherClientsOrAudiencesAreRefused() {
    assertThat(validator.validate(token(List.of("jifen-platform"), "admin-cli")).hasErrors()).isTrue();
    assertThat(validator.validate(token(List.of("jifen-platform"), "account-console")).hasErrors()).isTrue();
    assertThat(validator.validate(token(List.of("jifen-platform"), "app-QS")).hasErrors()).isTrue();
    assertThat(validator.validate(token(List.of("jifen-platform"), "xapp-qs")).hasErrors()).isTrue();
    assertThat(validator.validate(token(List.of("jifen-platform"), null)).hasErrors()).isTrue();
    assertThat(validator.validate(token(List.of("account"), "points-web")).hasErrors()).isTrue();
    assertThat(validator.validate(token(null, "points-web")).hasErrors()).isTrue();
  }
}
