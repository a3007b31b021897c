package com.jifen.ballot.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A missing ballot key stops the service with what to do, not with a bean-creation stack trace. */
class MissingBallotKeyFailureAnalyzer extends AbstractFailureAnalyzer<BallotCodeHash.MissingBallotKeyException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, BallotCodeHash.MissingBallotKeyException cause) {
    return new FailureAnalysis(
        "测评码密钥未配置 (the ballot-code key is missing): " + cause.getMessage() + ". Ballot codes are stored and spent "
            + "only as HMAC-SHA256 under this key, which must not live in the database.",
        "Set the environment variable JIFEN_BALLOT_KEY to a random secret of at least " + BallotCodeHash.MIN_KEY_CHARS
            + " characters (e.g. `openssl rand -base64 48`), the same on every replica and kept across restarts: "
            + "changing it invalidates the codes of open ballots. The dev profile has a local default.",
        cause);
  }
}
