package com.jifen.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jifen.shared.MemberId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BoardScoresTest {
  private static final Random RANDOM = new Random(17);

  /** Members with ids across the whole range (negative halves included) and few distinct scores, so ties abound. */
  private static List<RankingBoards.Score> board(int members) {
    List<RankingBoards.Score> scores = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      BigDecimal score = BigDecimal.valueOf(RANDOM.nextInt(40) * 25 - 300, 2);
      scores.add(new RankingBoards.Score(new MemberId(new UUID(RANDOM.nextLong(), RANDOM.nextLong())), score));
    }
    return scores;
  }

  /** Pages as PostgreSQL sends them: in member-id order between pages, each page's rows shuffled. */
  private static BoardScores built(List<RankingBoards.Score> scores, int pageSize) {
    List<RankingBoards.Score> byId = new ArrayList<>(scores);
    byId.sort(Comparator.comparing(s -> s.member().toString()));
    BoardScores.Builder builder = new BoardScores.Builder();
    for (int from = 0; from < byId.size(); from += pageSize) {
      List<RankingBoards.Score> page = new ArrayList<>(byId.subList(from, Math.min(byId.size(), from + pageSize)));
      Collections.shuffle(page, RANDOM);
      builder.add(page);
    }
    return builder.build();
  }

  @Test
  void theTopIsTheBestScoresWithTiesCutWhereRedisCutsThem() {
    List<RankingBoards.Score> scores = board(5_000);
    BoardScores board = built(scores, 700);
    // Redis's ZREVRANGE: score descending, equal scores by the member's text descending
    List<RankingBoards.Score> expected = new ArrayList<>(scores);
    expected.sort(Comparator.comparing(RankingBoards.Score::score).thenComparing(s -> s.member().toString()).reversed());

    assertThat(board.size()).isEqualTo(scores.size());
    assertThat(board.top(20)).containsExactlyElementsOf(expected.subList(0, 20));
    assertThat(board.top(BoardScores.MAX_FIRST)).containsExactlyElementsOf(expected.subList(0, BoardScores.MAX_FIRST));
    assertThat(board.top(BoardScores.MAX_FIRST + 50)).hasSize(BoardScores.MAX_FIRST);
  }

  @Test
  void everyMembersScoreAndCompetitionRankAreFound() {
    List<RankingBoards.Score> scores = board(3_000);
    BoardScores board = built(scores, 1_000);
    for (RankingBoards.Score s : scores.subList(0, 300)) {
      long higher = scores.stream().filter(o -> o.score().compareTo(s.score()) > 0).count();
      assertThat(board.score(s.member())).contains(s.score());
      assertThat(board.rank(s.score())).isEqualTo((int) higher + 1);
    }
    assertThat(board.score(new MemberId(UUID.randomUUID()))).isEmpty();
  }

  @Test
  void aBoardWithoutMembersHasNoTopAndNoScores() {
    BoardScores empty = new BoardScores.Builder().build();
    assertThat(empty.top(20)).isEmpty();
    assertThat(empty.score(new MemberId(UUID.randomUUID()))).isEmpty();
    assertThat(empty.rank(BigDecimal.TEN)).isEqualTo(1);
  }

  @Test
  void pagesOutOfMemberIdOrderAreRefusedRatherThanMisread() {
    List<RankingBoards.Score> scores = board(10);
    scores.sort(Comparator.comparing(s -> s.member().toString()));
    BoardScores.Builder builder = new BoardScores.Builder().add(scores.subList(5, 10));
    assertThatThrownBy(() -> builder.add(scores.subList(0, 5))).isInstanceOf(IllegalStateException.class);
  }
}
