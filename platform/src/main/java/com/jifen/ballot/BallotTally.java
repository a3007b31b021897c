package com.jifen.ballot;

import com.jifen.organization.Member;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.TenantId;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The live tally of a ballot: votes and the sum of their values per subject, criterion and rater group. Its rows are
 * the whole product (members × criteria × groups) whatever anyone chose, created together before they are first
 * needed, and every vote rewrites all of them: neither which rows exist, nor their order, nor their transaction ids
 * depend on a choice.
 */
final class BallotTally {
  private BallotTally() {}

  /** rows: (subject id, criterion, value) of one vote, already validated against the form. */
  static Mono<Void> add(DatabaseClient db, TenantId tenant, UUID ballotId, Scheme scheme, List<Member> subjects, String group,
      List<Object[]> rows) {
    Scheme.Ballot form = scheme.ballot();
    String[] criteria = switch (form.form()) {
      case ITEM_SCORES -> scheme.items().stream().map(Scheme.Item::code).toArray(String[]::new);
      case GRADE_VOTES -> form.options().stream().map(Scheme.VoteOption::code).toArray(String[]::new);
      case RATER_GROUPS -> new String[] {"SCORE"};
    };
    String[] groups = form.form() == Scheme.BallotForm.RATER_GROUPS
        ? form.groups().stream().map(Scheme.RaterGroup::code).toArray(String[]::new) : new String[] {""};
    // members who joined the branch since the last vote get their rows now, for every criterion and group alike
    Mono<Long> product = db.sql("insert into ballot_tally (tenant_id, ballot_id, subject_id, criterion, rater_group, votes, total) "
            + "select :t, :b, s, c, g, 0, 0 from unnest(:subjects::uuid[]) s, unnest(:criteria::text[]) c, unnest(:groups::text[]) g "
            + "order by s, c, g on conflict do nothing")
        .bind("t", tenant.value()).bind("b", ballotId)
        .bind("subjects", subjects.stream().map(Member::id).sorted().toArray(UUID[]::new))
        .bind("criteria", criteria).bind("groups", groups)
        .fetch().rowsUpdated();
    Mono<Long> everyRow = db.sql("update ballot_tally t set votes = t.votes + case when d.s is null then 0 else 1 end, "
            + "total = t.total + coalesce(d.x, 0) "
            + "from ballot_tally k left join unnest(:subjects::uuid[], :criteria::text[], :values::numeric[]) as d(s, c, x) "
            + "on d.s = k.subject_id and d.c = k.criterion and k.rater_group = :g "
            + "where t.tenant_id = :t and t.ballot_id = :b and k.tenant_id = t.tenant_id and k.ballot_id = t.ballot_id "
            + "and k.subject_id = t.subject_id and k.criterion = t.criterion and k.rater_group = t.rater_group")
        .bind("t", tenant.value()).bind("b", ballotId).bind("g", group == null ? "" : group)
        .bind("subjects", rows.stream().map(r -> (UUID) r[0]).toArray(UUID[]::new))
        .bind("criteria", rows.stream().map(r -> (String) r[1]).toArray(String[]::new))
        .bind("values", rows.stream().map(r -> (BigDecimal) r[2]).toArray(BigDecimal[]::new))
        .fetch().rowsUpdated();
    return product.then(everyRow).then();
  }
}
