/**
 * Townships as tenants (乡镇) and the scope every database access runs in: {@code TenantScope} opens the
 * transaction, sets the row-level-security setting of the township (or the county) and runs the audit hook; the
 * injected {@code Clock}; the directory of townships and counties and its caches. It exists so that no feature can
 * read or write another township's rows, whatever its SQL says.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity"})
package com.jifen.tenancy;
