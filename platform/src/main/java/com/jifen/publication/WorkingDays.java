package com.jifen.publication;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * Working days as a township counts them: Monday to Friday, except its public holidays, plus its make-up
 * working days (调休, a Saturday or Sunday worked in exchange for a holiday).
 */
public record WorkingDays(Set<LocalDate> holidays, Set<LocalDate> makeupDays) {

  public boolean isWorkingDay(LocalDate day) {
    if (makeupDays.contains(day)) {
      return true;
    }
    DayOfWeek d = day.getDayOfWeek();
    return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !holidays.contains(day);
  }

  /** The last day of a window of {@code count} working days that begins on {@code start} (counted if it is one). */
  public LocalDate end(LocalDate start, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive");
    }
    LocalDate day = start;
    int counted = 0;
    while (true) {
      if (isWorkingDay(day) && ++counted == count) {
        return day;
      }
      day = day.plusDays(1);
    }
  }
}
