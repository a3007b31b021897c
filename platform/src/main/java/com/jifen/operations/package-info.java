/**
 * Operating the platform (平台运维): onboarding townships with their Keycloak accounts, counties and county reviewers,
 * suspension and resumption, and the operator's overview. Runs as the platform database role, never the service's.
 */
@org.springframework.modulith.ApplicationModule(displayName = "operations")
package com.jifen.operations;
