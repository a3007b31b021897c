package com.jifen.organization;

import com.jifen.shared.TenantId;
import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.util.UUID;

/** A party member (党员) as registered in the township's roster. */
public record Member(
    TenantId tenantId,
    UUID id,
    String code,
    String name,
    Gender gender,
    MemberCategory category,
    VillageType villageType,
    UUID branchId,
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

  static final String COLUMNS =
      "tenant_id, member_id, code, name, gender, category, village_type, branch_id, join_date, phone, status, "
          + "left_on, left_reason, exempt, exempt_reason, account, version";

  static Member read(Readable row) {
    String villageType = row.get("village_type", String.class);
    return new Member(
        new TenantId(row.get("tenant_id", String.class)),
        row.get("member_id", UUID.class),
        row.get("code", String.class),
        row.get("name", String.class),
        Gender.valueOf(row.get("gender", String.class)),
        MemberCategory.valueOf(row.get("category", String.class)),
        villageType == null ? null : VillageType.valueOf(villageType),
        row.get("branch_id", UUID.class),
        row.get("join_date", LocalDate.class),
        row.get("phone", String.class),
        MemberStatus.valueOf(row.get("status", String.class)),
        row.get("left_on", LocalDate.class),
        row.get("left_reason", String.class),
        Boolean.TRUE.equals(row.get("exempt", Boolean.class)),
        row.get("exempt_reason", String.class),
        row.get("account", String.class),
        row.get("version", Integer.class));
  }
}
