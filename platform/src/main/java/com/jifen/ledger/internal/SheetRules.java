package com.jifen.ledger.internal;

import com.jifen.organization.Member;
import com.jifen.shared.DomainException;
import java.time.LocalDate;
import java.time.YearMonth;

/** Month-sheet rules shared by every ledger write: the period, the state, who takes entries. Pure: no I/O. */
public final class SheetRules {
  private SheetRules() {}

  /** A month that exists and has begun; the years bound typing errors, not the product's lifetime. */
  public static YearMonth period(int year, int month, LocalDate today) {
    if (month < 1 || month > 12 || year < 2000 || year > 2100) {
      throw DomainException.badRequest("INVALID_PERIOD", "年份或月份无效: %d 年 %d 月".formatted(year, month));
    }
    YearMonth period = YearMonth.of(year, month);
    if (period.isAfter(YearMonth.from(today))) {
      throw DomainException.badRequest("FUTURE_MONTH", "不能为尚未到来的月份记分: " + period);
    }
    return period;
  }

  public static void requireOpen(SheetState state, YearMonth period) {
    switch (state) {
      case OPEN -> {}
      case CONFIRMED -> throw DomainException.badRequest("MONTH_CONFIRMED",
          "%s 的积分已确认，如需修改请使用更正（须填写原因）".formatted(period));
      case PUBLISHED -> throw DomainException.badRequest("MONTH_PUBLISHED",
          "%s 的积分已公示，不能再录入；如需修改请使用更正（须填写原因）".formatted(period));
    }
  }

  /** Only active, scored members take entries: exempt and departed members are refused with the reason. */
  public static void requireScored(Member m) {
    if (m.status() == Member.MemberStatus.LEFT) {
      throw DomainException.badRequest("MEMBER_LEFT", "党员 %s（%s）已离开，不能记分".formatted(m.name(), m.code()));
    }
    if (m.exempt()) {
      throw DomainException.badRequest("MEMBER_EXEMPT",
          "党员 %s（%s）不列入积分管理（%s），不能记分".formatted(m.name(), m.code(), m.exemptReason()));
    }
  }
}
