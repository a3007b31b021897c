package com.jifen.publication.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.publication.PublicationService.CalendarDayInput;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** 节假日与调休: the township's holidays and make-up working days, by which publication windows are counted. */
@Component
public class SetCalendar {
  private final TenantScope scope;
  private final Clock clock;

  SetCalendar(TenantScope scope, Clock clock) {
    this.scope = scope;
    this.clock = clock;
  }

  record SetCalendarDaysInput(List<CalendarDayInput> days) {}

  record SetCalendarDaysPayload(int saved) {}

  public Mono<Integer> set(CurrentUser user, List<CalendarDayInput> days) {
    user.requireTownshipManager();
    return scope.inTx(user.requireTenant(), tx -> PublicationQueries.replaceCalendarDays(tx, days)
        .flatMap(saved -> extendOpenWindows(tx, user).thenReturn(saved.intValue())));
  }

  /**
   * Windows still open when the calendar changes are counted again with the new calendar: a holiday added inside one
   * extends it. A window never shrinks, and a closed one never reopens.
   */
  private Mono<Void> extendOpenWindows(TenantTx tx, CurrentUser user) {
    LocalDate today = LocalDate.now(clock);
    return PublicationQueries.workingDays(tx).flatMap(days -> PublicationQueries.windowsNotFinal(tx)
        .filter(w -> !today.isAfter(w.endsOn()))
        .concatMap(w -> {
          LocalDate end = days.end(w.startsOn(), PublishResults.WINDOW_WORKING_DAYS);
          if (!end.isAfter(w.endsOn())) {
            return Mono.empty();
          }
          return PublicationQueries.extendWindow(tx, w.publication(), end,
              "公示期内调整节假日，公示期顺延至 %s（满 %d 个工作日）".formatted(end, PublishResults.WINDOW_WORKING_DAYS), user.username(),
              clock.instant());
        })
        .then());
  }
}
