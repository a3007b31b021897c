package com.jifen.shared;

import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Small helpers for DatabaseClient statements. */
public final class Sql {
  private Sql() {}

  /** Binds a value that may be null; R2DBC needs the type of a null. */
  public static GenericExecuteSpec bind(GenericExecuteSpec spec, String name, Object value, Class<?> type) {
    return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
  }

  /** Typed ids as a uuid[] parameter. */
  public static UUID[] uuids(Collection<? extends TypedId> ids) {
    return ids.stream().map(TypedId::value).toArray(UUID[]::new);
  }

  /** An enum's name, or null. */
  public static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}
