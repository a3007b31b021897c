/**
 * The audit trail (审计日志): one row per mutation, written in the mutation's own transaction by the
 * {@code TenantScope} hook, and its reading through {@code auditEvents} for township admins and operators. It exists so
 * that every figure can be traced to who changed what and when, with no second trail kept anywhere else. Other features
 * see {@code AuditLog} only (an explicit row); the hook, the Mutation wrapper and the reading are {@code audit.internal}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "tenancy"})
package com.jifen.audit;
