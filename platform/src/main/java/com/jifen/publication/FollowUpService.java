package com.jifen.publication;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.organization.OrganizationService;
import com.jifen.settlement.SettlementService;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.TenantId;
import com.jifen.shared.Xlsx;
import com.jifen.tenancy.TenantScope;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * 组织处理: warning notices (基本合格, six months) and rectification notices (不合格, one year) from final
 * results, with deadlines and the overdue list; the removal procedure (劝退/除名) as seven recorded steps.
 */
@Service
public class FollowUpService {
  /** The seven steps of the removal procedure, in order; step 6 needs the superior organization's approval. */
  public static final List<String> REMOVAL_STEPS = List.of(
      "调查核实情况", "与本人谈话、听取本人意见", "支委会研究提出处理意见", "支部党员大会讨论表决",
      "形成书面决定并告知本人", "报上级党组织审批", "宣布决定并办理组织关系手续");

  private final TenantScope scope;
  private final MemberService members;
  private final OrganizationService organizations;
  private final SettlementService settlements;
  private final Clock clock;
  private final com.jifen.ledger.Ledger ledger;
  private final com.jifen.tenancy.TownshipService townships;
  private final com.jifen.audit.AuditLog audit;

  FollowUpService(TenantScope scope, MemberService members, OrganizationService organizations, SettlementService settlements, Clock clock,
      com.jifen.ledger.Ledger ledger, com.jifen.tenancy.TownshipService townships, com.jifen.audit.AuditLog audit) {
    this.ledger = ledger;
    this.townships = townships;
    this.audit = audit;
    this.scope = scope;
    this.members = members;
    this.organizations = organizations;
    this.settlements = settlements;
    this.clock = clock;
  }

  public record Notice(TenantId tenantId, UUID id, UUID memberId, int year, String kind, String grade, LocalDate issuedOn,
      LocalDate deadline, boolean overdue, Boolean improved, String outcomeNote) {}

  public record IssueInput(String branchId, int year) {}

  /** Notices for the final results: the grades that call for them, each member once per kind and year. */
  public Mono<List<Notice>> issue(CurrentUser user, IssueInput in) {
    TenantId tenant = user.requireTenant();
    UUID branch = Ids.parse("党支部", in.branchId());
    LocalDate today = LocalDate.now(clock);
    return scope.mono(tenant, db -> requireManages(db, user, branch)
        .then(db.sql("select settlement_id from final_result where tenant_id = :t and branch_id = :b and year = :y")
            .bind("t", tenant.value()).bind("b", branch).bind("y", in.year()).map(r -> r.get("settlement_id", UUID.class)).one())
        .switchIfEmpty(Mono.error(DomainException.badRequest("NOT_FINAL", "年终总评结果尚未确认为最终结果，不能发放通知书")))
        .then(settlements.current(db, tenant, branch, in.year()))
        .flatMap(s -> Flux.fromIterable(s.members())
            .filter(r -> r.grade().equals("BASIC") || r.grade().equals("UNQUALIFIED"))
            .concatMap(r -> {
              boolean warning = r.grade().equals("BASIC");
              LocalDate deadline = warning ? today.plusMonths(6) : today.plusYears(1);
              return db.sql("insert into notice (tenant_id, notice_id, member_id, year, kind, grade, issued_on, deadline, issued_by) "
                      + "values (:t, :id, :m, :y, :k, :g, :on, :d, :by) on conflict do nothing")
                  .bind("t", tenant.value()).bind("id", Ids.newId()).bind("m", r.memberId()).bind("y", in.year())
                  .bind("k", warning ? "WARNING" : "RECTIFICATION").bind("g", r.grade()).bind("on", today).bind("d", deadline)
                  .bind("by", user.username()).fetch().rowsUpdated();
            })
            .then())
        .then(list(db, tenant, in.year(), false, branch)));
  }

