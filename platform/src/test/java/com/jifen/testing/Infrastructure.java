package com.jifen.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where the real PostgreSQL and Redis for tests come from: Testcontainers where a Docker engine answers,
 * otherwise the local servers that infra/test starts (JIFEN_DB_HOST …). Neither reachable: the context
 * fails to start and every test fails loudly; nothing is skipped.
 */
public final class Infrastructure {
  private static PostgreSQLContainer postgres;
  private static GenericContainer<?> redis;

  private Infrastructure() {}

  public static boolean docker() {
    if (Boolean.parseBoolean(System.getenv().getOrDefault("JIFEN_TEST_LOCAL", "false"))) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }

  public static synchronized void register(DynamicPropertyRegistry registry) {
    registry.add("jifen.demo.load", () -> "true");
    // the ballot-code HMAC key the service refuses to start without (JIFEN_BALLOT_KEY in production)
    registry.add("jifen.ballot.key", () -> "test-only-ballot-key-0123456789abcdef");
    if (!docker()) {
      registry.add("jifen.db.name", () -> System.getenv().getOrDefault("JIFEN_TEST_DB_NAME", "jifen_test"));
      return;
    }
    if (postgres == null) {
      postgres = new PostgreSQLContainer("postgres:16-alpine");
      postgres.start();
      createRoles(postgres);
      redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
      redis.start();
    }
    registry.add("jifen.db.host", postgres::getHost);
    registry.add("jifen.db.port", () -> postgres.getMappedPort(5432));
    registry.add("jifen.db.name", postgres::getDatabaseName);
    registry.add("spring.data.redis.host", redis::getHost);
    registry.add("spring.data.redis.port", () -> redis.getMappedPort(6379));
  }

  /** The roles and grants infra/lib.sh and the Compose file set up, from the same file (infra/db/roles.sql). */
  private static void createRoles(PostgreSQLContainer pg) {
    try (var c = DriverManager.getConnection(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword());
        var s = c.createStatement()) {
      s.execute(rolesSql());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prepare the PostgreSQL container", e);
    }
  }

  /** infra/db/roles.sql, copied onto the test class path by the build. */
  public static String rolesSql() {
    try (var in = Infrastructure.class.getResourceAsStream("/infra/db/roles.sql")) {
      if (in == null) {
        throw new IllegalStateException("infra/db/roles.sql is not on the test class path (platform/pom.xml, testResources)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** JDBC URL of the test database, for tests that look at the catalog directly. */
  public static String jdbcUrl(String host, int port, String db) {
    return "jdbc:postgresql://%s:%d/%s".formatted(host, port, db);
  }
}
