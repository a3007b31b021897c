package com.jifen.ballot.internal;

import com.jifen.ballot.Ballot;
import com.jifen.ballot.BallotState;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.BallotId;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.MemberId;
import com.jifen.shared.Sql;
import com.jifen.shared.TenantId;
import com.jifen.shared.Tuples;
import com.jifen.tenancy.TenantTx;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The SQL of the ballot tables: ballot, ballot_code, ballot_spent_code and ballot_tally. */
final class BallotQueries {
  private BallotQueries() {}

  record NewBallot(BallotId id, BranchId branch, int year, String schemeCode, int schemeVersion, Scheme.BallotForm form,
      int minRaters, int codesIssued, String openedBy, Integer memberRaters) {}

  /** An issued code: its ballot, its rater group (RATER_GROUPS, else null) and whether it has been spent. */
  record IssuedCode(BallotId ballot, String group, boolean spent) {}

  /** One rating of a vote, already checked against the form. */
  record Rating(MemberId subject, String criterion, BigDecimal value) {}

  /** One tally row with votes: a criterion (item, option or SCORE) in a rater group ("" without groups). */
  record TallyCell(String criterion, String group, int votes, BigDecimal total) {}

  /** votes: the ballot's spent codes, the only trace a vote leaves besides the tally. */
  private static final String BALLOT = "select b.*, (select count(*)::int from ballot_code c join ballot_spent_code s "
      + "on s.tenant_id = c.tenant_id and s.code_hash = c.code_hash where c.tenant_id = b.tenant_id and c.ballot_id = b.ballot_id) "
      + "as votes from ballot b";

  static Mono<Long> insertBallot(TenantTx tx, NewBallot b, Instant openedAt) {
    var spec = tx.sql("insert into ballot (tenant_id, ballot_id, branch_id, year, scheme_code, scheme_version, form, "
            + "min_raters, codes_issued, opened_by, member_raters, opened_at) values (:tenant, :ballot, :branch, :year, :schemeCode, "
            + ":schemeVersion, :form, :minRaters, :codesIssued, :openedBy, :memberRaters, :at)").bind("at", openedAt)
        .bind("tenant", tx.tenant().value()).bind("ballot", b.id().value()).bind("branch", b.branch().value())
        .bind("year", b.year()).bind("schemeCode", b.schemeCode()).bind("schemeVersion", b.schemeVersion())
        .bind("form", b.form().name()).bind("minRaters", b.minRaters()).bind("codesIssued", b.codesIssued())
        .bind("openedBy", b.openedBy());
    return Sql.bind(spec, "memberRaters", b.memberRaters(), Integer.class).fetch().rowsUpdated();
  }

  /** Stored in the order of their keyed hashes, so the rows' physical order says nothing of the printed sheet's. */
  static Mono<Long> insertCodes(TenantTx tx, BallotId ballot, String[] hashes, String[] groups) {
    return tx.sql("insert into ballot_code (tenant_id, code_hash, ballot_id, rater_group) "
            + "select :tenant, h, :ballot, g from unnest(:hashes::text[], :groups::text[]) as u(h, g) order by h")
        .bind("tenant", tx.tenant().value()).bind("ballot", ballot.value()).bind("hashes", hashes).bind("groups", groups)
        .fetch().rowsUpdated();
  }

  static Mono<Long> closeIfOpen(TenantTx tx, BallotId ballot, String closedBy, Instant at) {
    return tx.sql("update ballot set state = 'CLOSED', closed_by = :closedBy, closed_at = :at "
            + "where tenant_id = :tenant and ballot_id = :ballot and state = 'OPEN'")
        .bind("closedBy", closedBy).bind("at", at.atOffset(ZoneOffset.UTC))
        .bind("tenant", tx.tenant().value()).bind("ballot", ballot.value()).fetch().rowsUpdated();
  }