  public Mono<List<Notice>> notices(CurrentUser user, int year, boolean overdueOnly) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    return scope.mono(tenant, db -> list(db, tenant, year, overdueOnly, null));
  }

  /** A member's own notices, every year, latest first: what concerns them, its deadline and its outcome. */
  public Mono<List<Notice>> mine(CurrentUser user) {
    TenantId tenant = user.requireTenant();
    String code = user.memberCode().orElseThrow(() -> DomainException.forbidden("该账号未关联党员档案"));
    LocalDate today = LocalDate.now(clock);
    return scope.mono(tenant, db -> members.getByCode(db, tenant, code)
        .flatMap(m -> db.sql("select n.*, o.improved, o.note from notice n left join notice_outcome o on o.tenant_id = n.tenant_id "
                + "and o.notice_id = n.notice_id where n.tenant_id = :t and n.member_id = :m order by n.year desc, n.deadline")
            .bind("t", tenant.value()).bind("m", m.id()).map(r -> read(r, today)).all().collectList()));
  }

  private Mono<List<Notice>> list(DatabaseClient db, TenantId tenant, int year, boolean overdueOnly, UUID branch) {
    LocalDate today = LocalDate.now(clock);
    String sql = "select n.*, o.improved, o.note from notice n join member m on m.tenant_id = n.tenant_id and m.member_id = n.member_id "
        + "left join notice_outcome o on o.tenant_id = n.tenant_id and o.notice_id = n.notice_id "
        + "where n.tenant_id = :t and n.year = :y" + (branch == null ? "" : " and m.branch_id = :b")
        + (overdueOnly ? " and o.notice_id is null and n.deadline < :today" : "") + " order by n.deadline, m.code";
    var spec = db.sql(sql).bind("t", tenant.value()).bind("y", year);
    if (branch != null) {
      spec = spec.bind("b", branch);
    }
    if (overdueOnly) {
      spec = spec.bind("today", today);
    }
    return spec.map(r -> read(r, today)).all().collectList();
  }

  public record OutcomeInput(String noticeId, boolean improved, String note) {}

  public Mono<Notice> outcome(CurrentUser user, OutcomeInput in) {
    TenantId tenant = user.requireTenant();
    UUID id = Ids.parse("通知书", in.noticeId());
    if (in.note() == null || in.note().isBlank()) {
      throw DomainException.badRequest("REASON_REQUIRED", "须写明整改情况");
    }
    return scope.mono(tenant, db -> find(db, tenant, id).flatMap(n -> members.find(db, tenant, n.memberId()))
        .flatMap(m -> requireManages(db, user, m.branchId()))
        .then(db.sql("insert into notice_outcome (tenant_id, notice_id, improved, note, decided_by, decided_on) values (:t, :id, :i, :n, :by, :on)")
            .bind("t", tenant.value()).bind("id", id).bind("i", in.improved()).bind("n", in.note().trim()).bind("by", user.username())
            .bind("on", LocalDate.now(clock)).fetch().rowsUpdated()
            .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("ALREADY_DECIDED", "该通知书已记录整改结果", Map.of())))
        .then(find(db, tenant, id)));
  }

  public Mono<Xlsx.File> pdf(CurrentUser user, String noticeId) {
    TenantId tenant = user.requireTenant();
    UUID id = Ids.parse("通知书", noticeId);
    return scope.mono(tenant, db -> find(db, tenant, id).flatMap(n -> members.find(db, tenant, n.memberId())
        .flatMap(m -> requireReadable(db, user, m).then(organizations.find(db, tenant, m.branchId()))
            .map(branch -> {
              byte[] bytes = NoticePdf.render(new NoticePdf.Content(n.kind(), m.name(), branch.name(), n.year(), n.grade(),
                  n.issuedOn(), n.deadline()));
              return new Xlsx.File("notice-%s-%d.pdf".formatted(m.code(), n.year()), "application/pdf",
                  java.util.Base64.getEncoder().encodeToString(bytes));
            }))));
  }

  // ---------------------------------------------------------------- removal (除名)

  public record RemovalStep(int step, String name, String note, String approvedBySuperior, String actor, Instant recordedAt) {}

  public record RemovalCase(TenantId tenantId, UUID id, UUID memberId, String ground, List<RemovalStep> steps) {
    public String nextStep() {
      return steps.size() >= REMOVAL_STEPS.size() ? null : REMOVAL_STEPS.get(steps.size());
    }

    public boolean complete() {
      return steps.size() == REMOVAL_STEPS.size();
    }
  }

  public record OpenRemovalInput(String memberId, String ground, String asOf) {}

  public Mono<RemovalCase> openRemoval(CurrentUser user, OpenRemovalInput in) {
    TenantId tenant = user.requireTenant();
    UUID memberId = Ids.parse("党员", in.memberId());
    UUID id = Ids.newId();
    return scope.mono(tenant, db -> members.find(db, tenant, memberId).flatMap(m -> requireManages(db, user, m.branchId())
            .then(in.ground().equals("SELF_SEPARATION") ? requireSelfSeparated(user, m, in.asOf()) : Mono.empty()))
        .then(db.sql("insert into removal_case (tenant_id, case_id, member_id, ground, opened_by) values (:t, :id, :m, :g, :by)")
            .bind("t", tenant.value()).bind("id", id).bind("m", memberId).bind("g", in.ground()).bind("by", user.username())
            .fetch().rowsUpdated())
        .then(removal(db, tenant, id)));
  }

  /** 自行脱党: the ledger must show it, i.e. the member is on the attention list for the month given. */
  private Mono<Void> requireSelfSeparated(CurrentUser user, Member m, String asOf) {
    java.time.YearMonth month;
    try {
      month = java.time.YearMonth.parse(asOf == null ? "" : asOf.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw DomainException.badRequest("AS_OF_REQUIRED", "以自行脱党为由须给出认定月份 asOf（如 2026-06）");
    }
    return ledger.attention(user, new com.jifen.shared.BranchId(m.branchId()), month.getYear(), month.getMonthValue())
        .flatMap(list -> list.stream().anyMatch(a -> a.member().id().equals(m.id())) ? Mono.<Void>empty()
            : Mono.error(DomainException.badRequest("NOT_SELF_SEPARATED",
                "截至 %s，%s 近期有组织生活或党费记录，不符合自行脱党的认定条件".formatted(month, m.name()))));
  }

  public record RecordStepInput(String caseId, int step, String note, String approvedBySuperior) {}

  /** Steps are recorded in order, each once; step 6 records who at the superior organization approved. */
  public Mono<RemovalCase> recordStep(CurrentUser user, RecordStepInput in) {
    TenantId tenant = user.requireTenant();
    UUID id = Ids.parse("除名程序", in.caseId());
    if (in.note() == null || in.note().isBlank()) {
      throw DomainException.badRequest("REASON_REQUIRED", "须记录这一步的情况（时间、参加人员、结论）");
    }
    return scope.mono(tenant, db -> removal(db, tenant, id).flatMap(c -> members.find(db, tenant, c.memberId())
        .flatMap(m -> requireManages(db, user, m.branchId())).then(Mono.defer(() -> {
          if (c.complete()) {
            return Mono.error(DomainException.badRequest("CASE_COMPLETE", "除名程序已全部完成"));
          }
          if (in.step() != c.steps().size() + 1) {
            return Mono.error(DomainException.badRequest("STEP_OUT_OF_ORDER",
                "须按顺序办理：下一步是第 %d 步“%s”".formatted(c.steps().size() + 1, c.nextStep())));
          }
          if (in.step() == 6) {
            // the superior's approval is the superior's own act, not a line the township types (issue 14)
            return Mono.error(DomainException.badRequest("SUPERIOR_APPROVAL_BY_COUNTY",
                "第 6 步“报上级党组织审批”由县委组织部账号通过 approveRemoval 办理，乡镇不能代填"));
          }
          var insert = db.sql("insert into removal_step (tenant_id, case_id, step, note, approved_by_superior, actor) values (:t, :id, :s, :n, :a, :by)")
              .bind("t", tenant.value()).bind("id", id).bind("s", in.step()).bind("n", in.note().trim()).bind("by", user.username());
          insert = com.jifen.shared.Sql.bind(insert, "a", in.approvedBySuperior(), String.class);
          Mono<Void> leave = in.step() != REMOVAL_STEPS.size() ? Mono.empty()
              : members.leaveByRemoval(db, tenant, c.memberId(), LocalDate.now(clock),
                  "除名程序完成（%s，案件 %s）".formatted(groundName(c.ground()), c.id()));
          return insert.fetch().rowsUpdated().then(leave);
        })))
        .then(removal(db, tenant, id)));
  }

  private static String groundName(String ground) {
    return switch (ground) {
      case "SELF_SEPARATION" -> "自行脱党";
      case "PERSUADED_TO_LEAVE" -> "劝退";
      default -> "不合格且拒不改正";
    };
  }

  public record ApproveRemovalInput(String township, String caseId, String note) {}

  /**
   * Step 6, 报上级党组织审批, recorded by the superior itself: a county reviewer of the township's county, who names the
   * township (a county account carries no township) and is checked against it.
   */
  public Mono<RemovalCase> approveRemoval(CurrentUser user, ApproveRemovalInput in) {
    user.require(com.jifen.identity.Role.COUNTY_REVIEWER);
    String county = user.county().orElseThrow(() -> DomainException.forbidden("该账号未关联县 (no county on this account)"));
    if (in.note() == null || in.note().isBlank()) {
      throw DomainException.badRequest("REASON_REQUIRED", "须写明审批意见和文号");
    }
    if (in.township() == null || in.township().isBlank()) {
      throw DomainException.badRequest("TOWNSHIP_REQUIRED", "请指定乡镇编码 (township)");
    }
    TenantId tenant = new TenantId(in.township().trim());
    UUID id = Ids.parse("除名程序", in.caseId());
    return scope.mono(tenant, db -> townships.get(db, tenant)
        .filter(t -> county.equals(t.county()))
        .switchIfEmpty(Mono.error(() -> DomainException.forbidden("只能审批本县乡镇的除名程序")))
        .then(removal(db, tenant, id))
        .flatMap(c -> {
          if (c.steps().size() != 5) {
            return Mono.error(DomainException.badRequest("STEP_OUT_OF_ORDER",
                c.complete() ? "除名程序已全部完成" : "支部尚未完成前 5 步，下一步是第 %d 步“%s”".formatted(c.steps().size() + 1, c.nextStep())));
          }
          String approver = "%s 县委组织部 %s".formatted(county, user.username());
          return db.sql("insert into removal_step (tenant_id, case_id, step, note, approved_by_superior, actor) values (:t, :id, 6, :n, :a, :by)")
              .bind("t", tenant.value()).bind("id", id).bind("n", in.note().trim()).bind("a", approver).bind("by", user.username())
              .fetch().rowsUpdated()
              .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("ALREADY_APPROVED", "该除名程序已审批", Map.of()))
              .then(audit.record(db, tenant, user.username(), "approveRemoval", id.toString(), Map.of("county", county)));
        })
        .then(removal(db, tenant, id)));
  }

  public Mono<RemovalCase> removal(CurrentUser user, String caseId) {
    TenantId tenant = user.requireTenant();
    UUID id = Ids.parse("除名程序", caseId);
    return scope.mono(tenant, db -> removal(db, tenant, id).flatMap(c -> members.find(db, tenant, c.memberId())
        .flatMap(m -> requireManages(db, user, m.branchId())).thenReturn(c)));
  }

  /**
   * The township's removal cases, open ones first, then newest first: the administrator's list of where each stands.
   * Two queries for the whole list (cases, then every step of them), not one per case.
   */
  public Mono<List<RemovalCase>> removals(CurrentUser user) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    return scope.mono(tenant, db -> db.sql("select case_id, member_id, ground from removal_case where tenant_id = :t order by opened_at desc, case_id")
        .bind("t", tenant.value())
        .map(r -> new Object[] {r.get("case_id", UUID.class), r.get("member_id", UUID.class), r.get("ground", String.class)}).all().collectList()
        .flatMap(cases -> db.sql("select * from removal_step where tenant_id = :t order by case_id, step").bind("t", tenant.value())
            .map(r -> Map.entry(r.get("case_id", UUID.class), step(r))).all()
            .collect(java.util.stream.Collectors.groupingBy(Map.Entry::getKey,
                java.util.stream.Collectors.mapping(Map.Entry::getValue, java.util.stream.Collectors.toList())))
            .map(steps -> cases.stream()
                .map(c -> new RemovalCase(tenant, (UUID) c[0], (UUID) c[1], (String) c[2], steps.getOrDefault((UUID) c[0], List.of())))
                .sorted(java.util.Comparator.comparing(RemovalCase::complete))
                .toList())));
  }

  private static RemovalStep step(Readable r) {
    return new RemovalStep(r.get("step", Integer.class), REMOVAL_STEPS.get(r.get("step", Integer.class) - 1),
        r.get("note", String.class), r.get("approved_by_superior", String.class), r.get("actor", String.class),
        r.get("recorded_at", OffsetDateTime.class).toInstant());
  }

  private Mono<RemovalCase> removal(DatabaseClient db, TenantId tenant, UUID id) {
    return db.sql("select member_id, ground from removal_case where tenant_id = :t and case_id = :id").bind("t", tenant.value()).bind("id", id)
        .map(r -> new Object[] {r.get("member_id", UUID.class), r.get("ground", String.class)}).one()
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("除名程序", id)))
        .flatMap(row -> db.sql("select * from removal_step where tenant_id = :t and case_id = :id order by step")
            .bind("t", tenant.value()).bind("id", id)
            .map(FollowUpService::step)
            .all().collectList()
            .map(steps -> new RemovalCase(tenant, id, (UUID) row[0], (String) row[1], steps)));
  }

  // ---------------------------------------------------------------- helpers

  private Mono<Notice> find(DatabaseClient db, TenantId tenant, UUID id) {
    LocalDate today = LocalDate.now(clock);
    return db.sql("select n.*, o.improved, o.note from notice n left join notice_outcome o on o.tenant_id = n.tenant_id "
            + "and o.notice_id = n.notice_id where n.tenant_id = :t and n.notice_id = :id")
        .bind("t", tenant.value()).bind("id", id).map(r -> read(r, today)).one()
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("通知书", id)));
  }

  private static Notice read(Readable r, LocalDate today) {
    Boolean improved = r.get("improved", Boolean.class);
    LocalDate deadline = r.get("deadline", LocalDate.class);
    return new Notice(new TenantId(r.get("tenant_id", String.class)), r.get("notice_id", UUID.class), r.get("member_id", UUID.class),
        r.get("year", Integer.class), r.get("kind", String.class), r.get("grade", String.class), r.get("issued_on", LocalDate.class),
        deadline, improved == null && deadline.isBefore(today), improved, r.get("note", String.class));
  }

  private Mono<Void> requireManages(DatabaseClient db, CurrentUser user, UUID branch) {
    return members.requireManages(db, user, branch, "只有本支部书记或乡镇管理员可以办理组织处理");
  }

  private Mono<Void> requireReadable(DatabaseClient db, CurrentUser user, Member m) {
    if (user.memberCode().filter(m.code()::equals).isPresent()) {
      return Mono.empty();
    }
    return requireManages(db, user, m.branchId());
  }
}
