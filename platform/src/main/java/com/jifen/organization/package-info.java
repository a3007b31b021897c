/**
 * A township's organization tree (党委 → 党总支 → 党支部) and its members (党员): categories, village types,
 * exemption, transfers, leaving, and the roster import that checks a whole file before storing any of it. Every other
 * feature scores, ranks or settles the people and branches kept here.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "tenancy", "audit"})
package com.jifen.organization;
