/**
 * Scoring schemes (积分方案, S1–S4 in docs/DOMAIN.md): the versioned YAML files a township pins per member
 * category, shipped defaults, what-if runs, and the two named interfaces other features use: {@code engine} (the pure
 * scoring engine) and {@code config} (reading scheme files with located errors). Other features see
 * {@code SchemeService} (engines, publishing and pinning), {@code ShippedSchemes} (the seed YAML) and {@code WhatIf}
 * (its result types); reading, templates, validation, what-if on given figures and the SQL of versions and pins are
 * {@code scheme.internal}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "tenancy"})
package com.jifen.scheme;
