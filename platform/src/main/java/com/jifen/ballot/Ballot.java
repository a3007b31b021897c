package com.jifen.ballot;

import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.BallotId;
import com.jifen.shared.BranchId;
import com.jifen.shared.TenantId;
import java.time.Instant;

/**
 * A branch's 民主测评 of a year, as opened with its pinned scheme's form. votes: the codes spent so far, the only
 * trace a vote leaves besides the tally. memberRaters: the codes for the branch's members when the scheme has all of
 * them rate, else null.
 */
public record Ballot(TenantId tenantId, BallotId id, BranchId branchId, int year, String schemeCode, int schemeVersion,
    Scheme.BallotForm form, int minRaters, int codesIssued, int votes, BallotState state, String openedBy, Instant openedAt,
    Instant closedAt, Integer memberRaters) {

  /** The codes that went to mass representatives, when the scheme sizes the ballot by its members. */
  public Integer massRepresentatives() {
    return memberRaters == null ? null : codesIssued - memberRaters;
  }

  /** Results exist only for a closed ballot that reached its quorum. */
  public boolean hasResults() {
    return state == BallotState.CLOSED && votes >= minRaters;
  }
}
