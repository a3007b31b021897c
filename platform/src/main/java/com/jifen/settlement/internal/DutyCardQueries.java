package com.jifen.settlement.internal;

import static com.jifen.shared.Sql.uuids;

import com.jifen.settlement.internal.DutyCards.DutyCardKind;
import com.jifen.settlement.internal.DutyCards.Evaluation;
import com.jifen.shared.DutyCardId;
import com.jifen.shared.OrganizationId;
import com.jifen.tenancy.TenantTx;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The SQL of S3's duty cards (duty_card, its targets, fulfilment records and evaluation). Cards are read for many ids at
 * once, a list of cards costing four statements whatever its length.
 */
@Component
class DutyCardQueries {

  record CardHead(DutyCardId id, DutyCardKind kind, int year, OrganizationId organization, String holder) {}

  record TargetRow(DutyCardId card, int no, String area, String target) {}

  record FulfilmentRow(DutyCardId card, int no, LocalDate doneOn, String note, String recordedBy) {}

  record EvaluationRow(DutyCardId card, Evaluation evaluation) {}

  Mono<Long> insertCard(TenantTx tx, CardHead card, String openedBy, Instant openedAt) {
    return tx.sql("insert into duty_card (tenant_id, card_id, kind, year, organization_id, holder, opened_by, opened_at) "
            + "values (:tenant, :id, :kind, :year, :org, :holder, :openedBy, :at)").bind("at", openedAt)
        .bind("tenant", tx.tenant().value()).bind("id", card.id().value()).bind("kind", card.kind().name())
        .bind("year", card.year()).bind("org", card.organization().value()).bind("holder", card.holder())
        .bind("openedBy", openedBy).fetch().rowsUpdated();
  }

  /** The card's targets, numbered in the order given, in one statement. */
  Mono<Long> insertTargets(TenantTx tx, DutyCardId card, List<String> areas, List<String> targets) {
    return tx.sql("insert into duty_card_target (tenant_id, card_id, no, area, target) "
            + "select :tenant, :id, n::int, a, g from unnest(:areas::text[], :targets::text[]) with ordinality as u(a, g, n)")
        .bind("tenant", tx.tenant().value()).bind("id", card.value()).bind("areas", areas.toArray(String[]::new))
        .bind("targets", targets.toArray(String[]::new)).fetch().rowsUpdated();
  }

  Mono<Long> insertFulfilment(TenantTx tx, UUID recordId, DutyCardId card, int targetNo, LocalDate doneOn, String note, String by,
      Instant recordedAt) {
    return tx.sql("insert into duty_card_record (tenant_id, record_id, card_id, no, done_on, note, recorded_by, recorded_at) "
            + "values (:tenant, :record, :id, :no, :doneOn, :note, :by, :at)").bind("at", recordedAt)
        .bind("tenant", tx.tenant().value()).bind("record", recordId).bind("id", card.value()).bind("no", targetNo)
        .bind("doneOn", doneOn).bind("note", note).bind("by", by).fetch().rowsUpdated();
  }

  Mono<Long> insertEvaluation(TenantTx tx, DutyCardId card, BigDecimal score, String comment, String by, Instant evaluatedAt) {
    return tx.sql("insert into duty_card_evaluation (tenant_id, card_id, score, comment, evaluated_by, evaluated_at) "
            + "values (:tenant, :id, :score, :comment, :by, :at)").bind("at", evaluatedAt)
        .bind("tenant", tx.tenant().value()).bind("id", card.value()).bind("score", score).bind("comment", comment).bind("by", by)
        .fetch().rowsUpdated();
  }

  /** The year's cards, responsibility cards first, each kind in the order opened. */
  Flux<CardHead> cardsOfYear(TenantTx tx, int year) {
    return tx.sql("select * from duty_card where tenant_id = :tenant and year = :year order by kind, opened_at")
        .bind("tenant", tx.tenant().value()).bind("year", year).map(DutyCardQueries::head).all();
  }

  Flux<CardHead> cardsByIds(TenantTx tx, Collection<DutyCardId> ids) {
    return tx.sql("select * from duty_card where tenant_id = :tenant and card_id = any(:ids)")
        .bind("tenant", tx.tenant().value()).bind("ids", uuids(ids)).map(DutyCardQueries::head).all();
  }

  private static CardHead head(io.r2dbc.spi.Readable r) {
    return new CardHead(new DutyCardId(r.get("card_id", UUID.class)), DutyCardKind.valueOf(r.get("kind", String.class)),
        r.get("year", Integer.class), new OrganizationId(r.get("organization_id", UUID.class)), r.get("holder", String.class));
  }

  Flux<TargetRow> targetsOf(TenantTx tx, Collection<DutyCardId> cards) {
    return tx.sql("select card_id, no, area, target from duty_card_target where tenant_id = :tenant and card_id = any(:ids) order by no")
        .bind("tenant", tx.tenant().value()).bind("ids", uuids(cards))
        .map(r -> new TargetRow(new DutyCardId(r.get("card_id", UUID.class)), r.get("no", Integer.class), r.get("area", String.class),
            r.get("target", String.class)))
        .all();
  }

  Flux<FulfilmentRow> fulfilmentOf(TenantTx tx, Collection<DutyCardId> cards) {
    return tx.sql("select card_id, no, done_on, note, recorded_by from duty_card_record where tenant_id = :tenant and card_id = any(:ids) "
            + "order by done_on, recorded_at")
        .bind("tenant", tx.tenant().value()).bind("ids", uuids(cards))
        .map(r -> new FulfilmentRow(new DutyCardId(r.get("card_id", UUID.class)), r.get("no", Integer.class),
            r.get("done_on", LocalDate.class), r.get("note", String.class), r.get("recorded_by", String.class)))
        .all();
  }

  Flux<EvaluationRow> evaluationsOf(TenantTx tx, Collection<DutyCardId> cards) {
    return tx.sql("select * from duty_card_evaluation where tenant_id = :tenant and card_id = any(:ids)")
        .bind("tenant", tx.tenant().value()).bind("ids", uuids(cards))
        .map(r -> new EvaluationRow(new DutyCardId(r.get("card_id", UUID.class)), new Evaluation(r.get("score", BigDecimal.class),
            r.get("comment", String.class), r.get("evaluated_by", String.class), r.get("evaluated_at", OffsetDateTime.class))))
        .all();
  }
}
