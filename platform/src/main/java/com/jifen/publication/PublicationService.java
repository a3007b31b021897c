package com.jifen.publication;

import com.jifen.identity.CurrentUser;
import com.jifen.publication.internal.FinalizeResults;
import com.jifen.publication.internal.PublishResults;
import com.jifen.publication.internal.SetCalendar;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 张榜公示 as other features use it: the township's calendar (settings files), a past year's window and its final
 * results (the demo year). Objections, notices, removal cases and the public board are this feature's own
 * (publication.internal).
 */
@Service
public class PublicationService {
  private final SetCalendar calendar;
  private final PublishResults publishing;
  private final FinalizeResults finalizing;

  PublicationService(SetCalendar calendar, PublishResults publishing, FinalizeResults finalizing) {
    this.calendar = calendar;
    this.publishing = publishing;
    this.finalizing = finalizing;
  }

  /** kind: HOLIDAY or MAKEUP_WORKDAY (a weekend day worked, 调休). */
  public record CalendarDayInput(LocalDate day, String kind, String name) {}

  public record PublishSettlementInput(String branchId, int year, LocalDate startsOn) {}

  public record FinalizeSettlementInput(String branchId, int year) {}

  /** The days given replace what the calendar said of them; windows still open are counted again. */
  public Mono<Integer> setCalendar(CurrentUser user, List<CalendarDayInput> days) {
    return calendar.set(user, days);
  }

  /** A window that already took place (a past year brought over); never offered through the API. */
  public Mono<Void> importPastWindow(CurrentUser user, PublishSettlementInput in) {
    return publishing.importPastWindow(user, in).then();
  }

  public Mono<Void> finalizeResults(CurrentUser user, FinalizeSettlementInput in) {
    return finalizing.finalizeResults(user, in).then();
  }
}
