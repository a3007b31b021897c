package com.jifen.statistics.internal;

import com.jifen.shared.TenantId;
import com.jifen.statistics.internal.ReviewQueries.Branch;
import com.jifen.statistics.internal.ReviewQueries.BranchMonth;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.Township;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One township's review figures for a year, read in its own tenant transaction from the review tables: what the
 * comparison and the drill-down add up.
 */
@Component
class TownshipFigures {
  private final TenantScope scope;
  private final ReviewCache cache;

  TownshipFigures(TenantScope scope, ReviewCache cache) {
    this.scope = scope;
    this.cache = cache;
  }

  /** What one township's tenant transaction returns. */
  record TownshipData(Township township, List<Branch> branches, List<BranchMonth> months, List<ReviewQueries.Membership> memberships,
      List<ReviewQueries.BranchYear> years, List<ReviewQueries.FollowUp> followUps, List<ReviewQueries.Pin> pins) {

    String scheme(int year, String category) {
      return pins.stream().filter(p -> p.year() == year && p.category().equals(category)).map(ReviewQueries.Pin::schemeCode)
          .findFirst().orElse(null);
    }
  }

  /** A township's figures for a year as of today: kept until a write changes what they are read from (ReviewCache). */
  Mono<TownshipData> load(Township t, int year, LocalDate today) {
    TenantId tenant = new TenantId(t.id());
    return cache.get(tenant, new FiguresKey(t, year, today), scope.inTx(tenant, tx -> Mono.zip(ReviewQueries.branches(tx), ReviewQueries.months(tx, year - 1, year),
            ReviewQueries.memberships(tx, year), ReviewQueries.years(tx, year),
            ReviewQueries.followUps(tx, year, today), ReviewQueries.pins(tx, year))
        .map(z -> new TownshipData(t, z.getT1(), z.getT2(), z.getT3(), z.getT4(), z.getT5(), z.getT6()))));
  }

  private record FiguresKey(Township township, int year, LocalDate today) {}
}
