package com.jifen.organization;

import com.jifen.identity.CurrentUser;
import com.jifen.identity.Role;
import com.jifen.shared.DomainException;
import com.jifen.shared.ErrorKind;
import com.jifen.shared.Ids;
import com.jifen.shared.Page;
import com.jifen.shared.Sql;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The roster as other features and the member queries see it: township admins and integrating apps see every member;
 * a branch secretary reads the members of the organization they manage (and its subtree); a member reads only self.
 * The changes township admins make are {@link MemberChanges}.
 */
@Service
public class MemberService {
  private final TenantScope scope;
  private final OrganizationService organizations;

  MemberService(TenantScope scope, OrganizationService organizations) {
    this.scope = scope;
    this.organizations = organizations;
  }

  public record MemberFilter(String branchId, Boolean subtree, MemberCategory category, Member.MemberStatus status, String search) {}

  /** What the caller may see of the roster. */
  sealed interface Visibility {
    record All() implements Visibility {}

    record Subtree(String pathPrefix) implements Visibility {}

    record Self(String memberCode) implements Visibility {}

    record Nothing() implements Visibility {}
  }

  Mono<Visibility> visibility(TenantTx tx, CurrentUser user) {
    if (user.managesTownship()) {
      return Mono.just(new Visibility.All());
    }
    if (user.has(Role.BRANCH_SECRETARY) && user.managedOrgCode().isPresent()) {
      return organizations.findByCode(tx, user.managedOrgCode().get())
          .<Visibility>map(o -> new Visibility.Subtree(o.path()))
          .switchIfEmpty(Mono.fromSupplier(() -> user.memberCode().<Visibility>map(Visibility.Self::new).orElse(new Visibility.Nothing())));
    }
    return Mono.just(user.memberCode().<Visibility>map(Visibility.Self::new).orElse(new Visibility.Nothing()));
  }

  public Mono<Member> get(CurrentUser user, String id) {
    TenantId tenant = user.requireTenant();
    UUID memberId = Ids.parse("党员", id);
    return scope.inTx(tenant, tx -> find(tx, memberId).flatMap(m -> visibility(tx, user).flatMap(v -> switch (v) {
      case Visibility.All a -> Mono.just(m);
      case Visibility.Self s when s.memberCode().equals(m.code()) -> Mono.just(m);
      case Visibility.Subtree t -> inSubtree(tx, m.branchId(), t.pathPrefix()).flatMap(in -> in || m.code().equals(user.memberCode().orElse(null))
          ? Mono.just(m) : Mono.error(DomainException.forbidden("只能查看本支部党员的信息")));
      default -> Mono.error(DomainException.forbidden("只能查看本人的信息"));
    })));
  }

  public Mono<Member> getByCode(CurrentUser user, String code) {
    TenantId tenant = user.requireTenant();
    return scope.inTx(tenant, tx -> getByCode(tx, code));
  }

  /** {@link #getByCode(CurrentUser, String)} inside the caller's tenant transaction. */
  public Mono<Member> getByCode(TenantTx tx, String code) {
    return tx.sql("select " + Member.COLUMNS + " from member where tenant_id = :tenant and code = :code")
        .bind("tenant", tx.tenant().value()).bind("code", code).map(Member::read).one();
  }

  private Mono<Boolean> inSubtree(TenantTx tx, UUID branchId, String prefix) {
    return tx.sql("select exists (select 1 from organization where tenant_id = :tenant and org_id = :id and path like :prefix || '%') as ok")
        .bind("tenant", tx.tenant().value()).bind("id", branchId).bind("prefix", prefix)
        .map(r -> Boolean.TRUE.equals(r.get("ok", Boolean.class))).one();
  }

  /**
   * Whether the caller may write for (and read all of) a branch: township admins and integrating apps always;
   * a branch secretary for the organization they manage and its subtree.
   */
  public Mono<Boolean> manages(TenantTx tx, CurrentUser user, UUID branchId) {
    if (user.managesTownship()) {
      return Mono.just(true);
    }
    if (!user.has(Role.BRANCH_SECRETARY) || user.managedOrgCode().isEmpty()) {
      return Mono.just(false);
    }
    return visibility(tx, user).flatMap(v -> v instanceof Visibility.Subtree t
        ? inSubtree(tx, branchId, t.pathPrefix()) : Mono.just(false));
  }

  /** Members currently registered in a branch, by code. */
  public reactor.core.publisher.Flux<Member> inBranch(TenantTx tx, UUID branchId) {
    return tx.sql("select " + Member.COLUMNS + " from member where tenant_id = :tenant and branch_id = :b order by code")
        .bind("tenant", tx.tenant().value()).bind("b", branchId).map(Member::read).all();
  }

