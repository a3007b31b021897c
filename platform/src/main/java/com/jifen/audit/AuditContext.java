package com.jifen.audit;

import graphql.schema.DataFetchingEnvironment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the audit row of one Mutation field execution says besides who did it: the action (the field's name),
 * the event id shared by every transaction of that execution (so it gets exactly one row), the request id, the
 * ids named in the arguments and the idempotency key. Travels in the Reactor context of the field's Mono.
 */
record AuditContext(UUID eventId, String action, String requestId, List<String> targetIds, String idempotencyKey) {
  static final int MAX_TARGETS = 50;

  static AuditContext of(String action, DataFetchingEnvironment env) {
    Set<String> targets = new LinkedHashSet<>();
    Object[] idempotencyKey = new Object[1];
    Map<String, Object> arguments = env.getArguments();
    collect(arguments, targets, idempotencyKey);
    if (arguments.get("input") instanceof Map<?, ?> input) {
      collect(input, targets, idempotencyKey);
    }
    String requestId = env.getExecutionId() == null ? null : env.getExecutionId().toString();
    return new AuditContext(com.jifen.shared.Ids.newId(), action, requestId,
        List.copyOf(new ArrayList<>(targets).subList(0, Math.min(targets.size(), MAX_TARGETS))),
        idempotencyKey[0] == null ? null : idempotencyKey[0].toString());
  }

  /**
   * Ids at the top of the arguments or of {@code input} only: nested rows (a month sheet's 500 cells) would
   * drown the row's own subject.
   */
  private static void collect(Map<?, ?> values, Set<String> targets, Object[] idempotencyKey) {
    values.forEach((key, value) -> {
      String name = String.valueOf(key);
      if (name.equals("idempotencyKey")) {
        idempotencyKey[0] = value;
      } else if ((name.equals("id") || name.endsWith("Id")) && value != null && !(value instanceof Map<?, ?>)) {
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
