package com.jifen.settlement.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.engine.Scheme;
import com.jifen.settlement.SettlementService;
import com.jifen.settlement.SettlementService.ExemptResult;
import com.jifen.settlement.SettlementService.MemberResult;
import com.jifen.settlement.SettlementService.Settlement;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.MemberId;
import com.jifen.shared.Xlsx;
import com.jifen.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The printed forms of a branch's current run: the year summary (登记表) and the publication board (公示栏). */
@Component
public class SettlementSheets {
  private final TenantScope scope;
  private final MemberService members;
  private final OrganizationService organizations;
  private final SchemeService schemes;
  private final SettlementRuns runs;

  SettlementSheets(TenantScope scope, MemberService members, OrganizationService organizations, SchemeService schemes,
      SettlementRuns runs) {
    this.scope = scope;
    this.members = members;
    this.organizations = organizations;
    this.schemes = schemes;
    this.runs = runs;
  }

  /** What a printed form needs besides the run: the members' names, the branch and the scheme version that scored it. */
  private record SheetContext(Settlement settlement, Map<MemberId, Member> names, Organization branch, Scheme scheme) {}

  /**
   * 党员年度综合得分登记表: item year scores under the items' names, the formula's components under theirs (基础分,
   * 加分, 测评分 …), totals, stars, grade and rank of every member.
   */
  public Mono<Xlsx.File> summary(CurrentUser user, BranchId branch, int year) {
    return sheetOf(user, branch, year, false, ctx -> {
      Settlement s = ctx.settlement();
      List<String> headers = new ArrayList<>(List.of("序号", "编号", "姓名"));
      boolean itemScores = !s.members().isEmpty() && !s.members().getFirst().itemScores().isEmpty();
      if (itemScores) {
        ctx.scheme().items().forEach(i -> headers.add(i.name()));
      }
      ctx.scheme().components().forEach(c -> headers.add(c.name()));
      headers.addAll(List.of("年终总积分", "奖惩加减分", "年度总积分", "星级", "等次", "名次"));
      List<List<Object>> rows = new ArrayList<>();
      int no = 1;
      for (MemberResult r : s.members()) {
        Member m = ctx.names().get(r.memberId());
        List<Object> row = new ArrayList<>(List.of(no++, m.code(), m.name()));
        if (itemScores) {
          row.addAll(r.itemScores());
        }
        r.components().forEach(c -> row.add(c.value()));
        row.addAll(Arrays.asList(r.yearEndTotal(), r.adjustment(), r.annualTotal(),
            r.stars() == null ? "" : r.stars(), SettlementService.gradeName(r.grade()) + (r.vetoed() ? "（一票否决）" : ""), r.rank()));
        rows.add(row);
      }
      for (ExemptResult e : s.exempt()) {
        Member m = ctx.names().get(e.memberId());
        rows.add(new ArrayList<>(List.of(no++, m.code(), m.name(), "不列入积分管理：" + e.reason(), SettlementService.gradeName(e.grade()))));
      }
      return Xlsx.write("年度综合得分登记表", "%s %d 年度党员综合得分登记表".formatted(ctx.branch().name(), year), headers, rows);
    }, "year-summary");
  }

  /** 公示栏: what the branch posts on its board: name, stars, grade, annual star. Its members may download it too. */
  public Mono<Xlsx.File> board(CurrentUser user, BranchId branch, int year) {
    return sheetOf(user, branch, year, true, ctx -> {
      Settlement s = ctx.settlement();
      Set<MemberId> annualStars = new HashSet<>(s.annualStars() == null ? List.of() : s.annualStars().confirmed());
      List<List<Object>> rows = new ArrayList<>();
      int no = 1;
      for (MemberResult r : s.members()) {
        rows.add(new ArrayList<>(List.of(no++, ctx.names().get(r.memberId()).name(), r.stars() == null ? "" : r.stars() + " 星",
            SettlementService.gradeName(r.grade()), annualStars.contains(r.memberId()) ? "年度之星" : "")));
      }
      for (ExemptResult e : s.exempt()) {
        rows.add(new ArrayList<>(List.of(no++, ctx.names().get(e.memberId()).name(), "", SettlementService.gradeName(e.grade()), "")));
      }
      return Xlsx.write("公示栏", "%s %d 年度党员评星定格公示（公示期内如有异议请向党支部反映）".formatted(ctx.branch().name(), year),
          List.of("序号", "姓名", "星级", "等次", "年度之星"), rows);
    }, "board");
  }

  /**
   * The current run of a branch's year as a form; the file is named by the branch's code. {@code membersToo}: a member
   * of the branch may download it (the public board), otherwise only its secretary and the township.
   */
  private Mono<Xlsx.File> sheetOf(CurrentUser user, BranchId branch, int year, boolean membersToo,
      Function<SheetContext, byte[]> render, String name) {
    return scope.inTx(user.requireTenant(), tx -> members.manages(tx, user, branch.organization())
        .flatMap(manages -> manages || !membersToo ? Mono.just(manages) : user.memberCode()
            .map(code -> members.getByCode(tx, code).map(m -> m.branchId().equals(branch)).defaultIfEmpty(false))
            .orElse(Mono.just(false)))
        .flatMap(ok -> ok ? Mono.<Void>empty() : Mono.error(DomainException.forbidden(
            membersToo ? "只能下载本支部的公示栏" : "只有本支部书记或乡镇管理员可以导出")))
        .then(runs.current(tx, branch, year))
        .switchIfEmpty(Mono.error(DomainException.badRequest("NOT_SETTLED", "该支部本年度尚未结算")))
        .flatMap(s -> {
          List<MemberId> ids = new ArrayList<>(s.members().stream().map(MemberResult::memberId).toList());
          s.exempt().forEach(e -> ids.add(e.memberId()));
          return Mono.zip(members.byIds(tx, ids), organizations.find(tx, branch.organization()),
                  schemes.engine(tx, s.schemeCode(), s.schemeVersion()))
              .map(t -> Xlsx.File.xlsx("%s-%d-%s.xlsx".formatted(name, year, t.getT2().code()),
                  render.apply(new SheetContext(s, t.getT1(), t.getT2(), t.getT3().scheme()))));
        }));
  }
}
