package com.jifen.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** The id of a one-vote veto recorded for the year-end (一票否决). */
public record VetoId(@JsonValue UUID value) implements TypedId {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public VetoId {
    Objects.requireNonNull(value, "VetoId");
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
