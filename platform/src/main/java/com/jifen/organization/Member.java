package com.jifen.organization;

import com.jifen.shared.BranchId;
import com.jifen.shared.MemberId;
import com.jifen.shared.TenantId;
import java.time.LocalDate;

/** A party member (党员) as registered in the township's roster. */
public record Member(
    TenantId tenantId,
    MemberId id,
    String code,
    String name,
    Gender gender,
    MemberCategory category,
    VillageType villageType,
    BranchId branchId,
    LocalDate joinDate,
    String phone,
    MemberStatus status,
    LocalDate leftOn,
    String leftReason,
    boolean exempt,
    String exemptReason,
    String account,
    int version) {

  public enum MemberStatus { ACTIVE, LEFT }

  /** Takes part in points management: registered, not departed, not exempt (不列入积分管理). */
  public boolean scored() {
    return status == MemberStatus.ACTIVE && !exempt;
  }
}
