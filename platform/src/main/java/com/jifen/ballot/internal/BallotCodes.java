package com.jifen.ballot.internal;

import com.jifen.shared.BallotId;
import com.jifen.shared.DomainException;
import com.jifen.shared.ErrorKind;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantTx;
import java.security.SecureRandom;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Ballot codes: random, single use, stored only as keyed hashes; a code alone finds its township (its prefix), its
 * ballot and its rater group.
 */
@Component
public class BallotCodes {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Crockford base32 without I, L, O, U: nothing a rater could misread on paper. */
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  /**
   * One answer for a code that does not exist and for one already spent, to both castVote and ballotForm: telling
   * them apart would tell a guesser which codes were real.
   */
  private static final String INVALID_CODE = "测评码无效或已使用，请核对后重新输入 (invalid or used code)";

  private final BallotCodeHash hash;

  BallotCodes(BallotCodeHash hash) {
    this.hash = hash;
  }

  /** An issued code not yet spent: the hash it is stored under, its ballot and its rater group. */
  record Unspent(String hash, BallotId ballot, String group) {}

  /**
   * The same answer as a spent code, told apart only inside the feature: a code never issued is a guess and counts
   * against the guesser (BallotGuessing); a spent one is a rater pressing twice and does not.
   */
  static final class UnknownCode extends DomainException {
    UnknownCode() {
      super(ErrorKind.NOT_FOUND, "INVALID_CODE", INVALID_CODE);
    }
  }

  static DomainException spentCode() {
    return new DomainException(ErrorKind.NOT_FOUND, "INVALID_CODE", INVALID_CODE);
  }

  /** TENANT-XXXX-XXXX-XXXX: 60 random bits; the tenant prefix lets a code find its township without an account. */
  public static String newCode(TenantId tenant) {
    StringBuilder sb = new StringBuilder(tenant.value());
    for (int group = 0; group < 3; group++) {
      sb.append('-');
      for (int i = 0; i < 4; i++) {
        sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
      }
    }
    return sb.toString();
  }

  /** The township a code names; anything that names none is an unknown code. */
  static TenantId tenantOf(String code) {
    if (code == null || code.indexOf('-') < 2) {
      throw new UnknownCode();
    }
    try {
      return new TenantId(code.trim().toUpperCase().substring(0, code.trim().indexOf('-')));
    } catch (DomainException e) {
      throw new UnknownCode();
    }
  }

  String hashOf(TenantId tenant, String code) {
    return hash.of(tenant, code);
  }

  Mono<Unspent> unspent(TenantTx tx, String code) {
    String h = hash.of(tx.tenant(), code);
    return BallotQueries.issuedCode(tx, h)
        .switchIfEmpty(Mono.error(UnknownCode::new))
        .flatMap(c -> c.spent() ? Mono.error(BallotCodes::spentCode) : Mono.just(new Unspent(h, c.ballot(), c.group())));
  }
}
