package com.jifen.settings.internal;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.publication.PublicationService;
import com.jifen.scheme.SchemeService;
import com.jifen.scheme.config.ConfigError;
import com.jifen.scheme.config.SchemeConfigException;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import com.jifen.tenancy.TownshipService;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies a township settings file. The whole file is checked first — its shape against the schema, then against the
 * township (its code, its categories, pins that may not change, scheme versions that must exist and fit the category)
 * — and every error is reported with its line, column and path; only a file without errors changes anything, through
 * the features that own each setting (pins, calendar, visibility). Fields left out are left as they are.
 */
@Service
public class ApplyTownshipSettings {
  private final TenantScope scope;
  private final SchemeService schemes;
  private final PublicationService publications;
  private final TownshipService townships;
  private final AuditLog audit;

  ApplyTownshipSettings(TenantScope scope, SchemeService schemes, PublicationService publications, TownshipService townships,
      AuditLog audit) {
    this.scope = scope;
    this.schemes = schemes;
    this.publications = publications;
    this.townships = townships;
    this.audit = audit;
  }

  private record NewPin(int year, String category, TownshipSettings.Pin pin) {}

  public Mono<TownshipSettings> apply(CurrentUser user, String yaml) {
    user.requireTownshipManager();
    TenantId tenant = user.requireTenant();
    SettingsFile.Parsed parsed = SettingsFile.read("settings/" + tenant.value() + ".yaml", yaml == null ? "" : yaml);
    TownshipSettings wanted = parsed.settings();
    return scope.inTx(tenant, tx -> SettingsQueries.settings(tx).flatMap(current -> check(tx, parsed, current)))
        .flatMap(pins -> Flux.fromIterable(pins)
            .concatMap(p -> schemes.pin(user, p.year(), p.category(), p.pin().scheme(), p.pin().version()))
            .then(wanted.calendar() == null || wanted.calendar().isEmpty() ? Mono.empty()
                : publications.setCalendar(user, wanted.calendar().stream()
                    .map(d -> new PublicationService.CalendarDayInput(LocalDate.parse(d.day()), d.kind(), d.name())).toList()))
            .then(wanted.rankingVisibility() == null ? Mono.empty() : townships.update(user, wanted.rankingVisibility()))
            .then(scope.inTx(tenant, tx -> audit.record(tx, user.username(), "applyTownshipSettings", tenant.value(),
                Map.of("pinned", pins.size(), "calendarDays", wanted.calendar() == null ? 0 : wanted.calendar().size())))))
        .then(scope.inTx(tenant, SettingsQueries::settings));
  }

  /** Every error of the file against the township, or the pins it adds. */
  private Mono<List<NewPin>> check(TenantTx tx, SettingsFile.Parsed parsed, TownshipSettings current) {
    TenantId tenant = tx.tenant();
    TownshipSettings wanted = parsed.settings();
    List<ConfigError> errors = new ArrayList<>();
    var tree = parsed.document().tree();
    if (!tenant.value().equals(wanted.code())) {
      errors.add(tree.error(List.of("code"), "该文件属于乡镇 %s，不能用于本乡镇 %s".formatted(wanted.code(), tenant.value())));
    }
    if (wanted.categories() != null && !new HashSet<>(wanted.categories()).equals(new HashSet<>(current.categories()))) {
      errors.add(tree.error(List.of("categories"), "党员类别在开通时由平台确定（现为 %s），请联系平台运维调整".formatted(current.categories())));
    }
    List<NewPin> added = new ArrayList<>();
    List<Mono<Optional<ConfigError>>> versionChecks = new ArrayList<>();
    if (wanted.pinned() != null) {
      wanted.pinned().forEach((year, pins) -> pins.forEach((category, pin) -> {
        var existing = Optional.ofNullable(current.pinned().get(year)).map(p -> p.get(category));
        if (existing.isPresent() && !existing.get().equals(pin)) {
          errors.add(tree.error(List.of("pinned", year, category), "%s 年%s已锁定为 %s 第 %d 版，锁定后不可更改".formatted(year, category,
              existing.get().scheme(), existing.get().version())));
        } else if (existing.isEmpty()) {
          added.add(new NewPin(Integer.parseInt(year), category, pin));
          versionChecks.add(schemes.engine(tx, pin.scheme(), pin.version())
              .map(engine -> engine.scheme().subject() == Scheme.Subject.MEMBER && engine.scheme().categories().contains(category)
                  ? Optional.<ConfigError>empty()
                  : Optional.of(tree.error(List.of("pinned", year, category, "scheme"), "方案 %s 不适用于类别 %s".formatted(pin.scheme(), category))))
              .onErrorResume(e -> Mono.just(Optional.of(tree.error(List.of("pinned", year, category, "version"),
                  "本乡镇没有方案 %s 的第 %d 版，请先发布".formatted(pin.scheme(), pin.version())))))
              .defaultIfEmpty(Optional.of(tree.error(List.of("pinned", year, category, "version"),
                  "本乡镇没有方案 %s 的第 %d 版，请先发布".formatted(pin.scheme(), pin.version())))));
        }
      }));
    }
    return Flux.concat(versionChecks).collectList().map(found -> {
      found.forEach(e -> e.ifPresent(errors::add));
      if (!errors.isEmpty()) {
        errors.sort(java.util.Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
        throw new SchemeConfigException(errors);
      }
      return added;
    });
  }
}
