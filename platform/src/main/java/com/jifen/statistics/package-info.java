/**
 * The county review (县级评审, docs/county-review.md): read-only aggregates across a county's townships,
 * comparisons with the previous year, drill-down to branches, alarms with acknowledgement and the XLSX export. It reads
 * under the county's row-level-security setting, never a township's, and sees aggregates only. No other feature uses
 * it: everything is {@code statistics.internal}, reached through the GraphQL schema.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "tenancy", "audit"})
package com.jifen.statistics;
