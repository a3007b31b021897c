package com.jifen.audit.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One audited write, as auditEvents serves it. */
record AuditEvent(UUID id, String township, OffsetDateTime at, String actor, List<String> roles, String action,
    String subject, List<String> targetIds, String requestId, String idempotencyKey, String detail) {}
