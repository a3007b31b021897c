package com.jifen.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.testing.IntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** The database itself keeps townships apart, whatever the service does. */
class RowLevelSecurityIT extends IntegrationTest {
  @Value("${spring.liquibase.url}") String jdbcUrl;

  private Connection asService() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, "jifen_app", "jifen_app");
  }

  private List<String> tenantOwnedTables(Connection c) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = c.createStatement().executeQuery("""
        select c.table_name from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
        order by 1""")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  @Test
  void withoutATenantTheServiceRoleSeesNoRowsAnywhere() throws SQLException {
    try (Connection c = asService()) {
      List<String> tables = tenantOwnedTables(c);
      assertThat(tables).contains("tenant", "organization", "member", "audit_event", "scheme_version", "scoring_year");
      for (String table : tables) {
        try (ResultSet rs = c.createStatement().executeQuery("select count(*) from " + table)) {
          rs.next();
          assertThat(rs.getLong(1)).as(table).isZero();
        }
      }
    }
  }

  @Test
  void theTenantSettingIsTransactionLocal() throws SQLException {
    try (Connection c = asService()) {
      c.setAutoCommit(false);
      c.createStatement().execute("select set_config('app.tenant_id', 'QS', true)");
      try (ResultSet rs = c.createStatement().executeQuery("select count(*), count(*) filter (where tenant_id <> 'QS') from member")) {
        rs.next();
        assertThat(rs.getLong(1)).isPositive();
        assertThat(rs.getLong(2)).isZero();
      }
      c.commit();
      try (ResultSet rs = c.createStatement().executeQuery("select count(*) from member")) {
        rs.next();
        assertThat(rs.getLong(1)).as("after commit the tenant is gone").isZero();
      }
      c.commit();
    }
  }

  @Test
  void aRowForAnotherTenantCannotBeWritten() throws SQLException {
    try (Connection c = asService()) {
      c.setAutoCommit(false);
      c.createStatement().execute("select set_config('app.tenant_id', 'QS', true)");
      try {
        c.createStatement().execute("insert into audit_event (tenant_id, event_id, actor, action, subject) "
            + "values ('CG', gen_random_uuid(), 'x', 'x', 'x')");
        throw new AssertionError("insert for another tenant was accepted");
      } catch (SQLException e) {
        assertThat(e.getSQLState()).isEqualTo("42501"); // insufficient_privilege: violates row-level security policy
      }
      c.rollback();
    }
  }

  @Test
  void catalogEveryTenantOwnedTableHasForcedRlsAndTenantFirstInItsKeys() throws SQLException {
    try (Connection c = asService()) {
      for (String table : tenantOwnedTables(c)) {
        try (ResultSet rs = c.createStatement().executeQuery(
            "select relrowsecurity, relforcerowsecurity from pg_class where oid = 'public." + table + "'::regclass")) {
          rs.next();
          assertThat(rs.getBoolean(1)).as(table + " RLS enabled").isTrue();
          assertThat(rs.getBoolean(2)).as(table + " RLS forced").isTrue();
        }
        try (ResultSet rs = c.createStatement().executeQuery("""
            select a.attname from pg_constraint k join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
            where k.conrelid = 'public.%s'::regclass and k.contype in ('p', 'f') and k.confrelid <> 'public.county'::regclass
            """.formatted(table))) {
          int keys = 0;
          while (rs.next()) {
            keys++;
            assertThat(rs.getString(1)).as(table + " key starts with tenant_id").isEqualTo("tenant_id");
          }
          assertThat(keys).as(table + " has a primary key").isPositive();
        }
        try (ResultSet rs = c.createStatement().executeQuery(
            "select count(*) from pg_policies where schemaname = 'public' and tablename = '" + table + "'")) {
          rs.next();
          assertThat(rs.getInt(1)).as(table + " has a policy").isPositive();
        }
      }
    }
  }

  @Test
  void theLedgerIsAppendOnlyForTheServiceRole() throws SQLException {
    try (Connection c = asService()) {
      for (String table : List.of("ledger_entry", "evidence", "published_sheet", "idempotency_key", "scheme_version", "audit_event")) {
        for (String statement : List.of("update " + table + " set tenant_id = tenant_id", "delete from " + table)) {
          try {
            c.createStatement().execute(statement);
            throw new AssertionError(statement + " was allowed");
          } catch (SQLException e) {
            assertThat(e.getSQLState()).as(statement).isEqualTo("42501"); // permission denied
          }
        }
      }
    }
  }

  @Test
  void theServiceRoleOwnsNothingAndCannotBypassRls() throws SQLException {
    try (Connection c = asService()) {
      try (ResultSet rs = c.createStatement().executeQuery(
          "select rolbypassrls, rolsuper from pg_roles where rolname = current_user")) {
        rs.next();
        assertThat(rs.getBoolean(1)).isFalse();
        assertThat(rs.getBoolean(2)).isFalse();
      }
      try (ResultSet rs = c.createStatement().executeQuery(
          "select count(*) from pg_class where relowner = (select oid from pg_roles where rolname = current_user)")) {
        rs.next();
        assertThat(rs.getInt(1)).isZero();
      }
    }
  }
}
