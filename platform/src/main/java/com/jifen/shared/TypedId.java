package com.jifen.shared;

import java.util.UUID;

/**
 * What every typed id of this package is: a UUID with a type. The GraphQL wiring (api/Scalars) writes any of them as
 * its UUID text, so a record with an {@code id} of a typed id needs no resolver of its own; in JSON (a settlement run's
 * stored results) each is its UUID text as well ({@code @JsonValue}), so typing an id never changes what is stored.
 */
public interface TypedId {
  UUID value();
}
