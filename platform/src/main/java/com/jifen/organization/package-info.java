/**
 * A township's organization tree (党委 → 党总支 → 党支部) and its members (党员): categories, village types,
 * exemption, transfers, leaving, and the roster import that checks a whole file before storing any of it. Every other
 * feature scores, ranks or settles the people and branches kept here.
 *
 * <p>Other modules see the records and enums of this package ({@link com.jifen.organization.Member},
 * {@link com.jifen.organization.Organization}, …), the member rules, and two facades:
 * {@link com.jifen.organization.MemberService} (members by id, code or branch; who manages which organization; leaving by
 * a removal case; bulk insert for demo data) and {@link com.jifen.organization.OrganizationService} (organizations by id
 * or code). The use cases, the GraphQL controllers and the SQL ({@code internal.OrganizationQueries}) are in
 * {@code internal}. Depends on shared types, the caller's identity, the tenant transaction and the audit log only.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "tenancy", "audit"})
package com.jifen.organization;
