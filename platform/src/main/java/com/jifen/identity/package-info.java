/**
 * Who is calling: Keycloak access tokens verified (and cached) into a {@link com.jifen.identity.CurrentUser}
 * with roles, township, county, managed branch and member number, resolved once per resolver as a controller parameter;
 * the security filter chain, integration writes and the service's own tokens. It exists so that no feature reads a token
 * or takes the township from a request argument.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package com.jifen.identity;
