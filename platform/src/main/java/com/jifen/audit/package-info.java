/**
 * The audit trail: one row per mutation, written in the mutation's own transaction, and its reading through
 * {@code auditEvents}.
 */
package com.jifen.audit;
