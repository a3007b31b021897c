package com.jifen.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jifen.testing.IntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Least privilege (issue 10.7), read from the catalog: the service's role cannot make townships or counties, changes a
 * township only in its ranking visibility and a ballot only by closing it, owns nothing, creates nothing and reads
 * nothing outside the service's tables; platform operations have a role of their own.
 */
class LeastPrivilegeIT extends IntegrationTest {
  @Value("${spring.liquibase.url}") String jdbcUrl;

  private List<String> strings(String sql) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, "jifen_owner", "jifen_owner"); var rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        found.add(rs.getString(1));
      }
    }
    return found;
  }

  @Test
  void theServiceRoleCannotCreateTownshipsOrCountiesNorChangeTheirIdentity() throws SQLException {
    assertThat(strings("select t || ':' || p from unnest(array['tenant', 'county']) t, unnest(array['INSERT', 'UPDATE', 'DELETE']) p "
        + "where has_table_privilege('jifen_app', t, p)")).isEmpty();
    assertThat(strings("select column_name from information_schema.columns where table_name = 'tenant' "
        + "and has_column_privilege('jifen_app', 'tenant', column_name, 'UPDATE')")).containsExactly("ranking_visibility");
    assertThat(strings("select p from unnest(array['INSERT', 'UPDATE']) p where has_table_privilege('jifen_platform', 'tenant', p) "
        + "and has_table_privilege('jifen_platform', 'county', p)")).containsExactly("INSERT", "UPDATE");
  }

  @Test
  void theServiceRoleChangesABallotOnlyByClosingIt() throws SQLException {
    assertThat(strings("select 'table' where has_table_privilege('jifen_app', 'ballot', 'UPDATE')")).isEmpty();
    assertThat(strings("select column_name from information_schema.columns where table_name = 'ballot' "
        + "and has_column_privilege('jifen_app', 'ballot', column_name, 'UPDATE') order by column_name"))
        .containsExactly("closed_at", "closed_by", "state");
  }

  @Test
  void theServiceRoleOwnsNothingCreatesNothingAndTouchesNoOtherSchemaOrTheMigrationsLog() throws SQLException {
    assertThat(strings("select rolname from pg_roles where rolname = 'jifen_app' and (rolsuper or rolbypassrls or rolcreaterole or rolcreatedb)")).isEmpty();
    assertThat(strings("select relname from pg_class where relowner = 'jifen_app'::regrole")).isEmpty();
    assertThat(strings("select nspname from pg_namespace where has_schema_privilege('jifen_app', oid, 'CREATE')")).isEmpty();
    // every table outside the system catalogs that the role may use at all lies in public and is not Liquibase's
    assertThat(strings("select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
        + "where c.relkind in ('r', 'p', 'v', 'm') and n.nspname not in ('pg_catalog', 'information_schema') "
        + "and (has_table_privilege('jifen_app', c.oid, 'SELECT') or has_table_privilege('jifen_app', c.oid, 'INSERT') "
        + "or has_table_privilege('jifen_app', c.oid, 'UPDATE') or has_table_privilege('jifen_app', c.oid, 'DELETE')) "
        + "and (n.nspname <> 'public' or c.relname like 'databasechangelog%' or c.relname = 'onboarding')")).isEmpty();
  }

  @Test
  void theServiceRoleIsRefusedByPostgresqlWhenItTriesToMakeACounty() {
    assertThatThrownBy(() -> {
      try (Connection c = DriverManager.getConnection(jdbcUrl, "jifen_app", "jifen_app")) {
        c.createStatement().execute("insert into county (county_id, name) values ('ROGUE', 'rogue')");
      }
    }).isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
  }
}
