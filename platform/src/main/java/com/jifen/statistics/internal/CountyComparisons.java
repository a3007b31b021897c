package com.jifen.statistics.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.jifen.shared.TenantId;
import com.jifen.statistics.internal.CountyReview.ComparisonRow;
import com.jifen.statistics.internal.CountyReview.Period;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Issue 15: a county's whole comparison, kept in memory so a reviewer's read costs the GraphQL layer and a sort. An
 * entry remembers the generation of everything it was computed from (the county's settings and township list, and
 * each township's figures, all in {@link ReviewCache}) as read BEFORE reading them; it is served only while every
 * one of them is unchanged and the cache is listening. A write that changes an input bumps its generation at commit
 * (notification) or as the mutation completes on this instance, so the next read recomputes: a stale comparison
 * never outlives the write that changed it.
 */
@Component
class CountyComparisons {
  /** The figures as of a day: "sheets owed by now" and overdue notices change with the date, so the day is in the key. */
  record Key(String county, Period period, LocalDate today) {}

  /** Unsorted rows and the county totals (each request sorts its own copy). */
  record Computed(List<ComparisonRow> rows, List<ComparisonRow> totals) {}

  /** county: the county's generation; townships: each township's generation, all read before the inputs. */
  record Generations(long county, Map<TenantId, Long> townships) {}

  private record Entry(Computed value, Generations generations) {}

  private final ReviewCache review;
  private final Cache<Key, Entry> entries = Caffeine.newBuilder().maximumSize(1_000)
      // a safety net only: every change is caught by the generations long before this
      .expireAfterWrite(Duration.ofHours(1)).build();

  CountyComparisons(ReviewCache review) {
    this.review = review;
  }

  /** The comparison computed from the current inputs, or null. */
  Computed get(Key key) {
    Entry e = entries.getIfPresent(key);
    if (e == null || !review.live() || e.generations().county() != review.countyGeneration(key.county())) {
      return null;
    }
    for (var t : e.generations().townships().entrySet()) {
      if (review.generation(t.getKey()) != t.getValue()) {
        return null;
      }
    }
    return e.value();
  }

  long countyGeneration(String county) {
    return review.countyGeneration(county);
  }

  long townshipGeneration(TenantId township) {
    return review.generation(township);
  }

  void put(Key key, Generations generations, Computed value) {
    if (review.live()) {
      entries.put(key, new Entry(value, generations));
    }
  }
}
