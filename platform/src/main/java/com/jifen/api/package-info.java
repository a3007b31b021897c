/**
 * The GraphQL transport every feature shares: the scalars (Date, DateTime, Decimal as strings), relay cursors,
 * the caps on what one request may ask, the cache of parsed documents and the one place where failures become
 * classified errors (Chinese message, English code). It exists so that features write resolvers and throw
 * {@code DomainException}s and never think about the wire; it knows the engine's and the scheme files' exceptions only to
 * classify them.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "scheme::config", "scheme::engine"})
package com.jifen.api;
