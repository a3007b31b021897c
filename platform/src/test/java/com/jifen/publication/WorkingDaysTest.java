package com.jifen.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingDaysTest {

  @Test
  void sevenWorkingDaysAcrossNationalDayWithMakeUpDays() {
    // 2025: Oct 1–8 off; Sun Sep 28 and Sat Oct 11 worked in exchange
    Set<LocalDate> holidays = Stream.iterate(LocalDate.of(2025, 10, 1), d -> d.plusDays(1)).limit(8).collect(Collectors.toSet());
    WorkingDays days = new WorkingDays(holidays, Set.of(LocalDate.of(2025, 9, 28), LocalDate.of(2025, 10, 11)));
    // Sep 29, Sep 30, Oct 9, Oct 10, Oct 11 (make-up), Oct 13, Oct 14
    assertThat(days.end(LocalDate.of(2025, 9, 29), 7)).isEqualTo(LocalDate.of(2025, 10, 14));
    assertThat(days.isWorkingDay(LocalDate.of(2025, 9, 28))).isTrue();
    assertThat(days.isWorkingDay(LocalDate.of(2025, 10, 3))).isFalse();
  }

  @Test
  void aWindowStartingOnAWeekendBeginsOnMonday() {
    WorkingDays days = new WorkingDays(Set.of(), Set.of());
    assertThat(days.end(LocalDate.of(2026, 11, 21), 7)).isEqualTo(LocalDate.of(2026, 12, 1)); // Sat → Mon 23 … Tue 1
    assertThat(days.end(LocalDate.of(2026, 11, 23), 1)).isEqualTo(LocalDate.of(2026, 11, 23));
  }

  /** holiday, makeup: one day of each kind in the township's calendar, or none (-). */
  @ParameterizedTest(name = "from {0}, {1} working days (holiday {2}, make-up day {3}) end on {4}")
  @CsvSource(nullValues = "-", value = {
      "2026-11-23, 7, -,          -,          2026-12-01",
      "2026-11-23, 7, 2026-11-25, -,          2026-12-02",
      "2026-11-23, 7, -,          2026-11-28, 2026-11-30",
      "2026-11-25, 7, 2026-11-25, -,          2026-12-04",
      "2026-11-27, 1, -,          -,          2026-11-27",
      "2026-11-28, 1, -,          2026-11-28, 2026-11-28",
      "2026-11-28, 1, -,          -,          2026-11-30"})
  void aWindowEndsOnItsLastWorkingDay(LocalDate start, int count, LocalDate holiday, LocalDate makeup, LocalDate end) {
    WorkingDays days = new WorkingDays(holiday == null ? Set.of() : Set.of(holiday), makeup == null ? Set.of() : Set.of(makeup));
    assertThat(days.end(start, count)).isEqualTo(end);
  }
}
