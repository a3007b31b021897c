package com.jifen.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.testing.IntegrationTest;
import com.jifen.testing.TenantJoins;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The schema stays ready to be distributed by {@code tenant_id} (Citus, see docs/scaling.md): every table that
 * holds township data leads its primary key with {@code tenant_id}, and every foreign key between two such tables
 * carries {@code tenant_id}, so each township's rows and their references live on one shard. Read from the catalog,
 * so a new migration that forgets it fails here. And no query pairs rows of two townships: every statement in the
 * sources that reads two township tables ties each one's {@code tenant_id} ({@link TenantJoins}).
 */
class ShardingReadinessIT extends IntegrationTest {
  @Value("${spring.liquibase.url}") String jdbcUrl;

  private record Violation(String table, String what) {}

  private Connection asOwner() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, "jifen_owner", "jifen_owner");
  }

  private List<Violation> query(String sql) throws SQLException {
    List<Violation> found = new ArrayList<>();
    try (Connection c = asOwner(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        found.add(new Violation(rs.getString(1), rs.getString(2)));
      }
    }
    return found;
  }

  /** Tables with a tenant_id column: the township-owned ones (row-level security is asserted elsewhere). */
  private static final String TENANT_TABLES = """
      select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
      where n.nspname = 'public' and c.relkind in ('r', 'p')""";

  @Test
  void everyTownshipTableLeadsItsPrimaryKeyWithTheTenant() throws SQLException {
    List<Violation> violations = query("""
        select c.relname, coalesce(
                 (select string_agg(a.attname, ', ' order by k.ord) from unnest(con.conkey) with ordinality k(att, ord)
                  join pg_attribute a on a.attrelid = c.oid and a.attnum = k.att), 'no primary key')
        from pg_class c left join pg_constraint con on con.conrelid = c.oid and con.contype = 'p'
        where c.oid in (%s)
          and (con.oid is null or (select a.attname from pg_attribute a
                                   where a.attrelid = c.oid and a.attnum = con.conkey[1]) <> 'tenant_id')
        order by 1""".formatted(TENANT_TABLES));
    assertThat(violations).as("primary keys that do not start with tenant_id").isEmpty();
    assertThat(query("select c.relname, '' from pg_class c where c.oid in (%s)".formatted(TENANT_TABLES)))
        .as("the check saw the township tables")
        .extracting(Violation::table)
        .contains("member", "ledger_entry", "audit_event");
  }

  @Test
  void everyForeignKeyBetweenTownshipTablesCarriesTheTenant() throws SQLException {
    List<Violation> violations = query("""
        select src.relname, con.conname || ' → ' || dst.relname
        from pg_constraint con
        join pg_class src on src.oid = con.conrelid
        join pg_class dst on dst.oid = con.confrelid
        where con.contype = 'f' and src.oid in (%1$s) and dst.oid in (%1$s)
          and not exists (
            select from unnest(con.conkey, con.confkey) k(src_att, dst_att)
            join pg_attribute sa on sa.attrelid = src.oid and sa.attnum = k.src_att
            join pg_attribute da on da.attrelid = dst.oid and da.attnum = k.dst_att
            where sa.attname = 'tenant_id' and da.attname = 'tenant_id')
        order by 1, 2""".formatted(TENANT_TABLES));
    assertThat(violations).as("foreign keys between township tables without tenant_id").isEmpty();
  }

  /**
   * Statements that name several township tables without tying them one to another, and why that is right. Each
   * must still be found (a fixed one is removed from here), so the list cannot go stale.
   */
  private static final Map<String, String> CROSS_TOWNSHIP_BY_DESIGN = Map.of(
      "com/jifen/operations/internal/OverviewQueries.java",
      "the operator's overview of every township: each township table is aggregated in a subquery of its own grouped "
          + "by tenant_id, and the aggregates are joined on tenant_id; no row of one township meets a row of another");

  @Test
  void noQueryJoinsRowsOfTwoTownships() throws SQLException {
    Set<String> township = new HashSet<>();
    query("select c.relname, '' from pg_class c where c.oid in (%s)".formatted(TENANT_TABLES)).forEach(v -> township.add(v.table()));
    List<TenantJoins.Violation> found = TenantJoins.scan(Path.of("src/main/java"), Path.of("src/main/resources/db"), township);
    assertThat(found).as("statements joining township tables without tying tenant_id")
        .filteredOn(v -> !CROSS_TOWNSHIP_BY_DESIGN.containsKey(v.source()))
        .isEmpty();
    assertThat(found).extracting(TenantJoins.Violation::source).as("the exceptions are still there")
        .containsAll(CROSS_TOWNSHIP_BY_DESIGN.keySet());
  }
}
