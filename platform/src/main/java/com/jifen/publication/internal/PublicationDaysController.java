package com.jifen.publication.internal;

import com.jifen.identity.CurrentUsers;
import com.jifen.tenancy.TenantScope;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** The days a publication window counts, so the console shows the 7 working days and not only the first and last. */
@Controller
class PublicationDaysController {
  private final TenantScope scope;

  PublicationDaysController(TenantScope scope) {
    this.scope = scope;
  }

  /** One read of the township's calendar for every window asked for (holidays skipped, make-up workdays counted). */
  @BatchMapping(typeName = "Publication", field = "workingDays")
  Mono<Map<Publication, List<LocalDate>>> workingDays(List<Publication> windows) {
    return CurrentUsers.current().flatMap(user -> scope.inTx(user.requireTenant(), PublicationQueries::workingDays))
        .map(days -> {
          Map<Publication, List<LocalDate>> result = new LinkedHashMap<>();
          windows.forEach(w -> result.put(w, w.startsOn().datesUntil(w.endsOn().plusDays(1)).filter(days::isWorkingDay).toList()));
          return result;
        });
  }
}
