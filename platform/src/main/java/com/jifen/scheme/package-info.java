/**
 * Scoring schemes (积分方案, S1–S4 in docs/DOMAIN.md): the versioned YAML files a township pins per member
 * category, shipped defaults, what-if runs, and the two named interfaces other features use: {@code engine} (the pure
 * scoring engine) and {@code config} (reading scheme files with located errors).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "tenancy"})
package com.jifen.scheme;
