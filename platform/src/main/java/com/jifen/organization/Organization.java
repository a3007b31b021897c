package com.jifen.organization;

import com.jifen.shared.TenantId;
import io.r2dbc.spi.Readable;
import java.util.UUID;

/** A party organization (党组织). {@code path} is "/rootId/…/ownId/": a subtree is a prefix. */
public record Organization(
    TenantId tenantId,
    UUID id,
    UUID parentId,
    String code,
    String name,
    OrganizationKind kind,
    MemberCategory category,
    String path,
    int version) {

  /** The category a branch is scored under: its own, or else that of its members (a branch has one kind of member). */
  public java.util.Optional<MemberCategory> scoringCategory(java.util.List<Member> scored) {
    if (category != null) {
      return java.util.Optional.of(category);
    }
    return scored.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(scored.getFirst().category());
  }

  static final String COLUMNS = "tenant_id, org_id, parent_id, code, name, kind, category, path, version";

  static Organization read(Readable row) {
    String category = row.get("category", String.class);
    return new Organization(
        new TenantId(row.get("tenant_id", String.class)),
        row.get("org_id", UUID.class),
        row.get("parent_id", UUID.class),
        row.get("code", String.class),
        row.get("name", String.class),
        OrganizationKind.valueOf(row.get("kind", String.class)),
        category == null ? null : MemberCategory.valueOf(category),
        row.get("path", String.class),
        row.get("version", Integer.class));
  }
}
