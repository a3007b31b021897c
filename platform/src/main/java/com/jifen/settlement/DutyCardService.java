package com.jifen.settlement;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.organization.MemberService;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationKind;
import com.jifen.organization.OrganizationService;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * S3's other two cards (seed 002, docs/DOMAIN.md "S3 three cards"): the party committee secretary's responsibility card
 * (党委书记抓党员教育管理责任卡) and each branch secretary's target card (支部书记抓党员教育管理目标卡). The township sets a
 * card's yearly targets, fulfilment is recorded through the year against a target (落实责任活动记载, checked quarterly),
 * and the year ends with one evaluation (一年一考核) on a hundred-point scale with a comment.
 */
@Service
public class DutyCardService {
  private final TenantScope scope;
  private final OrganizationService organizations;
  private final MemberService members;
  private final AuditLog audit;
  private final Clock clock;

  DutyCardService(TenantScope scope, OrganizationService organizations, MemberService members, AuditLog audit, Clock clock) {
    this.scope = scope;
    this.organizations = organizations;
    this.members = members;
    this.audit = audit;
    this.clock = clock;
  }

  public enum DutyCardKind { RESPONSIBILITY, TARGET }

  public record CardTargetInput(String area, String target) {}

  public record OpenDutyCardInput(DutyCardKind kind, int year, String organizationId, String holder, List<CardTargetInput> targets) {}

  public record RecordCardFulfilmentInput(String cardId, int targetNo, LocalDate doneOn, String note) {}

  public record EvaluateDutyCardInput(String cardId, BigDecimal score, String comment) {}

  public record Fulfilment(LocalDate doneOn, int quarter, String note, String recordedBy) {}

  public record CardTarget(int no, String area, String target, List<Fulfilment> fulfilment) {}

  public record Evaluation(BigDecimal score, String comment, String evaluatedBy, OffsetDateTime evaluatedAt) {}

  public record DutyCard(UUID id, DutyCardKind kind, int year, Organization organization, String holder, List<CardTarget> targets,
      Evaluation evaluation) {}

