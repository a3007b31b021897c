package com.jifen.organization.internal;

import static com.jifen.shared.Sql.uuids;

import com.jifen.organization.Gender;
import com.jifen.organization.Member;
import com.jifen.organization.MemberCategory;
import com.jifen.organization.MemberService.NewMember;
import com.jifen.organization.Organization;
import com.jifen.organization.OrganizationKind;
import com.jifen.organization.VillageType;
import com.jifen.shared.BranchId;
import com.jifen.shared.MemberId;
import com.jifen.shared.OrganizationId;
import com.jifen.shared.Page;
import com.jifen.shared.Sql;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantTx;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The SQL of the organization's tables (organization, member): one method per question, each answering records.
 * Bulk writes (import, demo data) go as one {@code unnest} statement whatever the number of rows; every change of a
 * member or an organization is guarded by the version the caller read, and answers the rows it changed.
 */
final class OrganizationQueries {
  private OrganizationQueries() {}

  private static final String MEMBER_COLUMNS =
      "tenant_id, member_id, code, name, gender, category, village_type, branch_id, join_date, phone, status, "
          + "left_on, left_reason, exempt, exempt_reason, account, version";
  private static final String ORGANIZATION_COLUMNS = "tenant_id, org_id, parent_id, code, name, kind, category, path, version";

  // ---------------------------------------------------------------- member: reads

  static Mono<Member> member(TenantTx tx, MemberId id) {
    return members(tx, "member_id = :id").bind("id", id.value()).map(OrganizationQueries::readMember).one();
  }

  /** Locks a member's row for the transaction. */
  static Mono<Member> lockMember(TenantTx tx, MemberId id) {
    return members(tx, "member_id = :id for update").bind("id", id.value()).map(OrganizationQueries::readMember).one();
  }

  static Mono<Member> memberByCode(TenantTx tx, String code) {
    return members(tx, "code = :code").bind("code", code).map(OrganizationQueries::readMember).one();
  }

  static Flux<Member> membersByIds(TenantTx tx, Collection<MemberId> ids) {
    return members(tx, "member_id = any(:ids)").bind("ids", uuids(ids)).map(OrganizationQueries::readMember).all();
  }

  static Flux<Member> membersByCodes(TenantTx tx, Collection<String> codes) {
    return members(tx, "code = any(:codes)").bind("codes", codes.toArray(String[]::new)).map(OrganizationQueries::readMember).all();
  }

  static Flux<Member> membersInBranch(TenantTx tx, BranchId branch) {
    return members(tx, "branch_id = :b order by code").bind("b", branch.value()).map(OrganizationQueries::readMember).all();
  }

  /** Active, not exempt members of the branches whose path starts with the prefix. */
  static Flux<Member> scoredMembersUnder(TenantTx tx, String pathPrefix) {
    return members(tx, SCORED_UNDER).bind("prefix", pathPrefix).map(OrganizationQueries::readMember).all();
  }

  /** {@link #scoredMembersUnder}'s next {@code limit} members after {@code after} (null: the first) in member-id order. */
  static Flux<Member> scoredMembersUnderPage(TenantTx tx, String pathPrefix, MemberId after, int limit) {
    return members(tx, SCORED_UNDER + " and member_id > :after order by member_id limit :limit")
        .bind("prefix", pathPrefix).bind("after", after == null ? new UUID(0, 0) : after.value()).bind("limit", limit)
        .map(OrganizationQueries::readMember).all();
  }

  private static final String SCORED_UNDER = "status = 'ACTIVE' and not exempt "
      + "and branch_id in (select org_id from organization where tenant_id = :tenant and path like :prefix || '%')";

  /** What the caller may see of the roster, as a condition on the member row {@code m}. */
  sealed interface Reach {
    record All() implements Reach {}

    record Subtree(String pathPrefix) implements Reach {}

    record Self(String memberCode) implements Reach {}

    record Nothing() implements Reach {}
  }

  /** Where in the tree to look: one branch, or the subtree under it. */
  record Under(OrganizationId organization, boolean subtree) {}

