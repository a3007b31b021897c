package com.jifen.audit.internal;

import com.jifen.shared.Ids;
import graphql.schema.DataFetchingEnvironment;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the audit row of one Mutation field execution says besides who did it: the action (the field's name),
 * the event id shared by every transaction of that execution (so it gets exactly one row), the request id, the
 * ids named in the arguments, the idempotency key and what the feature adds that the arguments do not say
 * (detail). Travels in the Reactor context of the field's Mono.
 */
record AuditContext(UUID eventId, String action, String requestId, List<String> targetIds, String idempotencyKey) {
  static final int MAX_TARGETS = 50;

  static AuditContext of(String action, DataFetchingEnvironment env) {
    Map<String, Object> arguments = env.getArguments();
    Map<?, ?> input = arguments.get("input") instanceof Map<?, ?> map ? map : Map.of();
    Set<String> targets = new LinkedHashSet<>();
    ids(arguments, targets);
    ids(input, targets);
    Object key = input.get("idempotencyKey") != null ? input.get("idempotencyKey") : arguments.get("idempotencyKey");
    return new AuditContext(Ids.newId(), action, env.getExecutionId() == null ? null : env.getExecutionId().toString(),
        targets.stream().limit(MAX_TARGETS).toList(), key == null ? null : key.toString());
  }

  /**
   * Ids at the top of the arguments or of {@code input} only: nested rows (a month sheet's 500 cells) would
   * drown the row's own subject.
   */
  private static void ids(Map<?, ?> values, Set<String> targets) {
    values.forEach((key, value) -> {
      String name = String.valueOf(key);
      if ((name.equals("id") || name.endsWith("Id")) && value != null && !(value instanceof Map<?, ?>)) {
        targets.add(value.toString());
      } else if (name.endsWith("Ids") && value instanceof Collection<?> ids) {
        ids.forEach(id -> targets.add(String.valueOf(id)));
      }
    });
  }

  /** The row's main subject: the first id named, else the township. */
  String subjectOr(String township) {
    return targetIds.isEmpty() ? township : targetIds.getFirst();
  }
}
