package com.jifen.settlement.internal;

import static com.jifen.shared.Sql.uuids;

import com.jifen.scheme.engine.SubjectYear;
import com.jifen.settlement.SettlementService.ExemptResult;
import com.jifen.shared.AdjustmentId;
import com.jifen.shared.BranchId;
import com.jifen.shared.MemberId;
import com.jifen.shared.OrganizationId;
import com.jifen.shared.SettlementId;
import com.jifen.shared.Sql;
import com.jifen.shared.VetoId;
import com.jifen.tenancy.TenantTx;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The SQL of the settlement's tables (settlement runs, adjustment, veto, honour, exempt_grade, star_award,
 * organization_assessment), each method
 * named after the question it answers. Reads of many members or branches are one statement with {@code any(:…)}, so
 * settling never costs a statement per member and assembling many runs none per branch.
 */
@Component
class SettlementQueries {

  /** A stored run as read back: {@code resultsJson} is the engine's results as settled (see {@link YearComputation}). */
  record StoredRun(SettlementId id, BranchId branch, int year, int run, String schemeCode, int schemeVersion,
      String computedBy, Instant computedAt, String resultsJson) {}

  /** What the database assigned to a run just stored. */
  record RunNumber(int run, Instant computedAt) {}

  record NewRun(SettlementId id, BranchId branch, int year, String schemeCode, int schemeVersion, String computedBy,
      String resultsJson) {}

  // ---------------------------------------------------------------- runs

  /** Stores a run as the branch's next one, numbered in the same statement so two runs never share a number. */
  Mono<RunNumber> storeNextRun(TenantTx tx, NewRun run) {
    return tx.sql("insert into settlement (tenant_id, settlement_id, branch_id, year, run, scheme_code, scheme_version, computed_by, results) "
            + "select :tenant, :id, :branch, :year, coalesce(max(run), 0) + 1, :schemeCode, :schemeVersion, :computedBy, :results "
            + "from settlement where tenant_id = :tenant and branch_id = :branch and year = :year returning run, computed_at")
        .bind("tenant", tx.tenant().value()).bind("id", run.id().value()).bind("branch", run.branch().value())
        .bind("year", run.year()).bind("schemeCode", run.schemeCode()).bind("schemeVersion", run.schemeVersion())
        .bind("computedBy", run.computedBy()).bind("results", Json.of(run.resultsJson()))
        .map(r -> new RunNumber(r.get("run", Integer.class), r.get("computed_at", OffsetDateTime.class).toInstant()))
        .one();
  }

  Mono<StoredRun> currentRun(TenantTx tx, BranchId branch, int year) {
    return tx.sql("select * from settlement where tenant_id = :tenant and branch_id = :branch and year = :year order by run desc limit 1")
        .bind("tenant", tx.tenant().value()).bind("branch", branch.value()).bind("year", year)
        .map(SettlementQueries::storedRun).one();
  }

  Mono<StoredRun> runById(TenantTx tx, SettlementId id) {
    return tx.sql("select * from settlement where tenant_id = :tenant and settlement_id = :id")
        .bind("tenant", tx.tenant().value()).bind("id", id.value())
        .map(SettlementQueries::storedRun).one();
  }

  private static StoredRun storedRun(Readable r) {
    return new StoredRun(new SettlementId(r.get("settlement_id", UUID.class)), new BranchId(r.get("branch_id", UUID.class)),
        r.get("year", Integer.class), r.get("run", Integer.class), r.get("scheme_code", String.class),
        r.get("scheme_version", Integer.class), r.get("computed_by", String.class),
        r.get("computed_at", OffsetDateTime.class).toInstant(), r.get("results", Json.class).asString());
  }

  /** The branches a township settlement covers: those with at least one active, scored member, by code. */
  Flux<BranchId> branchesWithScoredMembers(TenantTx tx) {
    return tx.sql("select o.org_id from organization o where o.tenant_id = :tenant and o.kind = 'BRANCH' "
            + "and exists (select 1 from member m where m.tenant_id = o.tenant_id and m.branch_id = o.org_id and m.status = 'ACTIVE' "
            + "and not m.exempt) order by o.code")
        .bind("tenant", tx.tenant().value()).map(r -> new BranchId(r.get("org_id", UUID.class))).all();
  }

  // ---------------------------------------------------------------- year-end records

  record NewAdjustment(AdjustmentId id, MemberId member, int year, String kind, String level, String reason, String actor) {}

  Mono<Long> insertAdjustment(TenantTx tx, NewAdjustment a, Instant recordedAt) {
    return tx.sql("insert into adjustment (tenant_id, adjustment_id, member_id, year, kind, level, reason, actor, recorded_at) "
            + "values (:tenant, :id, :member, :year, :kind, :level, :reason, :actor, :at)").bind("at", recordedAt)
        .bind("tenant", tx.tenant().value()).bind("id", a.id().value()).bind("member", a.member().value()).bind("year", a.year())
        .bind("kind", a.kind()).bind("level", a.level()).bind("reason", a.reason()).bind("actor", a.actor())
        .fetch().rowsUpdated();
  }

