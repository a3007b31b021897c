/**
 * A township's settings as a YAML file (tenant-config/settings/&lt;code&gt;.yaml): member categories, ranking
 * visibility, calendar overrides and pinned schemes, exported and applied with the precise errors of scheme files, so
 * operators can keep townships' configuration under version control. No other feature uses it: everything is
 * {@code settings.internal}, reached through the GraphQL schema.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "tenancy", "audit", "scheme", "scheme::config", "scheme::engine", "publication"})
package com.jifen.settings;
