package com.jifen.organization;

import com.jifen.shared.BranchId;
import com.jifen.shared.OrganizationId;
import com.jifen.shared.TenantId;
import java.util.List;
import java.util.Optional;

/** A party organization (党组织). {@code path} is "/rootId/…/ownId/": a subtree is a prefix. */
public record Organization(
    TenantId tenantId,
    OrganizationId id,
    OrganizationId parentId,
    String code,
    String name,
    OrganizationKind kind,
    MemberCategory category,
    String path,
    int version) {

  /** The id as a branch's, for callers that hold an organization they know to be a branch (a member's, a sheet's). */
  public BranchId branchId() {
    return new BranchId(id.value());
  }

  /** The category a branch is scored under: its own, or else that of its members (a branch has one kind of member). */
  public Optional<MemberCategory> scoringCategory(List<Member> scored) {
    if (category != null) {
      return Optional.of(category);
    }
    return scored.isEmpty() ? Optional.empty() : Optional.of(scored.getFirst().category());
  }
}