  record NewVeto(VetoId id, MemberId member, int year, String reasonCode, String note, String actor) {}

  Mono<Long> insertVeto(TenantTx tx, NewVeto v, Instant recordedAt) {
    return tx.sql("insert into veto (tenant_id, veto_id, member_id, year, reason_code, note, actor, recorded_at) "
            + "values (:tenant, :id, :member, :year, :reason, :note, :actor, :at)").bind("at", recordedAt)
        .bind("tenant", tx.tenant().value()).bind("id", v.id().value()).bind("member", v.member().value()).bind("year", v.year())
        .bind("reason", v.reasonCode()).bind("note", v.note()).bind("actor", v.actor())
        .fetch().rowsUpdated();
  }

  Mono<Long> insertHonour(TenantTx tx, MemberId member, int year, String honour, String reason, String actor, Instant recordedAt) {
    return tx.sql("insert into honour (tenant_id, member_id, year, honour, reason, actor, recorded_at) "
            + "values (:tenant, :member, :year, :honour, :reason, :actor, :at)").bind("at", recordedAt)
        .bind("tenant", tx.tenant().value()).bind("member", member.value()).bind("year", year).bind("honour", honour)
        .bind("reason", reason).bind("actor", actor).fetch().rowsUpdated();
  }

  Mono<Long> insertExemptGrade(TenantTx tx, MemberId member, int year, String grade, String reason, String actor, Instant gradedAt) {
    return tx.sql("insert into exempt_grade (tenant_id, member_id, year, grade, reason, actor, graded_at) "
            + "values (:tenant, :member, :year, :grade, :reason, :actor, :at)").bind("at", gradedAt)
        .bind("tenant", tx.tenant().value()).bind("member", member.value()).bind("year", year).bind("grade", grade)
        .bind("reason", reason).bind("actor", actor).fetch().rowsUpdated();
  }

  /** Adjustments of the members' year still in force (neither a withdrawal nor withdrawn), in the order recorded. */
  Mono<Map<MemberId, List<SubjectYear.Adjustment>>> adjustmentsInForce(TenantTx tx, Collection<MemberId> members, int year) {
    return tx.sql("select a.member_id, a.kind, a.level from adjustment a where a.tenant_id = :tenant and a.year = :year "
            + "and a.member_id = any(:members) and a.withdraws is null and not exists (select 1 from adjustment w "
            + "where w.tenant_id = a.tenant_id and w.withdraws = a.adjustment_id) order by a.recorded_at")
        .bind("tenant", tx.tenant().value()).bind("year", year).bind("members", uuids(members))
        .map(r -> Map.entry(memberId(r), new SubjectYear.Adjustment(r.get("kind", String.class), r.get("level", String.class))))
        .all().collectList().map(rows -> grouped(rows, k -> new ArrayList<>()));
  }

  /** Veto reason codes of the members' year still in force. */
  Mono<Map<MemberId, List<String>>> vetoesInForce(TenantTx tx, Collection<MemberId> members, int year) {
    return tx.sql("select v.member_id, v.reason_code from veto v where v.tenant_id = :tenant and v.year = :year and v.member_id = any(:members) "
            + "and v.withdraws is null and not exists (select 1 from veto w where w.tenant_id = v.tenant_id and w.withdraws = v.veto_id)")
        .bind("tenant", tx.tenant().value()).bind("year", year).bind("members", uuids(members))
        .map(r -> Map.entry(memberId(r), r.get("reason_code", String.class)))
        .all().collectList().map(rows -> grouped(rows, k -> new ArrayList<>()));
  }

  /** The honours (S3's stars) awarded to the members for the year. */
  Mono<Map<MemberId, Set<String>>> honoursOf(TenantTx tx, Collection<MemberId> members, int year) {
    return tx.sql("select member_id, honour from honour where tenant_id = :tenant and year = :year and member_id = any(:members)")
        .bind("tenant", tx.tenant().value()).bind("year", year).bind("members", uuids(members))
        .map(r -> Map.entry(memberId(r), r.get("honour", String.class)))
        .all().collectList().map(rows -> grouped(rows, k -> new HashSet<>()));
  }

