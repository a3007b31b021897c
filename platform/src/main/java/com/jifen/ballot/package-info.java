/**
 * Democratic evaluation (民主测评, docs/DOMAIN.md): a branch's ballot with single-use codes for its members and
 * mass representatives, anonymous votes by code without an account (throttled against guessing), the tally per rater
 * group with small groups never shown alone, and the ballot scores settlement reads. It exists apart from the ledger
 * because votes are anonymous and must never be joinable to a voter.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "tenancy", "organization", "scheme", "scheme::engine"})
package com.jifen.ballot;