  public Mono<DutyCard> open(CurrentUser user, OpenDutyCardInput in) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    UUID orgId = Ids.parse("党组织", in.organizationId());
    if (in.holder() == null || in.holder().isBlank()) {
      throw DomainException.badRequest("HOLDER_REQUIRED", "请填写持卡人（党委书记或支部书记）姓名");
    }
    if (in.targets() == null || in.targets().isEmpty()
        || in.targets().stream().anyMatch(t -> t.area() == null || t.area().isBlank() || t.target() == null || t.target().isBlank())) {
      throw DomainException.badRequest("TARGETS_REQUIRED", "卡上须列出年度目标，每项目标须有项目和内容");
    }
    return scope.mono(tenant, db -> organizations.find(db, tenant, orgId).flatMap(org -> {
      OrganizationKind holderOf = in.kind() == DutyCardKind.RESPONSIBILITY ? OrganizationKind.COMMITTEE : OrganizationKind.BRANCH;
      if (org.kind() != holderOf) {
        return Mono.error(DomainException.badRequest("WRONG_ORGANIZATION", "%s属于%s书记，“%s”是%s".formatted(
            in.kind() == DutyCardKind.RESPONSIBILITY ? "责任卡" : "目标卡", holderOf.chinese(), org.name(), org.kind().chinese())));
      }
      UUID id = Ids.newId();
      List<String> areas = in.targets().stream().map(t -> t.area().trim()).toList();
      List<String> targets = in.targets().stream().map(t -> t.target().trim()).toList();
      return db.sql("insert into duty_card (tenant_id, card_id, kind, year, organization_id, holder, opened_by) "
              + "values (:t, :id, :kind, :y, :org, :holder, :by)")
          .bind("t", tenant.value()).bind("id", id).bind("kind", in.kind().name()).bind("y", in.year()).bind("org", orgId)
          .bind("holder", in.holder().trim()).bind("by", user.username())
          .fetch().rowsUpdated()
          .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("CARD_EXISTS",
              "%s %d 年的%s已建立".formatted(org.name(), in.year(), in.kind() == DutyCardKind.RESPONSIBILITY ? "责任卡" : "目标卡"), Map.of()))
          .then(db.sql("insert into duty_card_target (tenant_id, card_id, no, area, target) "
                  + "select :t, :id, n::int, a, g from unnest(:areas::text[], :targets::text[]) with ordinality as u(a, g, n)")
              .bind("t", tenant.value()).bind("id", id).bind("areas", areas.toArray(String[]::new))
              .bind("targets", targets.toArray(String[]::new)).fetch().rowsUpdated())
          .then(audit.record(db, tenant, user.username(), "openDutyCard", id.toString(),
              Map.of("kind", in.kind().name(), "year", in.year(), "organization", org.code(), "targets", targets.size())))
          .then(find(db, tenant, id));
    }));
  }

  /** The township, or for a target card also the branch's own secretary, records what was done for a target. */
  public Mono<DutyCard> recordFulfilment(CurrentUser user, RecordCardFulfilmentInput in) {
    TenantId tenant = user.requireTenant();
    UUID id = Ids.parse("目标卡", in.cardId());
    if (in.note() == null || in.note().isBlank()) {
      throw DomainException.badRequest("NOTE_REQUIRED", "请填写落实情况");
    }
    return scope.mono(tenant, db -> find(db, tenant, id).flatMap(card -> {
      Mono<Void> allowed = card.kind() == DutyCardKind.TARGET
          ? members.requireManages(db, user, card.organization().id(), "只有本支部书记或乡镇管理员可以记载目标卡")
          : Mono.fromRunnable(user::requireTownshipManager);
      return allowed.then(Mono.defer(() -> {
        if (in.doneOn() == null || in.doneOn().getYear() != card.year() || in.doneOn().isAfter(LocalDate.now(clock))) {
          return Mono.error(DomainException.badRequest("INVALID_DATE", "落实日期须在 %d 年内且不晚于今天".formatted(card.year())));
        }
        if (card.targets().stream().noneMatch(t -> t.no() == in.targetNo())) {
          return Mono.error(DomainException.badRequest("UNKNOWN_TARGET", "卡上没有第 %d 项目标（共 %d 项）".formatted(in.targetNo(), card.targets().size())));
        }
        return db.sql("insert into duty_card_record (tenant_id, record_id, card_id, no, done_on, note, recorded_by) "
                + "values (:t, :r, :id, :no, :on, :note, :by)")
            .bind("t", tenant.value()).bind("r", Ids.newId()).bind("id", id).bind("no", in.targetNo()).bind("on", in.doneOn())
            .bind("note", in.note().trim()).bind("by", user.username()).fetch().rowsUpdated()
            .then(audit.record(db, tenant, user.username(), "recordCardFulfilment", id.toString(),
                Map.of("target", in.targetNo(), "doneOn", in.doneOn().toString())))
            .then(find(db, tenant, id));
      }));
    }));
  }

  /** 一年一考核: once, by the township, after the year's last month has begun. */
  public Mono<DutyCard> evaluate(CurrentUser user, EvaluateDutyCardInput in) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    UUID id = Ids.parse("目标卡", in.cardId());
    if (in.score() == null || in.score().signum() < 0 || in.score().compareTo(BigDecimal.valueOf(100)) > 0) {
      throw DomainException.badRequest("OUT_OF_RANGE", "考评得分须在 0–100 之间");
    }
    if (in.comment() == null || in.comment().isBlank()) {
      throw DomainException.badRequest("COMMENT_REQUIRED", "请填写考评意见（领导点评）");
    }
    return scope.mono(tenant, db -> find(db, tenant, id).flatMap(card -> {
      if (LocalDate.now(clock).isBefore(LocalDate.of(card.year(), 12, 1))) {
        return Mono.error(DomainException.badRequest("YEAR_NOT_ENDED", "%d 年尚未到年终，不能考评".formatted(card.year())));
      }
      return db.sql("insert into duty_card_evaluation (tenant_id, card_id, score, comment, evaluated_by) values (:t, :id, :s, :c, :by)")
          .bind("t", tenant.value()).bind("id", id).bind("s", in.score()).bind("c", in.comment().trim()).bind("by", user.username())
          .fetch().rowsUpdated()
          .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("ALREADY_EVALUATED", "该卡本年度已考评", Map.of()))
          .then(audit.record(db, tenant, user.username(), "evaluateDutyCard", id.toString(), Map.of("score", in.score().toPlainString())))
          .then(find(db, tenant, id));
    }));
  }

  /** A township's cards of a year: admins see all, a branch secretary the branch's target card. */
  public Mono<List<DutyCard>> cards(CurrentUser user, int year) {
    TenantId tenant = user.requireTenant();
    return scope.mono(tenant, db -> db.sql("select card_id, organization_id from duty_card where tenant_id = :t and year = :y "
            + "order by kind, opened_at")
        .bind("t", tenant.value()).bind("y", year)
        .map(r -> new UUID[] {r.get("card_id", UUID.class), r.get("organization_id", UUID.class)}).all()
        .filterWhen(row -> members.manages(db, user, row[1]))
        .concatMap(row -> find(db, tenant, row[0])).collectList());
  }

  private Mono<DutyCard> find(DatabaseClient db, TenantId tenant, UUID id) {
    Mono<Object[]> head = db.sql("select * from duty_card where tenant_id = :t and card_id = :id").bind("t", tenant.value()).bind("id", id)
        .map(r -> new Object[] {r.get("kind", String.class), r.get("year", Integer.class), r.get("organization_id", UUID.class),
            r.get("holder", String.class)})
        .one().switchIfEmpty(Mono.error(() -> DomainException.notFound("卡", id)));
    Mono<List<Object[]>> targets = db.sql("select no, area, target from duty_card_target where tenant_id = :t and card_id = :id order by no")
        .bind("t", tenant.value()).bind("id", id)
        .map(r -> new Object[] {r.get("no", Integer.class), r.get("area", String.class), r.get("target", String.class)}).all().collectList();
    Mono<List<Object[]>> records = db.sql("select no, done_on, note, recorded_by from duty_card_record where tenant_id = :t and card_id = :id "
            + "order by done_on, recorded_at")
        .bind("t", tenant.value()).bind("id", id)
        .map(r -> new Object[] {r.get("no", Integer.class), r.get("done_on", LocalDate.class), r.get("note", String.class),
            r.get("recorded_by", String.class)}).all().collectList();
    Mono<List<Evaluation>> evaluation = db.sql("select * from duty_card_evaluation where tenant_id = :t and card_id = :id")
        .bind("t", tenant.value()).bind("id", id)
        .map(r -> new Evaluation(r.get("score", BigDecimal.class), r.get("comment", String.class), r.get("evaluated_by", String.class),
            r.get("evaluated_at", OffsetDateTime.class))).all().collectList();
    return Mono.zip(head, targets, records, evaluation).flatMap(t -> organizations.find(db, tenant, (UUID) t.getT1()[2]).map(org -> {
      List<CardTarget> list = new ArrayList<>();
      for (Object[] target : t.getT2()) {
        int no = (Integer) target[0];
        list.add(new CardTarget(no, (String) target[1], (String) target[2], t.getT3().stream().filter(r -> (Integer) r[0] == no)
            .map(r -> new Fulfilment((LocalDate) r[1], (((LocalDate) r[1]).getMonthValue() + 2) / 3, (String) r[2], (String) r[3])).toList()));
      }
      return new DutyCard(id, DutyCardKind.valueOf((String) t.getT1()[0]), (Integer) t.getT1()[1], org, (String) t.getT1()[3], list,
          t.getT4().isEmpty() ? null : t.getT4().getFirst());
    }));
  }
}
