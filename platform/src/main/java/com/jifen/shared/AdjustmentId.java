package com.jifen.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** The id of a commendation or punishment recorded for the year-end (奖惩). */
public record AdjustmentId(@JsonValue UUID value) implements TypedId {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public AdjustmentId {
    Objects.requireNonNull(value, "AdjustmentId");
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
