package com.jifen.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The join scanner that ShardingReadinessIT runs over the sources finds what it must and passes what is tied. */
class TenantJoinsTest {
  private static final Set<String> TOWNSHIP = Set.of("member", "ledger_entry", "organization", "ballot");

  private static List<TenantJoins.Violation> check(String sql) {
    return TenantJoins.check("t", sql, TOWNSHIP);
  }

  @Test
  void joinsTiedByTenantPass() {
    assertThat(check("select * from member m join ledger_entry e on e.tenant_id = m.tenant_id and e.member_id = m.member_id where m.tenant_id = :t")).isEmpty();
    assertThat(check("select * from member m left join ledger_entry e on e.member_id = m.member_id and m.tenant_id = e.tenant_id")).isEmpty();
    assertThat(check("select * from member m join ledger_entry e using (tenant_id, member_id)")).isEmpty();
    assertThat(check("select * from organization o, organization b where o.tenant_id = :t and b.tenant_id = :t and o.path like b.path || '%'")).isEmpty();
    assertThat(check("select * from member join ledger_entry e on e.tenant_id = member.tenant_id and e.member_id = member.member_id")).isEmpty();
    // one township table and anything else: nothing to co-locate
    assertThat(check("select * from member m join pg_class c on c.relname = m.code")).isEmpty();
  }

  @Test
  void joinsThatCouldPairTwoTownshipsAreFound() {
    assertThat(check("select * from member m join ledger_entry e on e.member_id = m.member_id where m.tenant_id = :t"))
        .singleElement().satisfies(v -> assertThat(v.alias()).isEqualTo("e"));
    assertThat(check("select * from member m join ledger_entry e on e.member_id = m.member_id and e.tenant_id = m.tenant_id "
        + "join ballot b on b.branch_id = m.branch_id"))
        .singleElement().satisfies(v -> assertThat(v.table()).isEqualTo("ballot"));
    assertThat(check("select * from organization o, organization b where o.tenant_id = :t and o.path like b.path || '%'"))
        .singleElement().satisfies(v -> assertThat(v.alias()).isEqualTo("b"));
    assertThat(check("select * from member m join ledger_entry e using (member_id)")).extracting(TenantJoins.Violation::alias).contains("e");
    // a tie in the WHERE clause does not make the ON condition co-located
    assertThat(check("select * from member m join ledger_entry e on e.member_id = m.member_id where e.tenant_id = m.tenant_id")).hasSize(1);
  }

  @Test
  void javaLiteralsJoinedByPlusAreOneStatement() {
    String java = """
        db.sql("select * from member m "
            + "join ledger_entry e on e.member_id = m.member_id "
            + "and e.tenant_id = m.tenant_id");
        db.sql("select 1");
        """;
    assertThat(TenantJoins.javaSql(java)).hasSize(2).first().asString()
        .contains("from member m").contains("e.tenant_id = m.tenant_id");
  }
}
