package com.jifen.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** The id of one addition or deduction in the ledger (加分/扣分记录). */
public record EntryId(@JsonValue UUID value) implements TypedId {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public EntryId {
    Objects.requireNonNull(value, "EntryId");
  }

  /** An id from a client: malformed is NOT_FOUND (「积分记录不存在」), never a server error. */
  public static EntryId parse(String id) {
    return new EntryId(Ids.parse("积分记录", id));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
