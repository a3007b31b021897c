package com.jifen.settlement.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.MemberService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.engine.Scheme;
import com.jifen.scheme.engine.ScoringException;
import com.jifen.scheme.engine.SubjectYear;
import com.jifen.settlement.SettlementService.ExemptResult;
import com.jifen.settlement.internal.SettlementQueries.NewAdjustment;
import com.jifen.settlement.internal.SettlementQueries.NewVeto;
import com.jifen.shared.AdjustmentId;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.MemberId;
import com.jifen.shared.VetoId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What a branch records for the year-end besides the ledger: awards and sanctions (奖惩), vetoes (一票否决), S3's six
 * stars (荣誉), and the grade of a member outside points management (不列入积分管理). Each is checked against the
 * scheme pinned for the member's category.
 */
@Component
public class YearEndRecords {
  private final TenantScope scope;
  private final MemberService members;
  private final SchemeService schemes;
  private final BranchYears branchYears;
  private final SettlementQueries queries;
  private final Clock clock;

  YearEndRecords(TenantScope scope, MemberService members, SchemeService schemes, BranchYears branchYears, SettlementQueries queries, Clock clock) {
    this.scope = scope;
    this.members = members;
    this.schemes = schemes;
    this.branchYears = branchYears;
    this.queries = queries;
    this.clock = clock;
  }

  public record RecordAdjustmentInput(String memberId, int year, String kind, String level, String reason) {}

  public record RecordVetoInput(String memberId, int year, String reason, String note) {}

  public record RecordHonourInput(String memberId, int year, String honour, String reason) {}

  public record GradeExemptInput(String memberId, int year, String grade, String reason) {}

  public Mono<AdjustmentId> recordAdjustment(CurrentUser user, RecordAdjustmentInput in) {
    return forMember(user, in.memberId(), in.year(), in.reason(), "须填写表彰或处分的依据（文件、时间）", "只能为本支部党员记录奖惩",
        (tx, member, p) -> {
          try {
            p.engine().adjustment(List.of(new SubjectYear.Adjustment(in.kind(), in.level())));
          } catch (ScoringException e) {
            return Mono.error(DomainException.badRequest(e.code(), e.getMessage()));
          }
          AdjustmentId id = new AdjustmentId(Ids.newId());
          return queries.insertAdjustment(tx, new NewAdjustment(id, member, in.year(), in.kind(), in.level(), in.reason().trim(),
              user.username()), clock.instant()).thenReturn(id);
        });
  }

  public Mono<VetoId> recordVeto(CurrentUser user, RecordVetoInput in) {
    return forMember(user, in.memberId(), in.year(), in.note(), "须写明一票否决的事实和依据", "只能为本支部党员记录一票否决",
        (tx, member, p) -> {
          Scheme.Veto veto = p.engine().scheme().veto();
          if (veto == null || veto.reasons().stream().noneMatch(r -> r.code().equals(in.reason()))) {
            return Mono.error(DomainException.badRequest("UNKNOWN_VETO_REASON", "方案中没有该一票否决事项: " + in.reason()));
          }
          VetoId id = new VetoId(Ids.newId());
          return queries.insertVeto(tx, new NewVeto(id, member, in.year(), in.reason(), in.note().trim(), user.username()), clock.instant())
              .thenReturn(id);
        });
  }

  public Mono<RecordHonourInput> recordHonour(CurrentUser user, RecordHonourInput in) {
    return forMember(user, in.memberId(), in.year(), in.reason(), "须写明评定的事迹", "只能为本支部党员评定",
        (tx, member, p) -> {
          var honours = p.engine().scheme().honours();
          if (honours == null || honours.codes().stream().noneMatch(h -> h.code().equals(in.honour()))) {
            return Mono.error(DomainException.badRequest("UNKNOWN_HONOUR", "方案中没有该荣誉: " + in.honour()));
          }
          return queries.insertHonour(tx, member, in.year(), in.honour(), in.reason().trim(), user.username(), clock.instant())
              .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("ALREADY_AWARDED", "该党员本年度已获此星", Map.of()))
              .thenReturn(in);
        });
  }

  private interface MemberRecord<T> {
    Mono<T> record(TenantTx tx, MemberId member, SchemeService.Pinned pinned);
  }

  /** A record for a member of a branch the caller manages, with its reason, checked against the member's pinned scheme. */
  private <T> Mono<T> forMember(CurrentUser user, String memberId, int year, String reason, String reasonRequired, String forbidden,
      MemberRecord<T> record) {
    var tenant = user.requireTenant();
    MemberId member = MemberId.parse(memberId);
    requireText(reason, reasonRequired);
    return scope.inTx(tenant, tx -> branchYears.managedMember(tx, user, member, year, forbidden)
        .flatMap(pinned -> record.record(tx, member, pinned)));
  }

  /** A member outside points management is graded by the branch directly, once a year, with a reason. */
  public Mono<ExemptResult> gradeExempt(CurrentUser user, GradeExemptInput in) {
    var tenant = user.requireTenant();
    MemberId member = MemberId.parse(in.memberId());
    requireText(in.reason(), "须写明直接评定等次的理由");
    return scope.inTx(tenant, tx -> members.find(tx, member).flatMap(m -> {
      if (!m.exempt()) {
        return Mono.error(DomainException.badRequest("NOT_EXEMPT", "只有不列入积分管理的党员才由支部直接评定等次"));
      }
      return members.requireManages(tx, user, m.branchId().organization(), "只能评定本支部党员")
          .then(schemes.pinnedEngine(tx, in.year(), m.category().name()))
          .flatMap(p -> {
            if (p.engine().scheme().gradeBands().stream().noneMatch(b -> b.grade().equals(in.grade()))) {
              return Mono.error(DomainException.badRequest("UNKNOWN_GRADE", "方案中没有等次 " + in.grade()));
            }
            return queries.insertExemptGrade(tx, member, in.year(), in.grade(), in.reason().trim(), user.username(), clock.instant())
                .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("ALREADY_GRADED", "该党员本年度已评定等次", Map.of()))
                .thenReturn(new ExemptResult(member, in.grade(), in.reason().trim()));
          });
    }));
  }

  private static void requireText(String text, String message) {
    if (text == null || text.isBlank()) {
      throw DomainException.badRequest("REASON_REQUIRED", message);
    }
  }
}
