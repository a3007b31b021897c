package com.jifen.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** The id of a removal case (除名程序) with its steps and deadlines. */
public record RemovalCaseId(@JsonValue UUID value) implements TypedId {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public RemovalCaseId {
    Objects.requireNonNull(value, "RemovalCaseId");
  }

  /** An id from a client: malformed is NOT_FOUND (「除名程序不存在」), never a server error. */
  public static RemovalCaseId parse(String id) {
    return new RemovalCaseId(Ids.parse("除名程序", id));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
