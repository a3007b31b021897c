package com.jifen.settlement.internal;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.organization.MemberService;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationKind;
import com.jifen.organization.OrganizationService;
import com.jifen.settlement.internal.DutyCardQueries.CardHead;
import com.jifen.settlement.internal.DutyCardQueries.EvaluationRow;
import com.jifen.settlement.internal.DutyCardQueries.FulfilmentRow;
import com.jifen.settlement.internal.DutyCardQueries.TargetRow;
import com.jifen.shared.DomainException;
import com.jifen.shared.DutyCardId;
import com.jifen.shared.Ids;
import com.jifen.shared.OrganizationId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * S3's other two cards (seed 002, docs/DOMAIN.md "S3 three cards"): the party committee secretary's responsibility card
 * (党委书记抓党员教育管理责任卡) and each branch secretary's target card (支部书记抓党员教育管理目标卡). The township sets a
 * card's yearly targets, fulfilment is recorded through the year against a target (落实责任活动记载, checked quarterly),
 * and the year ends with one evaluation (一年一考核) on a hundred-point scale with a comment.
 */
@Component
public class DutyCards {
  private final TenantScope scope;
  private final OrganizationService organizations;
  private final MemberService members;
  private final AuditLog audit;
  private final Clock clock;
  private final DutyCardQueries queries;

  DutyCards(TenantScope scope, OrganizationService organizations, MemberService members, AuditLog audit, Clock clock,
      DutyCardQueries queries) {
    this.scope = scope;
    this.organizations = organizations;
    this.members = members;
    this.audit = audit;
    this.clock = clock;
    this.queries = queries;
  }

  public enum DutyCardKind {
    RESPONSIBILITY, TARGET;

    String cardName() {
      return this == RESPONSIBILITY ? "责任卡" : "目标卡";
    }

    OrganizationKind holderOf() {
      return this == RESPONSIBILITY ? OrganizationKind.COMMITTEE : OrganizationKind.BRANCH;
    }
  }

  public record CardTargetInput(String area, String target) {}

  public record OpenDutyCardInput(DutyCardKind kind, int year, String organizationId, String holder, List<CardTargetInput> targets) {}

  public record RecordCardFulfilmentInput(String cardId, int targetNo, LocalDate doneOn, String note) {}

  public record EvaluateDutyCardInput(String cardId, BigDecimal score, String comment) {}

  public record Fulfilment(LocalDate doneOn, int quarter, String note, String recordedBy) {}

  public record CardTarget(int no, String area, String target, List<Fulfilment> fulfilment) {}

  public record Evaluation(BigDecimal score, String comment, String evaluatedBy, OffsetDateTime evaluatedAt) {}

  public record DutyCard(DutyCardId id, DutyCardKind kind, int year, Organization organization, String holder, List<CardTarget> targets,
      Evaluation evaluation) {}

