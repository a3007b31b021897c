package com.jifen.ballot.internal;

import com.jifen.ballot.Ballot;
import com.jifen.ballot.BallotState;
import com.jifen.ballot.internal.BallotQueries.Rating;
import com.jifen.organization.Member;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.DomainException;
import com.jifen.shared.MemberId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * 投票, with a code alone (no account). One vote, in one transaction: the code is spent and the ratings are added to
 * the ballot's tally, and no vote row is written. Every vote rewrites every tally row of its ballot, chosen or not, so
 * after it all of them carry its transaction id and a fresh physical place: what PostgreSQL records of a vote (xmin,
 * ctid, order) is the same whatever was chosen, and the spent-code row, linked to the tally only by that shared
 * transaction, says that a code was spent, not what it voted.
 */
@Component
class CastVote {
  private final TenantScope scope;
  private final BallotLookup lookup;
  private final BallotCodes codes;

  CastVote(TenantScope scope, BallotLookup lookup, BallotCodes codes) {
    this.scope = scope;
    this.lookup = lookup;
    this.codes = codes;
  }

  record RatingInput(String subjectId, String item, String option, BigDecimal score) {}

  record CastVoteInput(String code, List<RatingInput> ratings) {}

  record CastVotePayload(boolean accepted) {}

  Mono<CastVotePayload> cast(CastVoteInput in) {
    var tenant = BallotCodes.tenantOf(in.code());
    if (in.ratings() == null || in.ratings().isEmpty()) {
      throw DomainException.badRequest("EMPTY_VOTE", "选票为空");
    }
    return scope.inTx(tenant, tx -> codes.unspent(tx, in.code()).flatMap(code -> BallotQueries.lockForVote(tx, code.ballot())
        .then(BallotQueries.ballot(tx, code.ballot()))
        .flatMap(b -> {
          if (b.state() != BallotState.OPEN) {
            return Mono.error(DomainException.badRequest("BALLOT_CLOSED", "本次测评已结束，不能再投票"));
          }
          return Mono.zip(lookup.scheme(tx, b), lookup.subjects(tx, b.branchId())).flatMap(t -> {
            List<Rating> ratings = VoteCheck.ratings(t.getT1(), t.getT2(), in.ratings().stream()
                .map(r -> new VoteCheck.Line(r.subjectId(), r.item(), r.option(), r.score())).toList());
            return BallotQueries.spendCode(tx, code.hash())
                .onErrorMap(DuplicateKeyException.class, e -> BallotCodes.spentCode())
                .then(addToTally(tx, b, t.getT1(), t.getT2(), code.group(), ratings))
                .thenReturn(new CastVotePayload(true));
          });
        })));
  }

  /**
   * The tally's rows are the whole product (members × criteria × groups) whatever anyone chose, created together
   * before they are first needed, and every vote rewrites all of them: neither which rows exist, nor their order, nor
   * their transaction ids depend on a choice.
   */
  private static Mono<Void> addToTally(TenantTx tx, Ballot b, Scheme scheme, List<Member> subjects, String group,
      List<Rating> ratings) {
    Scheme.Ballot form = scheme.ballot();
    String[] criteria = switch (form.form()) {
      case ITEM_SCORES -> scheme.items().stream().map(Scheme.Item::code).toArray(String[]::new);
      case GRADE_VOTES -> form.options().stream().map(Scheme.VoteOption::code).toArray(String[]::new);
      case RATER_GROUPS -> new String[] {"SCORE"};
    };
    String[] groups = form.form() == Scheme.BallotForm.RATER_GROUPS
        ? form.groups().stream().map(Scheme.RaterGroup::code).toArray(String[]::new) : new String[] {""};
    List<MemberId> everyone = subjects.stream().map(Member::id).toList();
    return BallotQueries.ensureTallyRows(tx, b.id(), everyone, criteria, groups)
        .then(BallotQueries.addVoteToEveryRow(tx, b.id(), group, ratings))
        .then();
  }
}
