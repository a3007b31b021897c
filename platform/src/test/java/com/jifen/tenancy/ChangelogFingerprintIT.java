package com.jifen.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.testing.IntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Issue 17, item 5: a restart whose changelog is the one last applied skips Liquibase; any other changelog (here: a
 * database whose recorded fingerprint differs, as after a new changeset or a restore of an older dump) runs it.
 */
class ChangelogFingerprintIT extends IntegrationTest {
  @Value("${spring.liquibase.url}") String jdbcUrl;
  @Value("${spring.liquibase.user}") String user;
  @Value("${spring.liquibase.password}") String password;

  @Test
  void theMigratedDatabaseCarriesTheFingerprintOfThisChangelog() throws SQLException {
    assertThat(comment()).isEqualTo("jifen changelog " + ChangelogFingerprint.fingerprint());
  }

  @Test
  void aStartWithTheSameChangelogSkipsLiquibaseAndAnotherChangelogRunsIt() throws SQLException {
    String recorded = comment();
    assertThat(decide(new ChangelogFingerprint()).runs()).isFalse();
    try {
      execute("comment on table databasechangelog is 'jifen changelog 0000'");
      ChangelogFingerprint processor = new ChangelogFingerprint();
      Probe other = decide(processor);
      assertThat(other.runs()).isTrue();
      // Liquibase (nothing to apply) then records this changelog's fingerprint again
      processor.postProcessAfterInitialization(other, "liquibase");
      assertThat(comment()).isEqualTo(recorded);
    } finally {
      execute("comment on table databasechangelog is '" + recorded + "'");
    }
  }

  /** What the post-processor decides for a Liquibase bean on this database, before it would run. */
  private Probe decide(ChangelogFingerprint processor) {
    Probe liquibase = new Probe();
    liquibase.setDataSource(new SimpleDriverDataSource(new org.postgresql.Driver(), jdbcUrl, user, password));
    liquibase.setChangeLog("classpath:db/changelog/db.changelog-master.yaml");
    processor.postProcessBeforeInitialization(liquibase, "liquibase");
    return liquibase;
  }

  /** Liquibase's bean, with whether it would run readable. */
  static final class Probe extends SpringLiquibase {
    boolean runs() {
      return shouldRun;
    }
  }

  private String comment() throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
        ResultSet rs = c.createStatement().executeQuery("select obj_description('public.databasechangelog'::regclass, 'pg_class')")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
      c.createStatement().execute(sql);
    }
  }
}
