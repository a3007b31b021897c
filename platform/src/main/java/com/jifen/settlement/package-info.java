/**
 * The year-end settlement (年终总评, docs/DOMAIN.md): the scheme's formula over a year of ledger entries and
 * ballot scores, annual totals, grades and stars within quotas, organization assessments (S4) and the secretaries' duty
 * cards (S3), with their XLSX exports. It exists apart from the ledger because it is computed, versioned per run and
 * published, while the ledger only grows.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "tenancy", "audit", "organization", "scheme", "scheme::config", "scheme::engine", "ledger", "ballot"})
package com.jifen.settlement;
