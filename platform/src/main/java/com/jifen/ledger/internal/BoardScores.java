package com.jifen.ledger.internal;

import com.jifen.shared.MemberId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.UUID;

/**
 * A board's scores as kept in this process while Redis is unavailable: flat arrays of about 24 bytes a member, where a
 * map of boxed ids and decimals takes over 100, so a million-member township's boards fit in the service's heap beside
 * everything else. Scores are held in hundredths, the precision a board shows and Redis keeps. Immutable once built.
 */
final class BoardScores {
  /** The longest top a read may ask for ({@link Rankings}). */
  static final int MAX_FIRST = 200;

  /**
   * Best first; among equal scores, the higher member id first, exactly as Redis's ZREVRANGE orders them (ties by the
   * member's text, reversed), so that both stores cut a tie at the same member.
   */
  static final Comparator<RankingBoards.Score> BEST_FIRST = Comparator.comparing(RankingBoards.Score::score)
      .thenComparing(s -> s.member().value(), BoardScores::compareIds).reversed();

  // member ids ascending, split into their two halves, and each member's score at the same index
  private final long[] high;
  private final long[] low;
  private final int[] cents;
  /** Every score ascending, for a rank: one more than the count of higher scores. */
  private final int[] ascending;
  private final List<RankingBoards.Score> best;

  private BoardScores(long[] high, long[] low, int[] cents, List<RankingBoards.Score> best) {
    this.high = high;
    this.low = low;
    this.cents = cents;
    this.ascending = cents.clone();
    Arrays.sort(ascending);
    this.best = List.copyOf(best);
  }

  int size() {
    return cents.length;
  }

  /** The first {@code first} (at most {@link #MAX_FIRST}) of the board, best first. */
  List<RankingBoards.Score> top(int first) {
    return best.subList(0, Math.min(first, best.size()));
  }

  Optional<BigDecimal> score(MemberId member) {
    int i = indexOf(member.value());
    return i < 0 ? Optional.empty() : Optional.of(BigDecimal.valueOf(cents[i], 2));
  }

  /** Competition rank of a score on this board. */
  int rank(BigDecimal score) {
    int c = cents(score);
    int lo = 0;
    int hi = ascending.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ascending[mid] <= c) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return ascending.length - lo + 1;
  }

  private int indexOf(UUID id) {
    int lo = 0;
    int hi = high.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compare(high[mid], low[mid], id.getMostSignificantBits(), id.getLeastSignificantBits());
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  private static int cents(BigDecimal score) {
    return score.setScale(2, RoundingMode.HALF_UP).unscaledValue().intValueExact();
  }

  /** PostgreSQL's order of uuids, which is also their text order: unsigned, high half first. */
  static int compareIds(UUID a, UUID b) {
    return compare(a.getMostSignificantBits(), a.getLeastSignificantBits(), b.getMostSignificantBits(), b.getLeastSignificantBits());
  }

  private static int compare(long aHigh, long aLow, long bHigh, long bLow) {
    int c = Long.compareUnsigned(aHigh, bHigh);
    return c != 0 ? c : Long.compareUnsigned(aLow, bLow);
  }

  /**
   * Takes a board page by page, as they come from PostgreSQL in member-id order (each page's own rows in any order),
   * so that the whole board is never held as objects.
   */
  static final class Builder {
    private long[] high = new long[1024];
    private long[] low = new long[1024];
    private int[] cents = new int[1024];
    private int size;
    /** The best {@link #MAX_FIRST} so far, worst at the head. */
    private final PriorityQueue<RankingBoards.Score> best = new PriorityQueue<>(BEST_FIRST.reversed());

    Builder add(List<RankingBoards.Score> page) {
      List<RankingBoards.Score> sorted = new ArrayList<>(page);
      sorted.sort(Comparator.comparing(s -> s.member().value(), BoardScores::compareIds));
      for (RankingBoards.Score s : sorted) {
        UUID id = s.member().value();
        if (size > 0 && compare(high[size - 1], low[size - 1], id.getMostSignificantBits(), id.getLeastSignificantBits()) >= 0) {
          throw new IllegalStateException("board pages out of member-id order at " + id);
        }
        if (size == cents.length) {
          high = Arrays.copyOf(high, size * 2);
          low = Arrays.copyOf(low, size * 2);
          cents = Arrays.copyOf(cents, size * 2);
        }
        high[size] = id.getMostSignificantBits();
        low[size] = id.getLeastSignificantBits();
        cents[size] = cents(s.score());
        size++;
        RankingBoards.Score held = new RankingBoards.Score(s.member(), BigDecimal.valueOf(cents[size - 1], 2));
        best.add(held);
        if (best.size() > MAX_FIRST) {
          best.poll();
        }
      }
      return this;
    }

    BoardScores build() {
      List<RankingBoards.Score> top = new ArrayList<>(best);
      top.sort(BEST_FIRST);
      return new BoardScores(Arrays.copyOf(high, size), Arrays.copyOf(low, size), Arrays.copyOf(cents, size), top);
    }
  }
}
