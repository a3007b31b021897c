package com.jifen.statistics.internal;

import com.jifen.shared.DomainException;
import com.jifen.tenancy.Township;
import java.util.List;
import java.util.UUID;

/**
 * 县级评审 as the county reads it: townships compared per member category and scheme (totals of different schemes are
 * never pooled), with the previous year beside each row and a county total row per category and scheme; and one
 * township's branches with the same figures.
 */
public final class CountyReview {
  private CountyReview() {}

  /**
   * Townships read at once, each on its own pooled connection (20): a county's comparison waits on round trips
   * more than on the database, and leaves room for other requests.
   */
  static final int CONCURRENCY = 8;

  public enum ComparisonSort { TOWNSHIP, MEMBERS, PARTICIPATION, ON_TIME_SHARE, MEDIAN_TOTAL, OBJECTIONS }

  public record ReviewBranch(UUID id, String code, String name) {}

  /** township is null on a county total row, branch is null on township rows. */
  public record ComparisonRow(Township township, ReviewBranch branch, String category, String schemeCode,
      ReviewFigures current, String previousSchemeCode, boolean comparable, ReviewFigures previous) {}

  public record CountyComparison(String county, int year, int fromMonth, int toMonth, List<ComparisonRow> rows, List<ComparisonRow> totals) {}

  public record TownshipReview(Township township, int year, int fromMonth, int toMonth, List<ComparisonRow> branches, List<ComparisonRow> totals) {}

  public record Period(int year, int fromMonth, int toMonth) {
    /** A whole year (what the alarms look at). */
    static Period of(int year) {
      return new Period(year, 1, 12);
    }

    public Period {
      if (year < 2000 || year > 2100) {
        throw DomainException.badRequest("INVALID_YEAR", "年度应在 2000–2100 之间，填写的是 " + year);
      }
      if (fromMonth < 1 || toMonth > 12 || fromMonth > toMonth) {
        throw DomainException.badRequest("INVALID_PERIOD", "月份范围应在 1–12 月之间且起始月不晚于结束月，填写的是 %d–%d".formatted(fromMonth, toMonth));
      }
    }
  }
}
