/** The web console (web/, built by infra/up) served at / beside the API, with history-mode routes. */
package com.jifen.console;
