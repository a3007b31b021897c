package com.jifen.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** The id of a branch's year-end settlement run. */
public record SettlementId(@JsonValue UUID value) implements TypedId {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public SettlementId {
    Objects.requireNonNull(value, "SettlementId");
  }

  /** An id from a client: malformed is NOT_FOUND (「年度结算不存在」), never a server error. */
  public static SettlementId parse(String id) {
    return new SettlementId(Ids.parse("年度结算", id));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
