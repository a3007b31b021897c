/**
 * The demo county (示范县) and its townships, loaded by {@code infra/up} and by the browser tests: organizations,
 * members, a year of month sheets, ballots and settlements made through the features' own services, so that the demo
 * shows what the real code produces. It is the only module that may use every feature; nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "tenancy", "organization", "scheme", "scheme::config", "scheme::engine", "ledger", "ballot", "settlement", "publication"})
package com.jifen.demo;
