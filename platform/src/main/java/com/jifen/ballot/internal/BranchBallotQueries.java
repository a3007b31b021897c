package com.jifen.ballot.internal;

import com.jifen.shared.BranchId;
import com.jifen.tenancy.TenantTx;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import reactor.core.publisher.Flux;

/** The SQL behind a branch's list of ballots (the console's ballots page). */
final class BranchBallotQueries {
  private BranchBallotQueries() {}

  /** A ballot as listed: how many codes were issued and how many are spent, nothing about who spent them. */
  record ListedBallot(UUID id, int year, String schemeCode, int schemeVersion, String form, int minRaters, int codesIssued,
      int codesSpent, String state, String openedBy, Instant openedAt, Instant closedAt, Integer memberRaters) {}

  /** The branch's ballots, newest year first, each with its spent codes counted in one aggregate. */
  static Flux<ListedBallot> ballotsOfBranch(TenantTx tx, BranchId branch) {
    return tx.sql("""
            select b.ballot_id, b.year, b.scheme_code, b.scheme_version, b.form, b.min_raters, b.codes_issued, b.state,
                   b.opened_by, b.opened_at, b.closed_at, b.member_raters, count(s.code_hash)::int as codes_spent
            from ballot b
            left join ballot_code c on c.tenant_id = b.tenant_id and c.ballot_id = b.ballot_id
            left join ballot_spent_code s on s.tenant_id = c.tenant_id and s.code_hash = c.code_hash
            where b.tenant_id = :tenant and b.branch_id = :branch
            group by b.tenant_id, b.ballot_id
            order by b.year desc, b.opened_at desc""")
        .bind("tenant", tx.tenant().value()).bind("branch", branch.value())
        .map(r -> {
          OffsetDateTime closed = r.get("closed_at", OffsetDateTime.class);
          return new ListedBallot(r.get("ballot_id", UUID.class), r.get("year", Integer.class), r.get("scheme_code", String.class),
              r.get("scheme_version", Integer.class), r.get("form", String.class), r.get("min_raters", Integer.class),
              r.get("codes_issued", Integer.class), r.get("codes_spent", Integer.class), r.get("state", String.class),
              r.get("opened_by", String.class), r.get("opened_at", OffsetDateTime.class).toInstant(),
              closed == null ? null : closed.toInstant(), r.get("member_raters", Integer.class));
        })
        .all();
  }
}
