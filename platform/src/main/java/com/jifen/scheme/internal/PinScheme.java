package com.jifen.scheme.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.scheme.SchemeService.PinnedScheme;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.DomainException;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Pinning a year and member category to one version, so its results can always be recomputed the same way: the same
 * pin again is a no-op; another version may replace it only while the year has no ledger entries for the category and
 * no settlement with it; after that the pin never changes.
 */
@Component
public class PinScheme {
  private final TenantScope scope;
  private final SchemeEngines engines;
  private final Clock clock;

  PinScheme(TenantScope scope, SchemeEngines engines, Clock clock) {
    this.scope = scope;
    this.engines = engines;
    this.clock = clock;
  }

  public Mono<PinnedScheme> pin(CurrentUser user, int year, String category, String code, int version) {
    user.requireTownshipManager();
    return pin(user.requireTenant(), user.username(), year, category, code, version);
  }

  public Mono<PinnedScheme> pin(TenantId tenant, String actor, int year, String category, String code, int version) {
    PinnedScheme wanted = new PinnedScheme(year, category, code, version);
    return scope.inTx(tenant, tx -> engines.version(tx, code, version).flatMap(v -> {
      Scheme scheme = engines.engine(tenant, v).scheme();
      if (!scheme.categories().contains(category)) {
        return Mono.error(DomainException.badRequest("CATEGORY_NOT_COVERED",
            "方案“%s”不适用于该类别党员 (%s)".formatted(scheme.name(), category)));
      }
      return SchemeQueries.pins(tx, year).flatMap(pins -> {
        var existing = pins.stream().filter(p -> p.category().equals(category)).findFirst();
        if (existing.isEmpty()) {
          return SchemeQueries.pin(tx, wanted, actor, clock.instant()).thenReturn(wanted);
        }
        if (existing.get().equals(wanted)) {
          return Mono.just(existing.get());
        }
        // a pin is fixed once the year has data for the category (results must stay recomputable); before that a
        // township may still correct its choice
        return SchemeQueries.repinWhileUnused(tx, wanted, actor, clock.instant())
            .doOnNext(changed -> engines.forgetPin(tenant, year, category))
            .flatMap(changed -> changed > 0 ? Mono.just(wanted)
                : Mono.error(DomainException.conflict("YEAR_ALREADY_PINNED",
                    "%d 年该类别已锁定方案 %s 第 %d 版，且已有积分记录或结算，不能更改（保证结果可复算）".formatted(year,
                        existing.get().schemeCode(), existing.get().version()),
                    Map.of("schemeCode", existing.get().schemeCode(), "version", existing.get().version()))));
      });
    }));
  }
}
