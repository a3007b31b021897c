package com.jifen.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.testing.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Health, readiness and metrics, as an operator's probes see them: on the management port, bound to loopback; the
 * public port serves none of them.
 */
class OperationsIT extends IntegrationTest {
  @LocalManagementPort int managementPort;
  @Value("${management.server.address:}") String managementAddress;

  private WebTestClient management() {
    return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).responseTimeout(Duration.ofSeconds(30)).build();
  }

  @Test
  void readinessReportsPostgresRedisAndKeycloakOnTheManagementPort() {
    management().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
        .jsonPath("$.status").isEqualTo("UP")
        .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
        .jsonPath("$.components.redis.status").isEqualTo("UP")
        .jsonPath("$.components.keycloak.status").isEqualTo("UP");
  }

  @Test
  void metricsInPrometheusFormatOnTheManagementPort() {
    management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
        .expectBody(String.class).value(body -> assertThat(body).contains("# TYPE jvm_memory_used_bytes gauge"));
  }

  @Test
  void theManagementPortIsItsOwnAndListensOnLoopbackOnly() {
    assertThat(managementPort).isPositive().isNotEqualTo(port);
    assertThat(managementAddress).isEqualTo("127.0.0.1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/actuator", "/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness",
      "/actuator/prometheus", "/actuator/info", "/actuator/env"})
  void thePublicPortServesNoOperationalEndpoint(String path) {
    http().get().uri(path).exchange().expectStatus().value(s -> assertThat(s).isIn(401, 403, 404))
        .expectBody(String.class).value(body -> assertThat(body == null ? "" : body).doesNotContain("components", "jvm_"));
  }

  @Test
  void otherActuatorEndpointsAreClosedOnTheManagementPortToo() {
    management().get().uri("/actuator/env").exchange().expectStatus().value(s -> assertThat(s).isIn(401, 403, 404));
  }
}
