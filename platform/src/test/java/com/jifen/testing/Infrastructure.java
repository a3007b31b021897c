package com.jifen.testing;

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

  /**
   * The same roles infra/lib.sh creates: an owner for Liquibase, a service role without BYPASSRLS, and the platform
   * operations role.
   */
  private static void createRoles(PostgreSQLContainer pg) {
    try (var c = DriverManager.getConnection(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword());
        var s = c.createStatement()) {
      s.execute("create role jifen_owner login password 'jifen_owner' nosuperuser nobypassrls");
      s.execute("create role jifen_app login password 'jifen_app' nosuperuser nobypassrls");
      s.execute("create role jifen_platform login password 'jifen_platform' nosuperuser bypassrls");
      s.execute("alter database " + pg.getDatabaseName() + " owner to jifen_owner");
      s.execute("grant usage, create on schema public to jifen_owner");
      s.execute("grant usage on schema public to jifen_app, jifen_platform");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prepare the PostgreSQL container", e);
    }
  }

  /** JDBC URL of the test database, for tests that look at the catalog directly. */
  public static String jdbcUrl(String host, int port, String db) {
    return "jdbc:postgresql://%s:%d/%s".formatted(host, port, db);
  }
}
