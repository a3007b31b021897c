package com.jifen.identity;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token is for this service only when its audience names the service (the realm's audience mapper on our
 * clients) and the client it was issued to ({@code azp}) is one of ours. Without this, any client of the realm
 * (admin-cli, the account console) could obtain a user's token and call the API with it.
 *
 * @param audience the service's name in the {@code aud} claim ({@code jifen.security.audience})
 * @param clients the clients whose tokens are accepted, a regular expression matched in full
 *     ({@code jifen.security.clients})
 */
record ServiceTokens(String audience, Pattern clients) implements OAuth2TokenValidator<Jwt> {

  ServiceTokens(String audience, String clients) {
    this(audience, Pattern.compile(clients));
  }

  @Override
  public OAuth2TokenValidatorResult validate(Jwt jwt) {
    List<String> aud = jwt.getAudience();
    if (aud == null || !aud.contains(audience)) {
      return refuse("the token's audience does not name " + audience);
    }
    String azp = jwt.getClaimAsString("azp");
    if (azp == null || !clients.matcher(azp).matches()) {
      return refuse("the token was issued to a client that is not a client of this service");
    }
    return OAuth2TokenValidatorResult.success();
  }

  private static OAuth2TokenValidatorResult refuse(String why) {
    return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", why, null));
  }
}
