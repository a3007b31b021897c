package com.jifen.ledger.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationService;
import com.jifen.shared.DomainException;
import com.jifen.shared.MemberId;
import com.jifen.shared.OrganizationId;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.DirectoryCache;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import com.jifen.tenancy.TownshipService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Running rankings (month, quarter, year to date × branch, organization subtree, township): who may see which board,
 * and the board's top with names. The scores come from {@link RankingBoards}.
 */
@Service
public class Rankings {
  private final TenantScope scope;
  private final MemberService members;
  private final OrganizationService organizations;
  private final TownshipService townships;
  private final DirectoryCache directory;
  private final RankingBoards boards;

  Rankings(TenantScope scope, MemberService members, OrganizationService organizations, TownshipService townships,
      DirectoryCache directory, RankingBoards boards) {
    this.scope = scope;
    this.members = members;
    this.organizations = organizations;
    this.townships = townships;
    this.directory = directory;
    this.boards = boards;
  }

  public enum Period { MONTH, QUARTER, YEAR }

  public enum Scope { BRANCH, SUBTREE, TOWNSHIP }

  public enum Source { REDIS, DATABASE }

  public record RankingInput(Period period, int year, Integer index, Scope scope, String scopeId, Integer first) {}

  public record RankingEntry(int rank, String memberCode, String memberName, BigDecimal score) {}

  /** @param provisional YEAR: ranked by the provisional year total (暂估), final only after settlement */
  public record Ranking(List<RankingEntry> entries, RankingEntry me, Source source, boolean provisional) {}

  public Mono<Ranking> ranking(CurrentUser user, RankingInput in) {
    TenantId tenant = user.requireTenant();
    int first = in.first() == null ? 20 : in.first();
    if (first < 1 || first > BoardScores.MAX_FIRST) {
      throw DomainException.badRequest("INVALID_PAGE_SIZE", "排名条数须在 1 到 %d 之间".formatted(BoardScores.MAX_FIRST));
    }
    int index = in.period() == Period.YEAR ? 1 : in.index() == null ? 0 : in.index();
    if ((in.period() == Period.MONTH && (index < 1 || index > 12)) || (in.period() == Period.QUARTER && (index < 1 || index > 4))) {
      throw DomainException.badRequest("INVALID_PERIOD", "月份须为 1–12，季度须为 1–4");
    }
    // who asks and what they may see come from the directory cache; PostgreSQL is opened only for what is not
    // cached (and for the board itself when Redis has none or is unavailable)
    return directory.get(tenant, new AccessKey(user, in.scope(), in.scopeId()), scope.inTx(tenant, tx -> access(tx, user, in)))
        .flatMap(access -> {
          RankingBoard board = new RankingBoard(tenant, in.period(), in.year(), index, in.scope(), access.root());
          MemberId mine = access.me().map(Member::id).orElse(null);
          return boards.top(board, first, mine)
              .flatMap(top -> names(tenant, top, access.entriesVisible()))
              .map(r -> new Ranking(r.entries(), r.me(), r.source(), in.period() == Period.YEAR));
        });
  }

  /** What decides a caller's access to a board: who the token says they are and which board. */
  private record AccessKey(CurrentUser user, Scope scope, String scopeId) {}

  /** The board's root, the caller's member record, and whether the caller sees the list or only their own rank. */
  private record Access(Organization root, Optional<Member> me, boolean entriesVisible) {}

  private Mono<Access> access(TenantTx tx, CurrentUser user, RankingInput in) {
    return root(tx, in).flatMap(root -> me(tx, user)
        .map(Optional::of).defaultIfEmpty(Optional.empty())
        .flatMap(me -> authorize(tx, user, in.scope(), root, me).map(visible -> new Access(root, me, visible))));
  }

