package com.jifen.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** The id of evidence for a ledger entry (证明材料). */
public record EvidenceId(@JsonValue UUID value) implements TypedId {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public EvidenceId {
    Objects.requireNonNull(value, "EvidenceId");
  }

  /** An id from a client: malformed is NOT_FOUND (「证明材料不存在」), never a server error. */
  public static EvidenceId parse(String id) {
    return new EvidenceId(Ids.parse("证明材料", id));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
