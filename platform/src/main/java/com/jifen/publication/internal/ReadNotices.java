package com.jifen.publication.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.MemberService;
import com.jifen.organization.OrganizationService;
import com.jifen.shared.DomainException;
import com.jifen.shared.NoticeId;
import com.jifen.shared.Xlsx;
import com.jifen.tenancy.TenantScope;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Notices as the township lists them, as a member sees their own, and as a printable PDF. */
@Component
class ReadNotices {
  private final TenantScope scope;
  private final MemberService members;
  private final OrganizationService organizations;
  private final FollowUpAccess access;
  private final Clock clock;

  ReadNotices(TenantScope scope, MemberService members, OrganizationService organizations, FollowUpAccess access, Clock clock) {
    this.scope = scope;
    this.members = members;
    this.organizations = organizations;
    this.access = access;
    this.clock = clock;
  }

  Mono<List<Notice>> notices(CurrentUser user, int year, boolean overdueOnly) {
    user.requireTownshipManager();
    LocalDate today = LocalDate.now(clock);
    return scope.inTx(user.requireTenant(), tx -> FollowUpQueries.notices(tx, year, null, overdueOnly, today));
  }

  /** A member's own notices, every year, latest first: what concerns them, its deadline and its outcome. */
  Mono<List<Notice>> mine(CurrentUser user) {
    String code = user.memberCode().orElseThrow(() -> DomainException.forbidden("该账号未关联党员档案"));
    LocalDate today = LocalDate.now(clock);
    return scope.inTx(user.requireTenant(), tx -> members.getByCode(tx, code)
        .flatMap(m -> FollowUpQueries.noticesOf(tx, m.id(), today)));
  }

  Mono<Xlsx.File> pdf(CurrentUser user, String noticeId) {
    NoticeId id = NoticeId.parse(noticeId);
    LocalDate today = LocalDate.now(clock);
    return scope.inTx(user.requireTenant(), tx -> FollowUpQueries.notice(tx, id, today)
        .flatMap(n -> access.readableMember(tx, user, n.memberId())
            .flatMap(m -> organizations.find(tx, m.branchId().organization()).map(branch -> {
              byte[] bytes = NoticePdf.render(new NoticePdf.Content(n.kind(), m.name(), branch.name(), n.year(), n.grade(),
                  n.issuedOn(), n.deadline()));
              return new Xlsx.File("notice-%s-%d.pdf".formatted(m.code(), n.year()), "application/pdf",
                  Base64.getEncoder().encodeToString(bytes));
            }))));
  }
}