  private Mono<Organization> root(TenantTx tx, RankingInput in) {
    if (in.scope() == Scope.TOWNSHIP) {
      return Mono.just(new Organization(tx.tenant(), new OrganizationId(new UUID(0, 0)), null, "", "", null, null, "/", 0));
    }
    if (in.scopeId() == null) {
      throw DomainException.badRequest("SCOPE_REQUIRED", "请指定支部或组织 (scopeId)");
    }
    return organizations.find(tx, OrganizationId.parse(in.scopeId()));
  }

  /**
   * Whether the caller sees the list (true) or only their own rank (false); refused when not even that. Township
   * admins, integrating apps and secretaries (for their subtree) always see lists; members as the township's
   * ranking visibility says: SELF → own rank only, BRANCH → their branch's list, PUBLIC → every list.
   */
  private Mono<Boolean> authorize(TenantTx tx, CurrentUser user, Scope scope, Organization root, Optional<Member> me) {
    if (user.managesTownship()) {
      return Mono.just(true);
    }
    Mono<Boolean> manages = scope == Scope.TOWNSHIP ? Mono.just(false) : members.manages(tx, user, root.id());
    if (me.isEmpty()) {
      return manages.flatMap(ok -> ok ? Mono.just(true)
          : Mono.error(DomainException.forbidden("该账号未关联党员档案，不能查看排名")));
    }
    return manages.flatMap(ok -> ok ? Mono.just(true) : townships.get(tx).map(town -> switch (town.rankingVisibility()) {
      case "PUBLIC" -> true;
      case "BRANCH" -> scope == Scope.BRANCH && me.get().branchId().organization().equals(root.id());
      default -> false;
    }));
  }

  private Mono<Member> me(TenantTx tx, CurrentUser user) {
    return user.memberCode().map(code -> members.getByCode(tx, code)).orElse(Mono.empty());
  }

  private Mono<Ranking> names(TenantId tenant, RankingBoards.Top top, boolean entriesVisible) {
    List<MemberId> ids = new ArrayList<>();
    if (entriesVisible) {
      top.top().forEach(s -> ids.add(s.member()));
    }
    if (top.me() != null) {
      ids.add(top.me().member());
    }
    return membersById(tenant, ids).map(byId -> {
      List<RankingEntry> entries = new ArrayList<>();
      if (entriesVisible) {
        for (int i = 0; i < top.top().size(); i++) {
          Member m = byId.get(top.top().get(i).member());
          if (m != null) {
            entries.add(new RankingEntry(top.topRanks().get(i), m.code(), m.name(), top.top().get(i).score()));
          }
        }
      }
      // ties show in member-code order, whichever store answered
      entries.sort(Comparator.comparing(RankingEntry::score, Comparator.reverseOrder()).thenComparing(RankingEntry::memberCode));
      RankingEntry me = null;
      if (top.me() != null && byId.containsKey(top.me().member())) {
        Member m = byId.get(top.me().member());
        me = new RankingEntry(top.myRank(), m.code(), m.name(), top.me().score());
      }
      return new Ranking(entries, me, top.source(), false);
    });
  }

  /** Members by id from the directory cache; those not cached are read in one transaction and kept. */
  private Mono<Map<MemberId, Member>> membersById(TenantId tenant, List<MemberId> ids) {
    Map<MemberId, Member> found = new HashMap<>();
    List<MemberId> missing = new ArrayList<>();
    for (MemberId id : ids) {
      Member m = directory.get(tenant, new MemberKey(id));
      if (m != null) {
        found.put(id, m);
      } else {
        missing.add(id);
      }
    }
    if (missing.isEmpty()) {
      return Mono.just(found);
    }
    long generation = directory.generation(tenant);
    return scope.inTx(tenant, tx -> members.byIds(tx, missing)).map(read -> {
      read.forEach((id, m) -> {
        directory.put(tenant, generation, new MemberKey(id), m);
        found.put(id, m);
      });
      return found;
    });
  }

  private record MemberKey(MemberId id) {}
}