  /** Scored members (active, not exempt) of the branches under an organization path ("/" for the township). */
  public reactor.core.publisher.Flux<Member> scoredUnder(TenantTx tx, String pathPrefix) {
    return tx.sql("select " + Member.COLUMNS + " from member where tenant_id = :tenant and " + SCORED_UNDER)
        .bind("tenant", tx.tenant().value()).bind("prefix", pathPrefix).map(Member::read).all();
  }

  /**
   * One page of {@link #scoredUnder} in member-id order: the {@code limit} members after {@code after} (null: from the
   * first), so a township of a million members can be walked without holding it.
   */
  public reactor.core.publisher.Flux<Member> scoredUnderPage(TenantTx tx, String pathPrefix, UUID after, int limit) {
    return tx.sql("select " + Member.COLUMNS + " from member where tenant_id = :tenant and " + SCORED_UNDER
            + " and member_id > :after order by member_id limit :limit")
        .bind("tenant", tx.tenant().value()).bind("prefix", pathPrefix).bind("after", after == null ? new UUID(0, 0) : after)
        .bind("limit", limit).map(Member::read).all();
  }

  private static final String SCORED_UNDER = "status = 'ACTIVE' and not exempt "
      + "and branch_id in (select org_id from organization where tenant_id = :tenant and path like :prefix || '%')";