  public Mono<DutyCard> open(CurrentUser user, OpenDutyCardInput in) {
    user.requireTownshipManager();
    var tenant = user.requireTenant();
    OrganizationId orgId = OrganizationId.parse(in.organizationId());
    if (in.holder() == null || in.holder().isBlank()) {
      throw DomainException.badRequest("HOLDER_REQUIRED", "请填写持卡人（党委书记或支部书记）姓名");
    }
    if (in.targets() == null || in.targets().isEmpty()
        || in.targets().stream().anyMatch(t -> t.area() == null || t.area().isBlank() || t.target() == null || t.target().isBlank())) {
      throw DomainException.badRequest("TARGETS_REQUIRED", "卡上须列出年度目标，每项目标须有项目和内容");
    }
    return scope.inTx(tenant, tx -> organizations.find(tx, orgId).flatMap(org -> {
      if (org.kind() != in.kind().holderOf()) {
        return Mono.error(DomainException.badRequest("WRONG_ORGANIZATION", "%s属于%s书记，“%s”是%s".formatted(
            in.kind().cardName(), in.kind().holderOf().chinese(), org.name(), org.kind().chinese())));
      }
      DutyCardId id = new DutyCardId(Ids.newId());
      List<String> areas = in.targets().stream().map(t -> t.area().trim()).toList();
      List<String> targets = in.targets().stream().map(t -> t.target().trim()).toList();
      return queries.insertCard(tx, new CardHead(id, in.kind(), in.year(), orgId, in.holder().trim()), user.username(), clock.instant())
          .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("CARD_EXISTS",
              "%s %d 年的%s已建立".formatted(org.name(), in.year(), in.kind().cardName()), Map.of()))
          .then(queries.insertTargets(tx, id, areas, targets))
          .then(audit.record(tx, user.username(), "openDutyCard", id.toString(),
              Map.of("kind", in.kind().name(), "year", in.year(), "organization", org.code(), "targets", targets.size())))
          .then(find(tx, id));
    }));
  }

  /** The township, or for a target card also the branch's own secretary, records what was done for a target. */
  public Mono<DutyCard> recordFulfilment(CurrentUser user, RecordCardFulfilmentInput in) {
    var tenant = user.requireTenant();
    DutyCardId id = DutyCardId.parse(in.cardId());
    if (in.note() == null || in.note().isBlank()) {
      throw DomainException.badRequest("NOTE_REQUIRED", "请填写落实情况");
    }
    return scope.inTx(tenant, tx -> find(tx, id).flatMap(card -> {
      Mono<Void> allowed = card.kind() == DutyCardKind.TARGET
          ? members.requireManages(tx, user, card.organization().id(), "只有本支部书记或乡镇管理员可以记载目标卡")
          : Mono.fromRunnable(user::requireTownshipManager);
      return allowed.then(Mono.defer(() -> {
        if (in.doneOn() == null || in.doneOn().getYear() != card.year() || in.doneOn().isAfter(LocalDate.now(clock))) {
          return Mono.error(DomainException.badRequest("INVALID_DATE", "落实日期须在 %d 年内且不晚于今天".formatted(card.year())));
        }
        if (card.targets().stream().noneMatch(t -> t.no() == in.targetNo())) {
          return Mono.error(DomainException.badRequest("UNKNOWN_TARGET", "卡上没有第 %d 项目标（共 %d 项）".formatted(in.targetNo(), card.targets().size())));
        }
        return queries.insertFulfilment(tx, Ids.newId(), id, in.targetNo(), in.doneOn(), in.note().trim(), user.username(), clock.instant())
            .then(audit.record(tx, user.username(), "recordCardFulfilment", id.toString(),
                Map.of("target", in.targetNo(), "doneOn", in.doneOn().toString())))
            .then(find(tx, id));
      }));
    }));
  }

  /** 一年一考核: once, by the township, after the year's last month has begun. */
  public Mono<DutyCard> evaluate(CurrentUser user, EvaluateDutyCardInput in) {
    user.requireTownshipManager();
    var tenant = user.requireTenant();
    DutyCardId id = DutyCardId.parse(in.cardId());
    if (in.score() == null || in.score().signum() < 0 || in.score().compareTo(BigDecimal.valueOf(100)) > 0) {
      throw DomainException.badRequest("OUT_OF_RANGE", "考评得分须在 0–100 之间");
    }
    if (in.comment() == null || in.comment().isBlank()) {
      throw DomainException.badRequest("COMMENT_REQUIRED", "请填写考评意见（领导点评）");
    }
    return scope.inTx(tenant, tx -> find(tx, id).flatMap(card -> {
      if (LocalDate.now(clock).isBefore(LocalDate.of(card.year(), 12, 1))) {
        return Mono.error(DomainException.badRequest("YEAR_NOT_ENDED", "%d 年尚未到年终，不能考评".formatted(card.year())));
      }
      return queries.insertEvaluation(tx, id, in.score(), in.comment().trim(), user.username(), clock.instant())
          .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("ALREADY_EVALUATED", "该卡本年度已考评", Map.of()))
          .then(audit.record(tx, user.username(), "evaluateDutyCard", id.toString(), Map.of("score", in.score().toPlainString())))
          .then(find(tx, id));
    }));
  }

  /** A township's cards of a year: admins see all, a branch secretary the branch's target card. */
  public Mono<List<DutyCard>> cards(CurrentUser user, int year) {
    return scope.inTx(user.requireTenant(), tx -> queries.cardsOfYear(tx, year)
        .filterWhen(card -> members.manages(tx, user, card.organization()))
        .collectList()
        .flatMap(heads -> assemble(tx, heads)));
  }

  private Mono<DutyCard> find(TenantTx tx, DutyCardId id) {
    return queries.cardsByIds(tx, List.of(id)).collectList()
        .flatMap(heads -> heads.isEmpty() ? Mono.error(DomainException.notFound("卡", id.value())) : assemble(tx, heads))
        .map(List::getFirst);
  }

  /** Cards with their targets, fulfilment, evaluation and organization: four reads for any number of cards. */
  private Mono<List<DutyCard>> assemble(TenantTx tx, List<CardHead> heads) {
    if (heads.isEmpty()) {
      return Mono.just(List.of());
    }
    List<DutyCardId> ids = heads.stream().map(CardHead::id).toList();
    return Mono.zip(queries.targetsOf(tx, ids).collectList(), queries.fulfilmentOf(tx, ids).collectList(),
            queries.evaluationsOf(tx, ids).collectList(),
            organizations.byIds(tx.tenant(), heads.stream().map(CardHead::organization).distinct().toList()))
        .map(t -> heads.stream().map(h -> card(h, t.getT1(), t.getT2(), t.getT3(), t.getT4().get(h.organization()))).toList());
  }

  private static DutyCard card(CardHead head, List<TargetRow> targets, List<FulfilmentRow> records, List<EvaluationRow> evaluations,
      Organization org) {
    List<CardTarget> list = targets.stream().filter(t -> t.card().equals(head.id()))
        .map(t -> new CardTarget(t.no(), t.area(), t.target(), records.stream()
            .filter(r -> r.card().equals(head.id()) && r.no() == t.no())
            .map(r -> new Fulfilment(r.doneOn(), (r.doneOn().getMonthValue() + 2) / 3, r.note(), r.recordedBy())).toList()))
        .toList();
    Evaluation evaluation = evaluations.stream().filter(e -> e.card().equals(head.id())).map(EvaluationRow::evaluation)
        .findFirst().orElse(null);
    return new DutyCard(head.id(), head.kind(), head.year(), org, head.holder(), list, evaluation);
  }
}
