package com.jifen.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** The id of an S3 duty card (目标责任卡). */
public record DutyCardId(@JsonValue UUID value) implements TypedId {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public DutyCardId {
    Objects.requireNonNull(value, "DutyCardId");
  }

  /** An id from a client: malformed is NOT_FOUND (「目标卡不存在」), never a server error. */
  public static DutyCardId parse(String id) {
    return new DutyCardId(Ids.parse("目标卡", id));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
