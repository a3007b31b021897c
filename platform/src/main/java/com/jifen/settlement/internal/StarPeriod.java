package com.jifen.settlement.internal;

import com.jifen.shared.DomainException;

/** The periods stars are confirmed for: the four quarters and the year (Y). */
enum StarPeriod {
  Q1, Q2, Q3, Q4, Y;

  static StarPeriod of(String period) {
    for (StarPeriod p : values()) {
      if (p.name().equals(period)) {
        return p;
      }
    }
    throw DomainException.badRequest("INVALID_PERIOD", "period 应为 Q1–Q4 或 Y");
  }

  static StarPeriod quarter(int quarter) {
    return values()[quarter - 1];
  }

  boolean annual() {
    return this == Y;
  }

  int quarterNumber() {
    return ordinal() + 1;
  }
}
