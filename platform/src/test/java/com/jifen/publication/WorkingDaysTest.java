package com.jifen.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

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
}
