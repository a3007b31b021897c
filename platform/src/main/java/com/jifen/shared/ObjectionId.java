package com.jifen.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** The id of an objection raised during public disclosure (公示异议). */
public record ObjectionId(@JsonValue UUID value) implements TypedId {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public ObjectionId {
    Objects.requireNonNull(value, "ObjectionId");
  }

  /** An id from a client: malformed is NOT_FOUND (「异议不存在」), never a server error. */
  public static ObjectionId parse(String id) {
    return new ObjectionId(Ids.parse("异议", id));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
