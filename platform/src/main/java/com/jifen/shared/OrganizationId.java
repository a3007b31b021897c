package com.jifen.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** The id of any party organization of the township's tree (committee, general branch or branch). */
public record OrganizationId(@JsonValue UUID value) implements TypedId {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public OrganizationId {
    Objects.requireNonNull(value, "OrganizationId");
  }

  /** An id from a client: malformed is NOT_FOUND (「党组织不存在」), never a server error. */
  public static OrganizationId parse(String id) {
    return new OrganizationId(Ids.parse("党组织", id));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
