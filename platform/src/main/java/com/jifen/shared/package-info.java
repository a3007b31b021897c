/**
 * Small building blocks every feature uses and none owns: typed ids, {@code DomainException} with its error
 * kinds, paging, SQL and XLSX helpers, Redis keys. It depends on nothing of the application, so that it can never tie two
 * features together.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package com.jifen.shared;
