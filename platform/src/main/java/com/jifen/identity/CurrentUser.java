package com.jifen.identity;

import com.jifen.shared.DomainException;
import com.jifen.shared.ErrorKind;
import com.jifen.shared.TenantId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The verified caller, read from the Keycloak access token. The township always comes from here, never
 * from a request argument.
 *
 * @param managedOrgCode the branch a secretary manages (token claim {@code org})
 * @param memberCode the caller's member number (token claim {@code member})
 */
public record CurrentUser(
    String username,
    String displayName,
    Set<Role> roles,
    Optional<TenantId> tenant,
    Optional<String> county,
    Optional<String> managedOrgCode,
    Optional<String> memberCode) {

  public CurrentUser {
    roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  public boolean hasAny(Role... any) {
    return Arrays.stream(any).anyMatch(roles::contains);
  }

  /** Township admins and integrating apps manage the whole township. */
  public boolean managesTownship() {
    return hasAny(Role.TENANT_ADMIN, Role.INTEGRATION);
  }

  /** Members' phone numbers and other personal details: people may read them, integrating apps only with a grant. */
  public boolean mayReadPersonalDetails() {
    return !has(Role.INTEGRATION) || has(Role.MEMBER_PERSONAL);
  }

  public TenantId requireTenant() {
    return tenant.orElseThrow(() -> DomainException.forbidden("该账号未关联乡镇，不能查看乡镇数据 (no township on this account)"));
  }

  public void require(Role... any) {
    if (!hasAny(any)) {
      throw new DomainException(ErrorKind.FORBIDDEN, "FORBIDDEN", "没有权限执行此操作 (requires role %s)".formatted(Arrays.toString(any)));
    }
  }

  public void requireTownshipManager() {
    if (!managesTownship()) {
      throw DomainException.forbidden("只有乡镇党委组织委员可以执行此操作 (township admin only)");
    }
  }
}
