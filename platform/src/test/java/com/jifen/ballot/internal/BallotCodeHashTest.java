package com.jifen.ballot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jifen.shared.Hashes;
import com.jifen.shared.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

class BallotCodeHashTest {
  static final String KEY = "a-test-key-of-more-than-32-characters";

  @Test
  void codesAreHashedWithTheKeySoTheStoredHashCannotBeRecomputedWithoutIt() {
    TenantId qs = new TenantId("QS");
    String code = "QS-ABCD-EFGH-JKMN";
    String hash = new BallotCodeHash(KEY).of(qs, code);
    assertThat(hash).hasSize(64).isEqualTo(new BallotCodeHash(KEY).of(qs, " qs-abcd-efgh-jkmn "));
    assertThat(hash).isNotEqualTo(new BallotCodeHash(KEY + "x").of(qs, code))
        .isNotEqualTo(Hashes.sha256("ballot-code:QS:" + code));
  }

  @Test
  void aMissingOrShortKeyStopsTheServiceWithWhatToDo() {
    assertThatThrownBy(() -> new BallotCodeHash("")).isInstanceOf(BallotCodeHash.MissingBallotKeyException.class);
    assertThatThrownBy(() -> new BallotCodeHash("x".repeat(31))).isInstanceOf(BallotCodeHash.MissingBallotKeyException.class);
    // registered in META-INF/spring.factories and instantiable there (analyzers needing a bean factory are skipped)
    var analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
        .load(FailureAnalyzer.class, (type, name, failure) -> { });
    var analysis = analyzers.stream().filter(MissingBallotKeyFailureAnalyzer.class::isInstance).findFirst().orElseThrow()
        .analyze(new IllegalStateException("context", new BallotCodeHash.MissingBallotKeyException()));
    assertThat(analysis.getDescription()).contains("JIFEN_BALLOT_KEY");
    assertThat(analysis.getAction()).contains("JIFEN_BALLOT_KEY", "32");
  }
}