  static Mono<Ballot> ballot(TenantTx tx, BallotId ballot) {
    return tx.sql(BALLOT + " where b.tenant_id = :tenant and b.ballot_id = :ballot")
        .bind("tenant", tx.tenant().value()).bind("ballot", ballot.value())
        .map(BallotQueries::readBallot).one()
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("测评", ballot.value())));
  }

  static Mono<Ballot> ballotOfBranch(TenantTx tx, BranchId branch, int year) {
    return tx.sql(BALLOT + " where b.tenant_id = :tenant and b.branch_id = :branch and b.year = :year")
        .bind("tenant", tx.tenant().value()).bind("branch", branch.value()).bind("year", year)
        .map(BallotQueries::readBallot).one();
  }

  /** The branch's ballots, newest year first (the console's list: codes spent counted, never who spent them). */
  static Flux<Ballot> ballotsOfBranch(TenantTx tx, BranchId branch) {
    return tx.sql(BALLOT + " where b.tenant_id = :tenant and b.branch_id = :branch order by b.year desc, b.opened_at desc")
        .bind("tenant", tx.tenant().value()).bind("branch", branch.value())
        .map(BallotQueries::readBallot).all();
  }

  static Mono<IssuedCode> issuedCode(TenantTx tx, String hash) {
    return tx.sql("select c.ballot_id, c.rater_group, exists (select 1 from ballot_spent_code s where s.tenant_id = c.tenant_id "
            + "and s.code_hash = c.code_hash) as spent from ballot_code c where c.tenant_id = :tenant and c.code_hash = :hash")
        .bind("tenant", tx.tenant().value()).bind("hash", hash)
        .map(r -> new IssuedCode(new BallotId(r.get("ballot_id", UUID.class)), r.get("rater_group", String.class),
            Boolean.TRUE.equals(r.get("spent", Boolean.class))))
        .one();
  }

  static Mono<Long> spendCode(TenantTx tx, String hash) {
    return tx.sql("insert into ballot_spent_code (tenant_id, code_hash) values (:tenant, :hash)")
        .bind("tenant", tx.tenant().value()).bind("hash", hash).fetch().rowsUpdated();
  }

  /**
   * Votes of a ballot take turns on its row: each rewrites all of the ballot's tally rows, and closing (an update)
   * waits for the vote under way, so a closed ballot's tally counts every vote that was accepted.
   */
  static Mono<Void> lockForVote(TenantTx tx, BallotId ballot) {
    return tx.sql("select 1 from ballot where tenant_id = :tenant and ballot_id = :ballot for no key update")
        .bind("tenant", tx.tenant().value()).bind("ballot", ballot.value()).map(r -> 1).all().then();
  }

  /** Members who joined the branch since the last vote get their rows now, for every criterion and group alike. */
  static Mono<Long> ensureTallyRows(TenantTx tx, BallotId ballot, List<MemberId> subjects, String[] criteria, String[] groups) {
    return tx.sql("insert into ballot_tally (tenant_id, ballot_id, subject_id, criterion, rater_group, votes, total) "
            + "select :tenant, :ballot, s, c, g, 0, 0 from unnest(:subjects::uuid[]) s, unnest(:criteria::text[]) c, "
            + "unnest(:groups::text[]) g order by s, c, g on conflict do nothing")
        .bind("tenant", tx.tenant().value()).bind("ballot", ballot.value())
        .bind("subjects", subjects.stream().map(MemberId::value).sorted().toArray(UUID[]::new)).bind("criteria", criteria).bind("groups", groups)
        .fetch().rowsUpdated();
  }

  /** One vote rewrites every tally row of its ballot, chosen or not: the rows it did not choose gain 0. */
  static Mono<Long> addVoteToEveryRow(TenantTx tx, BallotId ballot, String group, List<Rating> ratings) {
    // The rows are visited by a scan of the ballot's tally alone, each row's increment a subquery of its own: with the
    // choices joined in, the planner may emit matched and unmatched rows apart (a hash join does), and the new row
    // versions would then lie in the order of the last vote's choices (BallotSecrecyIT found it).
    return tx.sql("update ballot_tally t set (votes, total) = (select t.votes + count(d.s), t.total + coalesce(sum(d.x), 0) "
            + "from unnest(:subjects::uuid[], :criteria::text[], :values::numeric[]) as d(s, c, x) "
            + "where d.s = t.subject_id and d.c = t.criterion and t.rater_group = :group) "
            + "where t.tenant_id = :tenant and t.ballot_id = :ballot")
        .bind("tenant", tx.tenant().value()).bind("ballot", ballot.value()).bind("group", group == null ? "" : group)
        .bind("subjects", ratings.stream().map(r -> r.subject().value()).toArray(UUID[]::new))
        .bind("criteria", ratings.stream().map(Rating::criterion).toArray(String[]::new))
        .bind("values", ratings.stream().map(Rating::value).toArray(BigDecimal[]::new))
        .fetch().rowsUpdated();
  }

  /**
   * The tally rows some vote chose, per member: one row per member with its cells as one text (see Tuples), the
   * cheapest form for a township's year-end read.
   */
  static Mono<Map<MemberId, List<TallyCell>>> tallyCells(TenantTx tx, BallotId ballot) {
    return tx.sql("select subject_id, string_agg(criterion || ' ' || rater_group || ' ' || votes || ' ' || total, ';') as cells "
            + "from ballot_tally where tenant_id = :tenant and ballot_id = :ballot and votes > 0 group by subject_id")
        .bind("tenant", tx.tenant().value()).bind("ballot", ballot.value())
        .map(r -> Map.entry(new MemberId(r.get("subject_id", UUID.class)), cells(r.get("cells", String.class))))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** A cell's text is "criterion group votes total"; the empty group is a ballot without groups. */
  private static List<TallyCell> cells(String text) {
    return Arrays.stream(Tuples.parse(text))
        .map(t -> new TallyCell(t[0], t[1], Integer.parseInt(t[2]), new BigDecimal(t[3])))
        .toList();
  }

  private static Ballot readBallot(Readable r) {
    OffsetDateTime closed = r.get("closed_at", OffsetDateTime.class);
    return new Ballot(new TenantId(r.get("tenant_id", String.class)), new BallotId(r.get("ballot_id", UUID.class)),
        new BranchId(r.get("branch_id", UUID.class)), r.get("year", Integer.class), r.get("scheme_code", String.class),
        r.get("scheme_version", Integer.class), Scheme.BallotForm.valueOf(r.get("form", String.class)),
        r.get("min_raters", Integer.class), r.get("codes_issued", Integer.class), r.get("votes", Integer.class),
        BallotState.valueOf(r.get("state", String.class)), r.get("opened_by", String.class),
        r.get("opened_at", OffsetDateTime.class).toInstant(), closed == null ? null : closed.toInstant(),
        r.get("member_raters", Integer.class));
  }
}
