package com.jifen.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.testing.IntegrationTest;
import com.jifen.testing.Keycloak;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The running Keycloak applies the realm export's protections (RealmSettingsTest reads the file itself). */
class KeycloakRealmIT extends IntegrationTest {

  @Test
  void fiveFailedLoginsLockTheAccountEvenForTheRightPassword() throws InterruptedException {
    String username = "locked." + Long.toString(System.nanoTime(), 36);
    Keycloak.createUser(username, "QS", List.of("member"), null, null);
    assertThat(Keycloak.logsIn(username, Keycloak.PASSWORD)).as("before").isTrue();
    for (int i = 0; i < 5; i++) {
      // more than a second apart, so the quick-login check is not what locks it
      Thread.sleep(1_200);
      assertThat(Keycloak.logsIn(username, "wrong-" + i)).isFalse();
    }
    assertThat(Keycloak.logsIn(username, Keycloak.PASSWORD)).as("after five failures").isFalse();
  }

  @Test
  void theRealmRequiresTlsForExternalAddressesByDefault() {
    // JIFEN_KC_SSL_REQUIRED unset here: the export's default applies; production sets it explicitly
    assertThat(Keycloak.realmSettings().get("sslRequired").asString()).isIn("external", "all");
  }
}
