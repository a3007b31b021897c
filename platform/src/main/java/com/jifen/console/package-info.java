/**
 * The web console (web/, built by infra/up) served at / beside the API, with history-mode routes. It exists
 * so that one service serves both the API and the browser application, with {@code /graphql} and {@code /actuator}
 * never falling back to the console's index.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package com.jifen.console;
