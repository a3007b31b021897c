/**
 * The points ledger (积分台账 / 党员积分卡, docs/DOMAIN.md): append-only entries with who, when, why, evidence
 * and scheme version; month sheets with drafts, self-assessment, confirmation, import/export and publication; additions
 * and deductions under review; attendance; the member card and rankings. It is the source of every figure settlement
 * turns into grades and stars.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "tenancy", "audit", "organization", "scheme", "scheme::engine"})
package com.jifen.ledger;