  /** Locks a member's row for the transaction: postings for one member queue, so caps cannot be raced past. */
  public Mono<Member> lock(TenantTx tx, UUID id) {
    return tx.sql("select " + Member.COLUMNS + " from member where tenant_id = :tenant and member_id = :id for update")
        .bind("tenant", tx.tenant().value()).bind("id", id).map(Member::read).one()
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("党员", id)));
  }

  public Mono<Map<UUID, Member>> byIds(TenantId tenant, Collection<UUID> ids) {
    return scope.inTx(tenant, tx -> byIds(tx, ids));
  }

  /** {@link #byIds(TenantId, Collection)} inside the caller's tenant transaction. */
  public Mono<Map<UUID, Member>> byIds(TenantTx tx, Collection<UUID> ids) {
    return tx.sql("select " + Member.COLUMNS + " from member where tenant_id = :tenant and member_id = any(:ids)")
        .bind("tenant", tx.tenant().value()).bind("ids", ids.toArray(UUID[]::new)).map(Member::read).all()
        .collectMap(Member::id, Function.identity());
  }

  /** {@link #manages} as a guard: FORBIDDEN with the feature's own words when the caller does not manage the branch. */
  public Mono<Void> requireManages(TenantTx tx, CurrentUser user, UUID branchId, String message) {
    return manages(tx, user, branchId).flatMap(ok -> ok ? Mono.<Void>empty() : Mono.error(DomainException.forbidden(message)));
  }

  public Mono<Member> find(TenantTx tx, UUID id) {
    return tx.sql("select " + Member.COLUMNS + " from member where tenant_id = :tenant and member_id = :id")
        .bind("tenant", tx.tenant().value())
        .bind("id", id)
        .map(Member::read)
        .one()
        .switchIfEmpty(Mono.error(() -> DomainException.notFound("党员", id)));
  }

  public Mono<Window<Member>> list(CurrentUser user, Page.Request page, MemberFilter filter) {
    TenantId tenant = user.requireTenant();
    int limit = page.limit();
    MemberFilter f = filter == null ? new MemberFilter(null, false, null, null, null) : filter;
    UUID branch = f.branchId() == null ? null : Ids.parse("党组织", f.branchId());
    return scope.inTx(tenant, tx -> visibility(tx, user).flatMap(v -> {
      Map<String, Object> binds = new LinkedHashMap<>();
      StringBuilder sql = new StringBuilder("select m.* from member m where m.tenant_id = :tenant");
      binds.put("tenant", tenant.value());
      switch (v) {
        case Visibility.All a -> {}
        case Visibility.Subtree t -> {
          sql.append(" and m.branch_id in (select org_id from organization where tenant_id = :tenant and path like :scope || '%')");
          binds.put("scope", t.pathPrefix());
        }
        case Visibility.Self s -> {
          sql.append(" and m.code = :self");
          binds.put("self", s.memberCode());
        }
        case Visibility.Nothing n -> sql.append(" and false");
      }
      if (branch != null) {
        if (Boolean.TRUE.equals(f.subtree())) {
          sql.append(" and m.branch_id in (select o.org_id from organization o, organization b where o.tenant_id = :tenant "
              + "and b.tenant_id = :tenant and b.org_id = :branch and o.path like b.path || '%')");
        } else {
          sql.append(" and m.branch_id = :branch");
        }
        binds.put("branch", branch);
      }
      if (f.category() != null) {
        sql.append(" and m.category = :category");
        binds.put("category", f.category().name());
      }
      if (f.status() != null) {
        sql.append(" and m.status = :status");
        binds.put("status", f.status().name());
      }
      if (f.search() != null && !f.search().isBlank()) {
        sql.append(" and (m.name like :search or m.code like :search)");
        binds.put("search", "%" + f.search().trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
      }
      if (page.hasAfter()) {
        sql.append(" and (m.code, m.member_id) > (:afterCode, :afterId)");
        binds.put("afterCode", page.key("code"));
        binds.put("afterId", page.uuid("id"));
      }
      sql.append(" order by m.code, m.member_id limit :limit");
      binds.put("limit", limit + 1);
      var spec = tx.sql(sql.toString());
      for (var b : binds.entrySet()) {
        spec = spec.bind(b.getKey(), b.getValue());
      }
      return spec.map(Member::read).all().collectList()
          .map(rows -> Page.window(rows, limit, m -> Map.of("code", m.code(), "id", m.id().toString())));
    }));
  }

  public Mono<Map<UUID, Member>> byCodes(TenantId tenant, Collection<String> codes) {
    return scope.inTxMany(tenant, tx -> tx.sql("select " + Member.COLUMNS + " from member where tenant_id = :tenant and code = any(:codes)")
            .bind("tenant", tenant.value()).bind("codes", codes.toArray(String[]::new)).map(Member::read).all())
        .collectMap(Member::id, Function.identity());
  }

  /**
   * A completed removal or self-separation case (除名): the member leaves the active set (no longer scored, ranked or
   * balloted), the case named in the reason. Runs in the caller's transaction, which audits the step.
   */
  public Mono<Void> leaveByRemoval(TenantTx tx, UUID memberId, LocalDate on, String reason) {
    return tx.sql("update member set status = 'LEFT', left_on = :on, left_reason = :reason, version = version + 1, "
            + "updated_at = now() where tenant_id = :tenant and member_id = :id and status = 'ACTIVE'")
        .bind("on", on).bind("reason", reason).bind("tenant", tx.tenant().value()).bind("id", memberId)
        .fetch().rowsUpdated().then();
  }

  /** A new member ready to insert: validated draft plus id, optional account and exemption reason. */
  public record NewMember(UUID id, MemberRules.Draft draft, String account, String exemptReason) {}

  /**
   * One INSERT for any number of members (import, demo data): twelve array parameters unnested server-side,
   * so the statement is the same whatever the row count, never one round trip per row.
   */
  public Mono<Long> insert(TenantTx tx, List<NewMember> members) {
    if (members.isEmpty()) {
      return Mono.just(0L);
    }
    int n = members.size();
    UUID[] ids = new UUID[n];
    String[] codes = new String[n];
    String[] names = new String[n];
    String[] genders = new String[n];
    String[] categories = new String[n];
    String[] types = new String[n];
    UUID[] branches = new UUID[n];
    LocalDate[] joined = new LocalDate[n];
    String[] phones = new String[n];
    String[] accounts = new String[n];
    Boolean[] exempt = new Boolean[n];
    String[] reasons = new String[n];
    for (int i = 0; i < n; i++) {
      NewMember m = members.get(i);
      var d = m.draft();
      ids[i] = m.id();
      codes[i] = d.code();
      names[i] = d.name();
      genders[i] = d.gender().name();
      categories[i] = d.category().name();
      types[i] = Sql.name(d.villageType());
      branches[i] = d.branch().id();
      joined[i] = d.joinDate();
      phones[i] = blankToNull(d.phone());
      accounts[i] = blankToNull(m.account());
      exempt[i] = m.exemptReason() != null;
      reasons[i] = m.exemptReason();
    }
    return tx.sql("insert into member (tenant_id, member_id, code, name, gender, category, village_type, branch_id, "
            + "join_date, phone, account, exempt, exempt_reason) "
            + "select :tenant, * from unnest(:ids::uuid[], :codes::text[], :names::text[], :genders::text[], "
            + ":categories::text[], :types::text[], :branches::uuid[], :joined::date[], :phones::text[], "
            + ":accounts::text[], :exempt::boolean[], :reasons::text[])")
        .bind("tenant", tx.tenant().value()).bind("ids", ids).bind("codes", codes).bind("names", names)
        .bind("genders", genders).bind("categories", categories).bind("types", types).bind("branches", branches)
        .bind("joined", joined).bind("phones", phones).bind("accounts", accounts).bind("exempt", exempt)
        .bind("reasons", reasons)
        .fetch().rowsUpdated();
  }

  static void rejectProblems(List<MemberRules.Problem> problems) {
    if (!problems.isEmpty()) {
      throw new DomainException(ErrorKind.BAD_REQUEST, problems.getFirst().code(),
          String.join("；", problems.stream().map(MemberRules.Problem::message).toList()),
          Map.of("fields", problems.stream().map(p -> Map.of("field", p.field(), "code", p.code(), "message", p.message())).toList()));
    }
  }

  static String trim(String s) {
    return s == null ? null : s.trim();
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
