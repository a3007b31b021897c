package com.jifen.ledger;

import com.jifen.organization.Member;
import com.jifen.shared.DomainException;
import com.jifen.shared.TenantId;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Month-sheet rules shared by every ledger write: the period, the lock, the state. */
public final class Sheets {
  private Sheets() {}

  public enum State { OPEN, CONFIRMED, PUBLISHED }

  static YearMonth period(int year, int month, LocalDate today) {
    if (month < 1 || month > 12 || year < 2000 || year > 2100) {
      throw DomainException.badRequest("INVALID_PERIOD", "年份或月份无效: %d 年 %d 月".formatted(year, month));
    }
    YearMonth period = YearMonth.of(year, month);
    if (period.isAfter(YearMonth.from(today))) {
      throw DomainException.badRequest("FUTURE_MONTH", "不能为尚未到来的月份记分: " + period);
    }
    return period;
  }

  /**
   * Creates the sheet if needed and locks its row for the rest of the transaction: every write to one branch
   * month goes through here, so concurrent writers queue instead of overwriting each other.
   */
  static Mono<State> lock(DatabaseClient db, TenantId tenant, UUID branchId, int year, int month) {
    // one round trip: the upsert's no-op update takes the row lock and returns the state
    return db.sql("insert into month_sheet (tenant_id, branch_id, year, month) values (:t, :b, :y, :m) "
            + "on conflict (tenant_id, branch_id, year, month) do update set version = month_sheet.version returning state")
        .bind("t", tenant.value()).bind("b", branchId).bind("y", year).bind("m", month)
        .map(r -> State.valueOf(r.get("state", String.class))).one();
  }

  static Mono<State> state(DatabaseClient db, TenantId tenant, UUID branchId, int year, int month) {
    return db.sql("select state from month_sheet where tenant_id = :t and branch_id = :b and year = :y and month = :m")
        .bind("t", tenant.value()).bind("b", branchId).bind("y", year).bind("m", month)
        .map(r -> State.valueOf(r.get("state", String.class))).one().defaultIfEmpty(State.OPEN);
  }

  static void requireOpen(State state, YearMonth period) {
    switch (state) {
      case OPEN -> {}
      case CONFIRMED -> throw DomainException.badRequest("MONTH_CONFIRMED",
          "%s 的积分已确认，如需修改请使用更正（须填写原因）".formatted(period));
      case PUBLISHED -> throw DomainException.badRequest("MONTH_PUBLISHED",
          "%s 的积分已公示，不能再录入；如需修改请使用更正（须填写原因）".formatted(period));
    }
  }

  /** Only active, scored members take entries: exempt and departed members are refused with the reason. */
  static void requireScored(Member m) {
    if (m.status() == Member.MemberStatus.LEFT) {
      throw DomainException.badRequest("MEMBER_LEFT", "党员 %s（%s）已离开，不能记分".formatted(m.name(), m.code()));
    }
    if (m.exempt()) {
      throw DomainException.badRequest("MEMBER_EXEMPT",
          "党员 %s（%s）不列入积分管理（%s），不能记分".formatted(m.name(), m.code(), m.exemptReason()));
    }
  }
}
