package com.jifen.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** The id of a democratic-evaluation ballot (民主测评). */
public record BallotId(@JsonValue UUID value) implements TypedId {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public BallotId {
    Objects.requireNonNull(value, "BallotId");
  }

  /** An id from a client: malformed is NOT_FOUND (「测评不存在」), never a server error. */
  public static BallotId parse(String id) {
    return new BallotId(Ids.parse("测评", id));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
