package com.jifen.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * infra/k8s/platform.yaml, checked where it can be without a cluster: probes on the management port the ConfigMap
 * sets (the public port answers 404 for /actuator, OperationsIT), limits on every container, and a readiness group
 * of indicators the service has.
 */
class KubernetesManifestTest {
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> documents() throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object d : new Yaml().loadAll(Files.readString(Path.of("../infra/k8s/platform.yaml")))) {
      docs.add((Map<String, Object>) d);
    }
    return docs;
  }

  private static Map<String, Object> kind(List<Map<String, Object>> docs, String kind) {
    return docs.stream().filter(d -> kind.equals(d.get("kind"))).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static <T> T at(Object node, String... path) {
    Object n = node;
    for (String p : path) {
      n = ((Map<String, Object>) n).get(p);
    }
    return (T) n;
  }

  @Test
  void probesUseTheManagementPortAndEveryContainerHasLimits() throws IOException {
    var docs = documents();
    Map<String, Object> config = at(kind(docs, "ConfigMap"), "data");
    List<Map<String, Object>> containers = at(kind(docs, "Deployment"), "spec", "template", "spec", "containers");
    assertThat(containers).isNotEmpty().allSatisfy(c -> {
      List<Map<String, Object>> ports = at(c, "ports");
      Object management = ports.stream().filter(p -> "management".equals(p.get("name"))).findFirst().orElseThrow().get("containerPort");
      assertThat(String.valueOf(management)).isEqualTo(String.valueOf(config.get("JIFEN_MANAGEMENT_PORT")));
      assertThat(config.get("JIFEN_MANAGEMENT_ADDRESS")).as("the kubelet reaches the pod's address, not its loopback").isEqualTo("0.0.0.0");
      for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
        assertThat((Object) at(c, probe, "httpGet", "port")).as(probe).isEqualTo("management");
        assertThat((String) at(c, probe, "httpGet", "path")).as(probe).startsWith("/actuator/health/");
      }
      assertThat((String) at(c, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
      assertThat((String) at(c, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
      assertThat((Map<String, Object>) at(c, "resources", "limits")).containsKeys("cpu", "memory");
      assertThat((Map<String, Object>) at(c, "resources", "requests")).containsKeys("cpu", "memory");
    });
    // the Service exposes the public port only
    List<Map<String, Object>> servicePorts = at(kind(docs, "Service"), "spec", "ports");
    assertThat(servicePorts).extracting(p -> p.get("targetPort")).containsExactly("http");
  }

  @Test
  void readinessLeavesOutWhatEveryReplicaSharesAndCopesWithout() throws IOException {
    Map<String, Object> config = at(kind(documents(), "ConfigMap"), "data");
    assertThat(String.valueOf(config.get("MANAGEMENT_ENDPOINT_HEALTH_GROUP_READINESS_INCLUDE")).split(","))
        .containsExactlyInAnyOrder("readinessState", "r2dbc");
    assertThat(Files.exists(Path.of("../infra/docker/docker-compose.yml"))).as("beside the Compose file").isTrue();
  }
}
