package com.jifen.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** The id of a party branch (党支部), the unit that scores, votes and settles. */
public record BranchId(@JsonValue UUID value) implements TypedId {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public BranchId {
    Objects.requireNonNull(value, "BranchId");
  }

  /** An id from a client: malformed is NOT_FOUND (「党支部不存在」), never a server error. */
  public static BranchId parse(String id) {
    return new BranchId(Ids.parse("党支部", id));
  }

  /** The same id as an organization's: every branch is an organization of the tree. */
  public OrganizationId organization() {
    return new OrganizationId(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
