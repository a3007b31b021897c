package com.jifen.tenancy;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Start-up (issue 17, item 5): Liquibase is skipped when the database was last migrated by this very changelog.
 * Liquibase's own check (parse every changelog, read the applied rows, take and release its lock) costs seconds on
 * a loaded 2-core machine for nothing on a restart. After every successful update the SHA-256 of the changelog
 * files this jar carries is written as the comment of Liquibase's {@code databasechangelog} table; a start whose
 * fingerprint equals that comment runs nothing. Any other changelog (a new changeset, an older jar, a database
 * restored from an older dump with its comment) runs Liquibase as before.
 */
@Component
class ChangelogFingerprint implements BeanPostProcessor {
  private static final Logger log = LoggerFactory.getLogger(ChangelogFingerprint.class);
  private static final String FILES = "classpath*:db/changelog/**/*.*";
  private static final String PREFIX = "jifen changelog ";

  /** The fingerprint to record once the update has run, or null when it was skipped. */
  private volatile String pending;

  @Override
  public Object postProcessBeforeInitialization(Object bean, String name) {
    if (bean instanceof SpringLiquibase liquibase) {
      String mine = fingerprint();
      if (mine != null && mine.equals(recorded(liquibase.getDataSource()))) {
        liquibase.setShouldRun(false);
        log.info("changelog unchanged since the last migration ({}): Liquibase skipped", mine.substring(0, 12));
      } else {
        pending = mine;
      }
    }
    return bean;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String name) {
    String mine = pending;
    if (bean instanceof SpringLiquibase liquibase && mine != null) {
      pending = null;
      try (Connection c = liquibase.getDataSource().getConnection()) {
        // COMMENT takes no bind parameters; the value is hex, so quoting is safe
        c.createStatement().execute("comment on table databasechangelog is '" + PREFIX + mine + "'");
      } catch (SQLException e) {
        log.warn("changelog fingerprint not recorded (the next start runs Liquibase again): {}", e.toString());
      }
    }
    return bean;
  }

  /** SHA-256 over the changelog files' names and contents, in name order; null when they cannot be read. */
  static String fingerprint() {
    try {
      Resource[] files = new PathMatchingResourcePatternResolver(ChangelogFingerprint.class.getClassLoader()).getResources(FILES);
      Arrays.sort(files, Comparator.comparing(r -> String.valueOf(r.getFilename())));
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Resource r : files) {
        sha.update(String.valueOf(r.getFilename()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
        try (InputStream in = r.getInputStream()) {
          sha.update(in.readAllBytes());
        }
        sha.update((byte) 0);
      }
      return files.length == 0 ? null : HexFormat.of().formatHex(sha.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      log.warn("changelog fingerprint not computed (Liquibase runs): {}", e.toString());
      return null;
    }
  }

  /** The fingerprint recorded in the database, or null (a new database, or one migrated before this existed). */
  private static String recorded(DataSource db) {
    try (Connection c = db.getConnection();
        PreparedStatement p = c.prepareStatement("select obj_description(to_regclass('public.databasechangelog'), 'pg_class')");
        ResultSet rs = p.executeQuery()) {
      String comment = rs.next() ? rs.getString(1) : null;
      return comment != null && comment.startsWith(PREFIX) ? comment.substring(PREFIX.length()) : null;
    } catch (SQLException e) {
      return null;
    }
  }
}
