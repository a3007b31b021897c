package com.jifen.ballot.internal;

import com.jifen.ballot.Ballot;
import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.BallotId;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.Xlsx;
import com.jifen.tenancy.TenantScope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * 发起测评: a branch secretary opens a ballot with the year's pinned ballot form and a number of raters; the platform
 * issues random single-use codes, returned this once with a printable sheet and stored only as keyed hashes.
 */
@Component
class OpenBallot {
  private final TenantScope scope;
  private final MemberService members;
  private final OrganizationService organizations;
  private final SchemeService schemes;
  private final BallotLookup lookup;
  private final BallotCodes codes;
  private final Clock clock;

  OpenBallot(TenantScope scope, MemberService members, OrganizationService organizations, SchemeService schemes,
      BallotLookup lookup, BallotCodes codes, Clock clock) {
    this.scope = scope;
    this.members = members;
    this.organizations = organizations;
    this.schemes = schemes;
    this.lookup = lookup;
    this.codes = codes;
    this.clock = clock;
  }

  record RaterGroupCountInput(String group, int raters) {}

  record OpenBallotInput(String branchId, int year, Integer raters, Integer massRepresentatives, List<RaterGroupCountInput> groups) {}

  record IssuedCode(String code, String group) {}

  record OpenBallotPayload(Ballot ballot, List<IssuedCode> codes, Xlsx.File sheet) {}

  Mono<OpenBallotPayload> open(CurrentUser user, OpenBallotInput in) {
    BranchId branchId = BranchId.parse(in.branchId());
    return scope.inTx(user.requireTenant(), tx -> lookup.requireManages(tx, user, branchId)
        .then(organizations.find(tx, branchId.organization()))
        .flatMap(branch -> members.inBranch(tx, branchId).collectList().flatMap(all -> {
          var category = branch.scoringCategory(all.stream().filter(Member::scored).toList());
          if (category.isEmpty()) {
            return Mono.error(DomainException.badRequest("EMPTY_BRANCH", "该支部没有需要测评的党员"));
          }
          return schemes.pinnedEngine(tx, in.year(), category.get().name()).flatMap(pinned -> {
            Scheme.Ballot form = pinned.engine().scheme().ballot();
            if (form == null) {
              return Mono.error(DomainException.badRequest("NO_BALLOT_FORM", "该方案没有民主测评"));
            }
            Integer memberRaters = form.raters() != null && form.raters().allMembers()
                ? (int) all.stream().filter(m -> m.status() == Member.MemberStatus.ACTIVE).count() : null;
            List<IssuedCode> issued = RaterCount.groupsOfCodes(form, asked(in), memberRaters).stream()
                .map(group -> new IssuedCode(BallotCodes.newCode(tx.tenant()), group)).toList();
            BallotId id = new BallotId(UUID.randomUUID());
            var ballot = new BallotQueries.NewBallot(id, branchId, in.year(), pinned.schemeCode(), pinned.version(), form.form(),
                form.minRaters(), issued.size(), user.username(), memberRaters);
            return BallotQueries.insertBallot(tx, ballot, clock.instant())
                .onErrorMap(DuplicateKeyException.class, e -> DomainException.conflict("BALLOT_EXISTS",
                    "%s %d 年的民主测评已发起过".formatted(branch.name(), in.year()), Map.of()))
                .then(BallotQueries.insertCodes(tx, id,
                    issued.stream().map(c -> codes.hashOf(tx.tenant(), c.code())).toArray(String[]::new),
                    issued.stream().map(IssuedCode::group).toArray(String[]::new)))
                .then(BallotQueries.ballot(tx, id))
                .map(b -> new OpenBallotPayload(b, issued, sheet(branch, b, issued)));
          });
        })));
  }

  private static RaterCount.Asked asked(OpenBallotInput in) {
    return new RaterCount.Asked(in.raters(), in.massRepresentatives(), in.groups() == null ? null
        : in.groups().stream().map(g -> new RaterCount.Group(g.group(), g.raters())).toList());
  }

  private static Xlsx.File sheet(Organization branch, Ballot ballot, List<IssuedCode> codes) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < codes.size(); i++) {
      rows.add(List.of(i + 1, codes.get(i).code(), rater(ballot, codes.get(i), i), "□ 已发放"));
    }
    String title = "%s %d 年度民主测评 测评码（每码限投一次，请沿线裁开分发）".formatted(branch.name(), ballot.year());
    return Xlsx.File.xlsx("ballot-codes-%s-%d.xlsx".formatted(branch.code(), ballot.year()),
        Xlsx.write(title, List.of("序号", "测评码", "评价主体", "发放"), rows));
  }

  /** The printed rater of a code: its group, or for a ballot sized by its members, 党员 for the first ones, then 群众代表. */
  private static String rater(Ballot ballot, IssuedCode code, int index) {
    if (code.group() != null) {
      return code.group();
    }
    if (ballot.memberRaters() == null) {
      return "";
    }
    return index < ballot.memberRaters() ? "党员" : "群众代表";
  }
}
