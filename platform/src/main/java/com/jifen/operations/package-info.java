/**
 * Operating the platform (平台运维): onboarding townships with their Keycloak accounts, counties and county
 * reviewers, suspension and resumption, exports and the operator's overview. It runs as the platform database role,
 * never the service's, because it is the one place that works across townships. No other feature uses it: everything
 * is {@code operations.internal}, reached through the GraphQL schema and the export download.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "tenancy", "audit", "organization", "ledger"})
package com.jifen.operations;
