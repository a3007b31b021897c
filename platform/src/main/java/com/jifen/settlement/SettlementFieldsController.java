package com.jifen.settlement;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationService;
import com.jifen.settlement.SettlementService.CodeValue;
import com.jifen.settlement.SettlementService.ExemptResult;
import com.jifen.settlement.SettlementService.MemberResult;
import com.jifen.settlement.SettlementService.QuarterScore;
import com.jifen.settlement.SettlementService.QuarterSummary;
import com.jifen.settlement.SettlementService.Settlement;
import com.jifen.settlement.SettlementService.StarQuota;
import com.jifen.shared.MemberId;
import com.jifen.shared.TenantId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The nested fields of settlements (branch, members, exempt members, annual stars): one batch per field for all the
 * settlements of a response, so showing a settled township costs no read per branch.
 */
@Controller
class SettlementFieldsController {
  private final MemberService members;
  private final OrganizationService organizations;

  SettlementFieldsController(MemberService members, OrganizationService organizations) {
    this.members = members;
    this.organizations = organizations;
  }

  /** GraphQL's MemberResult: a run's result with its member. */
  record MemberResultRow(Member member, List<BigDecimal> itemScores, List<CodeValue> components, BigDecimal yearEndTotal,
      BigDecimal adjustment, BigDecimal annualTotal, Integer stars, String grade, boolean vetoed, List<String> vetoReasons,
      int rank, int honourCount, boolean commendable) {
    MemberResultRow(Member member, MemberResult r) {
      this(member, r.itemScores(), r.components(), r.yearEndTotal(), r.adjustment(), r.annualTotal(), r.stars(), r.grade(),
          r.vetoed(), r.vetoReasons(), r.rank(), r.honourCount(), r.commendable());
    }
  }

  /** GraphQL's ExemptResult. */
  record ExemptRow(Member member, String grade, String reason) {}

  /** GraphQL's StarQuota. */
  record StarQuotaRow(int basis, int quota, List<Member> candidates, List<Member> confirmed) {}

  /** GraphQL's QuarterScore. */
  record QuarterScoreRow(Member member, BigDecimal score, int rank) {}

  @BatchMapping(typeName = "Settlement", field = "branch")
  Flux<Organization> branch(List<Settlement> settlements) {
    return organizations.byIds(tenantOf(settlements), settlements.stream().map(s -> s.branchId().organization()).distinct().toList())
        .flatMapIterable(byId -> settlements.stream().map(s -> byId.get(s.branchId().organization())).toList());
  }

  @BatchMapping(typeName = "Settlement", field = "members")
  Flux<List<MemberResultRow>> results(List<Settlement> settlements) {
    return named(settlements, s -> s.members().stream().map(MemberResult::memberId).toList(),
        (s, byId) -> s.members().stream().map(r -> new MemberResultRow(byId.get(r.memberId()), r)).toList());
  }

  @BatchMapping(typeName = "Settlement", field = "exempt")
  Flux<List<ExemptRow>> exempt(List<Settlement> settlements) {
    return named(settlements, s -> s.exempt().stream().map(ExemptResult::memberId).toList(),
        (s, byId) -> s.exempt().stream().map(e -> new ExemptRow(byId.get(e.memberId()), e.grade(), e.reason())).toList());
  }

  /** A settlement without annual stars (the scheme awards none) answers null, as before. */
  @BatchMapping(typeName = "Settlement", field = "annualStars")
  Mono<Map<Settlement, StarQuotaRow>> annualStars(List<Settlement> settlements) {
    List<Settlement> withStars = settlements.stream().filter(s -> s.annualStars() != null).toList();
    return members.byIds(tenantOf(settlements), withStars.stream().flatMap(s -> quotaMembers(s.annualStars()).stream()).distinct().toList())
        .map(byId -> {
          Map<Settlement, StarQuotaRow> rows = new HashMap<>();
          withStars.forEach(s -> rows.put(s, quota(s.annualStars(), byId)));
          return rows;
        });
  }

  @SchemaMapping(typeName = "QuarterSummary", field = "scores")
  Mono<List<QuarterScoreRow>> quarterScores(CurrentUser caller, QuarterSummary q) {
    return members.byIds(caller.requireTenant(), q.scores().stream().map(QuarterScore::memberId).toList())
        .map(byId -> q.scores().stream().map(s -> new QuarterScoreRow(byId.get(s.memberId()), s.score(), s.rank())).toList());
  }

  @SchemaMapping(typeName = "QuarterSummary", field = "stars")
  Mono<StarQuotaRow> quarterStars(CurrentUser caller, QuarterSummary q) {
    return members.byIds(caller.requireTenant(), quotaMembers(q.stars()))
        .map(byId -> quota(q.stars(), byId));
  }

  /** One read of the members the settlements name, then each settlement's rows in the order of the settlements. */
  private <T> Flux<List<T>> named(List<Settlement> settlements, Function<Settlement, List<MemberId>> ids,
      BiFunction<Settlement, Map<MemberId, Member>, List<T>> rows) {
    return members.byIds(tenantOf(settlements), settlements.stream().flatMap(s -> ids.apply(s).stream()).distinct().toList())
        .flatMapIterable(byId -> settlements.stream().map(s -> rows.apply(s, byId)).toList());
  }

  /** The settlements of one response belong to one township. */
  private static TenantId tenantOf(List<Settlement> settlements) {
    return settlements.getFirst().tenantId();
  }

  private static List<MemberId> quotaMembers(StarQuota q) {
    List<MemberId> ids = new ArrayList<>(q.candidates());
    ids.addAll(q.confirmed());
    return ids;
  }

  private static StarQuotaRow quota(StarQuota q, Map<MemberId, Member> byId) {
    return new StarQuotaRow(q.basis(), q.quota(), q.candidates().stream().map(byId::get).toList(),
        q.confirmed().stream().map(byId::get).toList());
  }
}