  /** The directly graded exempt members of each branch's year, in one read for all the branches. */
  Mono<Map<BranchId, List<ExemptResult>>> exemptGradesOf(TenantTx tx, Collection<BranchId> branches, int year) {
    return tx.sql("select m.branch_id, g.member_id, g.grade, g.reason from exempt_grade g join member m on m.tenant_id = g.tenant_id "
            + "and m.member_id = g.member_id where g.tenant_id = :tenant and g.year = :year and m.branch_id = any(:branches)")
        .bind("tenant", tx.tenant().value()).bind("year", year).bind("branches", branches.stream().map(BranchId::value).toArray(UUID[]::new))
        .map(r -> Map.entry(new BranchId(r.get("branch_id", UUID.class)),
            new ExemptResult(memberId(r), r.get("grade", String.class), r.get("reason", String.class))))
        .all().collectList().map(rows -> grouped(rows, k -> new ArrayList<>()));
  }

  // ---------------------------------------------------------------- stars

  /** The members confirmed as stars of a period in each branch, by member id, in one read for all the branches. */
  Mono<Map<BranchId, List<MemberId>>> confirmedStarsOf(TenantTx tx, Collection<BranchId> branches, int year, StarPeriod period) {
    return tx.sql("select branch_id, member_id from star_award where tenant_id = :tenant and branch_id = any(:branches) "
            + "and year = :year and period = :period order by member_id")
        .bind("tenant", tx.tenant().value()).bind("branches", branches.stream().map(BranchId::value).toArray(UUID[]::new))
        .bind("year", year).bind("period", period.name())
        .map(r -> Map.entry(new BranchId(r.get("branch_id", UUID.class)), memberId(r)))
        .all().collectList().map(rows -> grouped(rows, k -> new ArrayList<>()));
  }

  /** The stars of a period, all in one statement. */
  Mono<Long> awardStars(TenantTx tx, BranchId branch, int year, StarPeriod period, List<MemberId> members, String actor,
      Instant awardedAt) {
    return tx.sql("insert into star_award (tenant_id, branch_id, year, period, member_id, actor, awarded_at) "
            + "select :tenant, :branch, :year, :period, m, :actor, :at from unnest(:members::uuid[]) as u(m)").bind("at", awardedAt)
        .bind("tenant", tx.tenant().value()).bind("branch", branch.value()).bind("year", year).bind("period", period.name())
        .bind("members", uuids(members)).bind("actor", actor)
        .fetch().rowsUpdated();
  }

  // ---------------------------------------------------------------- organization assessments (S4)

  /** An organization's ratings for a year, as recorded. */
  record Assessment(OrganizationId organization, String schemeCode, int schemeVersion, BigDecimal selfScore,
      BigDecimal massScore, BigDecimal superiorScore, int satisfiedVoters, int voters, String vetoNote) {}

  Mono<Long> insertAssessment(TenantTx tx, Assessment a, int year, String actor, Instant recordedAt) {
    var insert = tx.sql("insert into organization_assessment (tenant_id, org_id, year, scheme_code, scheme_version, self_score, "
            + "mass_score, superior_score, satisfied_voters, voters, veto_note, actor, recorded_at) values "
            + "(:tenant, :org, :year, :schemeCode, :schemeVersion, :self, :mass, :superior, :satisfied, :voters, :veto, :actor, :at)")
        .bind("at", recordedAt)
        .bind("tenant", tx.tenant().value()).bind("org", a.organization().value()).bind("year", year)
        .bind("schemeCode", a.schemeCode()).bind("schemeVersion", a.schemeVersion()).bind("self", a.selfScore())
        .bind("mass", a.massScore()).bind("superior", a.superiorScore()).bind("satisfied", a.satisfiedVoters())
        .bind("voters", a.voters()).bind("actor", actor);
    return Sql.bind(insert, "veto", a.vetoNote(), String.class).fetch().rowsUpdated();
  }

  /** The year's assessments of the township's organizations, by organization id. */
  Flux<Assessment> assessmentsOf(TenantTx tx, int year) {
    return tx.sql("select * from organization_assessment where tenant_id = :tenant and year = :year order by org_id")
        .bind("tenant", tx.tenant().value()).bind("year", year)
        .map(r -> new Assessment(new OrganizationId(r.get("org_id", UUID.class)), r.get("scheme_code", String.class),
            r.get("scheme_version", Integer.class), r.get("self_score", BigDecimal.class), r.get("mass_score", BigDecimal.class),
            r.get("superior_score", BigDecimal.class), r.get("satisfied_voters", Integer.class), r.get("voters", Integer.class),
            r.get("veto_note", String.class)))
        .all();
  }

  // ---------------------------------------------------------------- helpers

  private static MemberId memberId(Readable r) {
    return new MemberId(r.get("member_id", UUID.class));
  }

  private static <K, V, C extends Collection<V>> Map<K, C> grouped(List<Map.Entry<K, V>> rows, Function<K, C> empty) {
    Map<K, C> map = new HashMap<>();
    rows.forEach(e -> map.computeIfAbsent(e.getKey(), empty).add(e.getValue()));
    return map;
  }
}
