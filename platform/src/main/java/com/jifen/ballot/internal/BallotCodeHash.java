package com.jifen.ballot.internal;

import com.jifen.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The keyed hash (HMAC-SHA256) under which ballot codes are stored and spent. The key lives outside the database
 * (env JIFEN_BALLOT_KEY), so a reader of the tables cannot hash the 2^60 possible codes of a township and find which
 * code, printed on which paper, was spent: an unkeyed hash would let them.
 */
@Component
public class BallotCodeHash {
  static final int MIN_KEY_CHARS = 32;
  private final SecretKeySpec key;

  BallotCodeHash(@Value("${jifen.ballot.key:}") String key) {
    if (key == null || key.strip().length() < MIN_KEY_CHARS) {
      throw new MissingBallotKeyException();
    }
    this.key = new SecretKeySpec(key.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String of(TenantId tenant, String code) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(("ballot-code:" + tenant.value() + ":" + code.strip().toUpperCase()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Startup refusal, turned into a plain message by {@link MissingBallotKeyFailureAnalyzer}. */
  static final class MissingBallotKeyException extends IllegalStateException {
    MissingBallotKeyException() {
      super("JIFEN_BALLOT_KEY is not set or shorter than " + MIN_KEY_CHARS + " characters");
    }
  }
}
