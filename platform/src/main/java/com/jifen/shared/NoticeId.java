package com.jifen.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** The id of an organizational follow-up notice (通知书). */
public record NoticeId(@JsonValue UUID value) implements TypedId {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public NoticeId {
    Objects.requireNonNull(value, "NoticeId");
  }

  /** An id from a client: malformed is NOT_FOUND (「通知书不存在」), never a server error. */
  public static NoticeId parse(String id) {
    return new NoticeId(Ids.parse("通知书", id));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
