package com.jifen.testing;

import com.jifen.shared.TenantId;
import com.jifen.tenancy.TownshipService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the integration tests: the whole service on a random port, real PostgreSQL, Redis and Keycloak, the
 * demo county loaded (its users are in the realm). Tests that change data make their own fresh township.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.context.annotation.Import(TestClock.Config.class)
public abstract class IntegrationTest {
  @LocalServerPort protected int port;
  @Autowired protected TownshipService townships;

  @Autowired
  void auditTrail(@Value("${spring.liquibase.url}") String jdbcUrl) {
    AuditTrail.use(jdbcUrl);
  }

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    Infrastructure.register(registry);
  }

  protected WebTestClient http() {
    // An operator's page of 500 audit events across every township outgrows the 256 KB default.
    return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(60))
        .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
  }

  protected HttpGraphQlTester anonymous() {
    return HttpGraphQlTester.create(http().mutate().baseUrl("http://127.0.0.1:" + port + "/graphql").build());
  }

  protected HttpGraphQlTester as(String token) {
    return anonymous().mutate().header("Authorization", "Bearer " + token).build();
  }

  protected HttpGraphQlTester asUser(String username) {
    return as(Keycloak.token(username));
  }

  /** A fresh township for one test, with a committee, a general branch and two branches. */
  protected TestTownship freshTownship() {
    String code = "T" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36).toUpperCase();
    TenantId tenant = new TenantId(code);
    townships.provision(tenant, "测试镇" + code, "TEST", "测试县").block();
    String admin = Keycloak.createUser(("admin." + code).toLowerCase(), code, List.of("tenant-admin", "member"), null, null);
    return new TestTownship(tenant, admin, this);
  }

  /** Convenience for assertions on classified errors. */
  public static String classification(ResponseError e) {
    Map<String, Object> ext = e.getExtensions();
    return ext == null ? null : String.valueOf(ext.get("classification"));
  }

  public static String code(ResponseError e) {
    Map<String, Object> ext = e.getExtensions();
    return ext == null ? null : String.valueOf(ext.get("code"));
  }
}
