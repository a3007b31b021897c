package com.jifen.api;

import com.jifen.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

/** Health, readiness and metrics, as an operator's probes see them. */
class OperationsIT extends IntegrationTest {

  @Test
  void readinessReportsPostgresRedisAndKeycloak() {
    http().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
        .jsonPath("$.status").isEqualTo("UP")
        .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
        .jsonPath("$.components.redis.status").isEqualTo("UP")
        .jsonPath("$.components.keycloak.status").isEqualTo("UP");
  }

  @Test
  void metricsInPrometheusFormat() {
    http().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
        .expectBody(String.class).value(body -> org.assertj.core.api.Assertions.assertThat(body)
            .contains("# TYPE jvm_memory_used_bytes gauge"));
  }

  @Test
  void otherActuatorEndpointsAreClosed() {
    http().get().uri("/actuator/env").exchange().expectStatus().value(s ->
        org.assertj.core.api.Assertions.assertThat(s).isIn(401, 403, 404));
  }
}