  /**
   * One page of the members in reach, ordered by code: optionally under an organization, of one category and status,
   * whose name or code contains a text; {@code limit + 1} rows, so the caller knows whether there is a next page.
   */
  static Mono<List<Member>> memberPage(TenantTx tx, Reach reach, Under under, MemberCategory category,
      Member.MemberStatus status, String search, Page.Request page) {
    Select select = new Select(tx, "select m.* from member m where m.tenant_id = :tenant");
    switch (reach) {
      case Reach.All a -> {}
      case Reach.Subtree t -> select.and(
          "m.branch_id in (select org_id from organization where tenant_id = :tenant and path like :scope || '%')", "scope", t.pathPrefix());
      case Reach.Self s -> select.and("m.code = :self", "self", s.memberCode());
      case Reach.Nothing n -> select.and("false");
    }
    if (under != null) {
      select.and(under.subtree()
          ? "m.branch_id in (select o.org_id from organization o, organization b where o.tenant_id = :tenant "
              + "and b.tenant_id = :tenant and b.org_id = :branch and o.path like b.path || '%')"
          : "m.branch_id = :branch", "branch", under.organization().value());
    }
    if (category != null) {
      select.and("m.category = :category", "category", category.name());
    }
    if (status != null) {
      select.and("m.status = :status", "status", status.name());
    }
    if (search != null) {
      select.and("(m.name like :search or m.code like :search)", "search",
          "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
    return select.page(tx, "m.code", "m.member_id", page, OrganizationQueries::readMember);
  }

  // ---------------------------------------------------------------- member: writes

  /**
   * One INSERT for any number of members (import, demo data): twelve array parameters unnested server-side,
   * so the statement is the same whatever the row count, never one round trip per row.
   */
  static Mono<Long> insertMembers(TenantTx tx, List<NewMember> members, Instant createdAt) {
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
      ids[i] = m.id().value();
      codes[i] = d.code();
      names[i] = d.name();
      genders[i] = d.gender().name();
      categories[i] = d.category().name();
      types[i] = Sql.name(d.villageType());
      branches[i] = d.branch().id().value();
      joined[i] = d.joinDate();
      phones[i] = Inputs.blankToNull(d.phone());
      accounts[i] = Inputs.blankToNull(m.account());
      exempt[i] = m.exemptReason() != null;
      reasons[i] = m.exemptReason();
    }
    return tx.sql("insert into member (tenant_id, member_id, code, name, gender, category, village_type, branch_id, "
            + "join_date, phone, account, exempt, exempt_reason, created_at, updated_at) "
            + "select :tenant, *, :at, :at from unnest(:ids::uuid[], :codes::text[], :names::text[], :genders::text[], "
            + ":categories::text[], :types::text[], :branches::uuid[], :joined::date[], :phones::text[], "
            + ":accounts::text[], :exempt::boolean[], :reasons::text[])")
        .bind("tenant", tx.tenant().value()).bind("ids", ids).bind("codes", codes).bind("names", names)
        .bind("genders", genders).bind("categories", categories).bind("types", types).bind("branches", branches)
        .bind("joined", joined).bind("phones", phones).bind("accounts", accounts).bind("exempt", exempt)
        .bind("reasons", reasons).bind("at", createdAt)
        .fetch().rowsUpdated();
  }

  /** A member's own fields as edited; null clears the optional ones. */
  record MemberFields(String name, Gender gender, MemberCategory category, VillageType villageType, LocalDate joinDate,
      String phone, String account) {}

  static Mono<Long> updateMember(TenantTx tx, Member m, MemberFields f, Instant updatedAt) {
    var spec = tx.sql("update member set name = :name, gender = :gender, category = :category, village_type = :vt, "
            + "join_date = :joinDate, phone = :phone, account = :account, version = version + 1, updated_at = :at "
            + "where tenant_id = :tenant and member_id = :id and version = :version")
        .bind("at", updatedAt).bind("name", f.name()).bind("gender", f.gender().name()).bind("category", f.category().name());
    spec = Sql.bind(spec, "vt", Sql.name(f.villageType()), String.class);
    spec = Sql.bind(spec, "joinDate", f.joinDate(), LocalDate.class);
    spec = Sql.bind(spec, "phone", f.phone(), String.class);
    spec = Sql.bind(spec, "account", f.account(), String.class);
    return versioned(spec, m);
  }

  static Mono<Long> moveMember(TenantTx tx, Member m, BranchId to, Instant updatedAt) {
    return versioned(tx.sql("update member set branch_id = :branch, version = version + 1, updated_at = :at "
        + "where tenant_id = :tenant and member_id = :id and version = :version").bind("branch", to.value()).bind("at", updatedAt), m);
  }

  static Mono<Long> setExempt(TenantTx tx, Member m, boolean exempt, String reason, Instant updatedAt) {
    var spec = tx.sql("update member set exempt = :exempt, exempt_reason = :reason, version = version + 1, updated_at = :at "
        + "where tenant_id = :tenant and member_id = :id and version = :version").bind("exempt", exempt).bind("at", updatedAt);
    return versioned(Sql.bind(spec, "reason", reason, String.class), m);
  }

  static Mono<Long> markLeft(TenantTx tx, Member m, LocalDate on, String reason, Instant updatedAt) {
    return versioned(tx.sql("update member set status = 'LEFT', left_on = :leftOn, left_reason = :reason, version = version + 1, "
            + "updated_at = :at where tenant_id = :tenant and member_id = :id and version = :version")
        .bind("leftOn", on).bind("reason", reason).bind("at", updatedAt), m);
  }

  /** Like {@link #markLeft}, but for whatever version is current, and only while the member is active. */
  static Mono<Long> markActiveLeft(TenantTx tx, MemberId id, LocalDate on, String reason, Instant updatedAt) {
    return tx.sql("update member set status = 'LEFT', left_on = :on, left_reason = :reason, version = version + 1, "
            + "updated_at = :at where tenant_id = :tenant and member_id = :id and status = 'ACTIVE'")
        .bind("on", on).bind("at", updatedAt).bind("reason", reason).bind("tenant", tx.tenant().value()).bind("id", id.value())
        .fetch().rowsUpdated();
  }

  /** A member's phone, type and branch as a re-imported roster sets them, guarded by the version read with the sheet. */
  record RosterFields(Member member, String phone, VillageType villageType, BranchId branch) {}

  /** One UPDATE for every changed member; answers how many rows still had the version read. */
  static Mono<Long> updateFromRoster(TenantTx tx, List<RosterFields> rows, Instant updatedAt) {
    int n = rows.size();
    UUID[] ids = new UUID[n];
    Integer[] versions = new Integer[n];
    String[] phones = new String[n];
    String[] types = new String[n];
    UUID[] branchIds = new UUID[n];
    for (int i = 0; i < n; i++) {
      RosterFields r = rows.get(i);
      ids[i] = r.member().id().value();
      versions[i] = r.member().version();
      phones[i] = r.phone();
      types[i] = Sql.name(r.villageType());
      branchIds[i] = r.branch().value();
    }
    return tx.sql("update member m set phone = u.phone, village_type = u.vt, branch_id = u.branch, version = m.version + 1, "
            + "updated_at = :at from unnest(:ids::uuid[], :versions::int[], :phones::text[], :types::text[], :branches::uuid[]) "
            + "as u(id, version, phone, vt, branch) where m.tenant_id = :tenant and m.member_id = u.id and m.version = u.version")
        .bind("ids", ids).bind("versions", versions).bind("phones", phones).bind("types", types).bind("branches", branchIds)
        .bind("tenant", tx.tenant().value()).bind("at", updatedAt)
        .fetch().rowsUpdated();
  }

  // ---------------------------------------------------------------- organization: reads

  static Mono<Organization> organization(TenantTx tx, OrganizationId id) {
    return organizations(tx, "org_id = :id").bind("id", id.value()).map(OrganizationQueries::readOrganization).one();
  }

  static Mono<Organization> organizationByCode(TenantTx tx, String code) {
    return organizations(tx, "code = :code").bind("code", code).map(OrganizationQueries::readOrganization).one();
  }

  static Flux<Organization> allOrganizations(TenantTx tx) {
    return organizations(tx, "true").map(OrganizationQueries::readOrganization).all();
  }

  static Flux<Organization> organizationsByIds(TenantTx tx, Collection<OrganizationId> ids) {
    return organizations(tx, "org_id = any(:ids)").bind("ids", uuids(ids)).map(OrganizationQueries::readOrganization).all();
  }

  static Flux<Organization> childrenOf(TenantTx tx, Collection<OrganizationId> parents) {
    return organizations(tx, "parent_id = any(:ids) order by code").bind("ids", uuids(parents))
        .map(OrganizationQueries::readOrganization).all();
  }

  /** Whether an organization lies in the subtree whose path starts with the prefix. */
  static Mono<Boolean> inSubtree(TenantTx tx, OrganizationId id, String pathPrefix) {
    return tx.sql("select exists (select 1 from organization where tenant_id = :tenant and org_id = :id and path like :prefix || '%') as ok")
        .bind("tenant", tx.tenant().value()).bind("id", id.value()).bind("prefix", pathPrefix)
        .map(r -> Boolean.TRUE.equals(r.get("ok", Boolean.class))).one();
  }

  record MemberCount(OrganizationId organization, int active) {}

  static Flux<MemberCount> activeMemberCounts(TenantTx tx, Collection<OrganizationId> organizations) {
    return tx.sql("select branch_id, count(*)::int as n from member "
            + "where tenant_id = :tenant and branch_id = any(:ids) and status = 'ACTIVE' group by branch_id")
        .bind("tenant", tx.tenant().value()).bind("ids", uuids(organizations))
        .map(r -> new MemberCount(new OrganizationId(r.get("branch_id", UUID.class)), r.get("n", Integer.class))).all();
  }

  /** One page of organizations ordered by code, optionally children of one parent and of one kind; {@code limit + 1} rows. */
  static Mono<List<Organization>> organizationPage(TenantTx tx, OrganizationId parent, OrganizationKind kind, Page.Request page) {
    Select select = new Select(tx, "select " + ORGANIZATION_COLUMNS + " from organization where tenant_id = :tenant");
    if (parent != null) {
      select.and("parent_id = :parent", "parent", parent.value());
    }
    if (kind != null) {
      select.and("kind = :kind", "kind", kind.name());
    }
    return select.page(tx, "code", "org_id", page, OrganizationQueries::readOrganization);
  }

  // ---------------------------------------------------------------- organization: writes

  static Mono<Long> insertOrganization(TenantTx tx, OrganizationId id, OrganizationId parent, String code, String name,
      OrganizationKind kind, MemberCategory category, String path, Instant createdAt) {
    var insert = tx.sql("insert into organization (tenant_id, org_id, parent_id, code, name, kind, category, path, created_at, "
            + "updated_at) values (:tenant, :id, :parent, :code, :name, :kind, :category, :path, :at, :at)")
        .bind("at", createdAt).bind("tenant", tx.tenant().value()).bind("id", id.value()).bind("code", code).bind("name", name)
        .bind("kind", kind.name()).bind("path", path);
    insert = Sql.bind(insert, "parent", parent == null ? null : parent.value(), UUID.class);
    insert = Sql.bind(insert, "category", Sql.name(category), String.class);
    return insert.fetch().rowsUpdated();
  }

  static Mono<Long> updateOrganization(TenantTx tx, Organization current, String code, String name, MemberCategory category,
      OrganizationId parent, Instant updatedAt) {
    var update = tx.sql("update organization set code = :code, name = :name, category = :category, "
            + "parent_id = :parent, version = version + 1, updated_at = :at "
            + "where tenant_id = :tenant and org_id = :id and version = :version")
        .bind("at", updatedAt).bind("code", code).bind("name", name)
        .bind("tenant", tx.tenant().value()).bind("id", current.id().value()).bind("version", current.version());
    update = Sql.bind(update, "category", Sql.name(category), String.class);
    update = Sql.bind(update, "parent", parent == null ? null : parent.value(), UUID.class);
    return update.fetch().rowsUpdated();
  }

  /** Moves a subtree: every path under the old prefix now starts with the new one. */
  static Mono<Long> movePaths(TenantTx tx, String oldPrefix, String newPrefix) {
    return tx.sql("update organization set path = :new || substr(path, length(:old) + 1) "
            + "where tenant_id = :tenant and path like :old || '%'")
        .bind("new", newPrefix).bind("old", oldPrefix).bind("tenant", tx.tenant().value())
        .fetch().rowsUpdated();
  }

  // ---------------------------------------------------------------- rows

  /** A select whose optional conditions are each written once with their bind, read a page at a time by (code, id). */
  private static final class Select {
    private final StringBuilder sql;
    private final Map<String, Object> binds = new LinkedHashMap<>();

    Select(TenantTx tx, String select) {
      sql = new StringBuilder(select);
      binds.put("tenant", tx.tenant().value());
    }

    void and(String condition) {
      sql.append(" and ").append(condition);
    }

    void and(String condition, String name, Object value) {
      and(condition);
      binds.put(name, value);
    }

    /** Keyset paging: {@code limit + 1} rows, so the caller knows whether there is a next page. */
    <T> Mono<List<T>> page(TenantTx tx, String code, String id, Page.Request page, Function<Readable, T> read) {
      if (page.hasAfter()) {
        and("(%s, %s) > (:afterCode, :afterId)".formatted(code, id), "afterCode", page.key("code"));
        binds.put("afterId", page.uuid("id"));
      }
      sql.append(" order by %s, %s limit :limit".formatted(code, id));
      binds.put("limit", page.limit() + 1);
      var spec = tx.sql(sql.toString());
      for (var bind : binds.entrySet()) {
        spec = spec.bind(bind.getKey(), bind.getValue());
      }
      return spec.map(row -> read.apply(row)).all().collectList();
    }
  }

  private static GenericExecuteSpec members(TenantTx tx, String where) {
    return tx.sql("select " + MEMBER_COLUMNS + " from member where tenant_id = :tenant and " + where)
        .bind("tenant", tx.tenant().value());
  }

  private static GenericExecuteSpec organizations(TenantTx tx, String where) {
    return tx.sql("select " + ORGANIZATION_COLUMNS + " from organization where tenant_id = :tenant and " + where)
        .bind("tenant", tx.tenant().value());
  }

  /** A change guarded by the version the caller read: 0 rows when somebody changed the member meanwhile. */
  private static Mono<Long> versioned(GenericExecuteSpec spec, Member m) {
    return spec.bind("tenant", m.tenantId().value()).bind("id", m.id().value()).bind("version", m.version())
        .fetch().rowsUpdated();
  }

  private static Member readMember(Readable row) {
    String villageType = row.get("village_type", String.class);
    return new Member(
        new TenantId(row.get("tenant_id", String.class)),
        new MemberId(row.get("member_id", UUID.class)),
        row.get("code", String.class),
        row.get("name", String.class),
        Gender.valueOf(row.get("gender", String.class)),
        MemberCategory.valueOf(row.get("category", String.class)),
        villageType == null ? null : VillageType.valueOf(villageType),
        new BranchId(row.get("branch_id", UUID.class)),
        row.get("join_date", LocalDate.class),
        row.get("phone", String.class),
        Member.MemberStatus.valueOf(row.get("status", String.class)),
        row.get("left_on", LocalDate.class),
        row.get("left_reason", String.class),
        Boolean.TRUE.equals(row.get("exempt", Boolean.class)),
        row.get("exempt_reason", String.class),
        row.get("account", String.class),
        row.get("version", Integer.class));
  }

  private static Organization readOrganization(Readable row) {
    String category = row.get("category", String.class);
    UUID parent = row.get("parent_id", UUID.class);
    return new Organization(
        new TenantId(row.get("tenant_id", String.class)),
        new OrganizationId(row.get("org_id", UUID.class)),
        parent == null ? null : new OrganizationId(parent),
        row.get("code", String.class),
        row.get("name", String.class),
        OrganizationKind.valueOf(row.get("kind", String.class)),
        category == null ? null : MemberCategory.valueOf(category),
        row.get("path", String.class),
        row.get("version", Integer.class));
  }
}
