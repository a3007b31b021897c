package com.jifen.statistics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A group's figures: withheld under five members, quantiles by linear interpolation. */
class ReviewFiguresTest {

  private static ReviewFigures.Accumulator group(int members, String... totals) {
    UUID branch = UUID.randomUUID();
    var a = new ReviewFigures.Accumulator(1, 12);
    a.membership(branch, new ReviewQueries.Membership(branch, "ORGAN", 2025, members, members));
    a.year(new ReviewQueries.BranchYear(branch, 2025, "ORGAN", "S1", totals.length,
        java.util.Arrays.stream(totals).map(BigDecimal::new).toList(), "{\"QUALIFIED\": %d}".formatted(totals.length), "{}"));
    return a;
  }

  @Test
  void aGroupOfFourShowsOnlyItsSize() {
    ReviewFigures f = group(4, "81.00", "82.00", "90.00", "99.00").figures();
    assertThat(f.suppressed()).isTrue();
    assertThat(f.members()).isEqualTo(4);
    assertThat(f.totalMedian()).isNull();
    assertThat(f.totalMax()).isNull();
    assertThat(f.grades()).isNull();
  }

  @Test
  void aGroupOfFiveShowsItsDistribution() {
    ReviewFigures f = group(5, "60.00", "70.00", "80.00", "90.00", "100.00").figures();
    assertThat(f.suppressed()).isFalse();
    assertThat(f.totalP25()).isEqualByComparingTo("70.00");
    assertThat(f.totalMedian()).isEqualByComparingTo("80.00");
    assertThat(f.totalMean()).isEqualByComparingTo("80.00");
    assertThat(f.grades()).containsExactly(new ReviewFigures.Count("QUALIFIED", 5));
  }

  @Test
  void twoSmallTownshipsAddUpToAGroupThatIsShown() {
    var county = group(3, "70.00", "72.00", "74.00");
    county.merge(group(3, "80.00", "82.00", "84.00"));
    ReviewFigures f = county.figures();
    assertThat(f.suppressed()).isFalse();
    assertThat(f.members()).isEqualTo(6);
    assertThat(f.totalMedian()).isEqualByComparingTo("77.00");
    assertThat(ReviewFigures.quantile(List.of(new BigDecimal("1"), new BigDecimal("2")), 0.25)).isEqualByComparingTo("1.25");
  }
}
