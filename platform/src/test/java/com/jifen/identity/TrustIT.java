package com.jifen.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.testing.IntegrationTest;
import com.jifen.testing.Keycloak;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The service accepts only tokens issued for it, to one of its own clients. */
class TrustIT extends IntegrationTest {
  private static final String ME = "{\"query\":\"{ me { username } }\"}";

  private void refused(String token) {
    http().post().uri("/graphql").header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
        .bodyValue(ME).exchange()
        .expectStatus().isUnauthorized()
        .expectBody()
        .jsonPath("$.errors[0].extensions.classification").isEqualTo("UNAUTHORIZED")
        .jsonPath("$.errors[0].extensions.code").isEqualTo("UNAUTHORIZED")
        .jsonPath("$.data").doesNotExist();
  }

  private static String payload(String token) {
    return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
  }

  @Test
  void aUsersTokenIssuedToAdminCliIsRefused() {
    // the same user, the same realm, a valid signature: only the client differs
    String token = Keycloak.passwordToken("jifen", "admin-cli", "admin.qs", Keycloak.PASSWORD);
    assertThat(payload(token)).contains("\"azp\":\"admin-cli\"").doesNotContain("jifen-platform");
    refused(token);
  }

  @Test
  void aTokenOfAnotherRealmIsRefused() {
    refused(Keycloak.passwordToken("master", "admin-cli", "admin", "admin"));
  }

  @Test
  void tokensOfOurClientsNameTheServiceAndAreAccepted() {
    String user = Keycloak.token("admin.qs");
    assertThat(payload(user)).contains("\"azp\":\"points-web\"").contains("jifen-platform");
    as(user).document("{ me { username } }").execute().path("me.username").entity(String.class).isEqualTo("admin.qs");
    String app = Keycloak.clientToken("app-cg");
    assertThat(payload(app)).contains("\"azp\":\"app-cg\"").contains("jifen-platform");
    as(app).document("{ me { username } }").execute().path("me.username").entity(String.class).isEqualTo("service-account-app-cg");
  }
}
