package com.jifen.identity;

import java.util.Arrays;
import java.util.Optional;

/** Realm roles of the Keycloak realm, as the API names them. */
public enum Role {
  MEMBER("member"),
  BRANCH_SECRETARY("branch-secretary"),
  TENANT_ADMIN("tenant-admin"),
  COUNTY_REVIEWER("county-reviewer"),
  PLATFORM_ADMIN("platform-admin"),
  /** A confidential client's service account: an integrating app scoped to one township. */
  INTEGRATION("integration"),
  /** Granted per integration client, explicitly: without it an integrating app only reads. */
  INTEGRATION_WRITE("integration-write"),
  /** Granted per integration client, explicitly: without it an integrating app gets no members' phone numbers. */
  MEMBER_PERSONAL("member-personal");

  private final String realmRole;

  Role(String realmRole) {
    this.realmRole = realmRole;
  }

  public String realmRole() {
    return realmRole;
  }

  public String authority() {
    return "ROLE_" + realmRole;
  }

  public static Optional<Role> ofAuthority(String authority) {
    return Arrays.stream(values()).filter(r -> r.authority().equals(authority)).findFirst();
  }
}
