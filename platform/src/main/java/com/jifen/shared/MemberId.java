package com.jifen.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** The id of a party member (党员). */
public record MemberId(@JsonValue UUID value) implements TypedId {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public MemberId {
    Objects.requireNonNull(value, "MemberId");
  }

  /** An id from a client: malformed is NOT_FOUND (「党员不存在」), never a server error. */
  public static MemberId parse(String id) {
    return new MemberId(Ids.parse("党员", id));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
