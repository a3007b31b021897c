/**
 * Publication (公示, docs/DOMAIN.md): the publication window of at least seven working days, objections and
 * their answers, finalizing, follow-up notices (PDF) and removal cases, and the public board shown without an account
 * where a township allows it. It exists so that results become final only after members could see and dispute them.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "tenancy", "audit", "organization", "ledger", "settlement"})
package com.jifen.publication;
