package com.jifen.operations.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.identity.Role;
import com.jifen.shared.DomainException;
import com.jifen.tenancy.PlatformDatabase;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** 县级审阅账号: a county reviewer's account, scoped by its county claim to that county's townships. */
@Service
public class CreateCountyReviewer {
  private final PlatformDatabase platform;
  private final KeycloakAccounts keycloak;
  private final PlatformAudit audit;

  CreateCountyReviewer(PlatformDatabase platform, KeycloakAccounts keycloak, PlatformAudit audit) {
    this.platform = platform;
    this.keycloak = keycloak;
    this.audit = audit;
  }

  public record Input(String county, String username, String name, String email) {}

  public record Result(String username, String county, String initialPassword) {}

  public Mono<Result> create(CurrentUser operator, Input in) {
    operator.require(Role.PLATFORM_ADMIN);
    OnboardTownship.validatePerson(in.username(), in.name(), in.email());
    return platform.mono(db -> OperationsQueries.countyExists(db, in.county()))
        .flatMap(exists -> exists ? Mono.fromCallable(() -> keycloak.createUser(new KeycloakAccounts.NewPerson(in.username(), in.name(),
                in.email(), Map.of("county", in.county()), List.of(Role.COUNTY_REVIEWER.realmRole())))).subscribeOn(Schedulers.boundedElastic())
            : Mono.error(DomainException.badRequest("UNKNOWN_COUNTY", "县 %s 不存在，请先创建该县".formatted(in.county()))))
        // the account lives in Keycloak; the platform's trail records who made it, for which county
        .flatMap(password -> platform.mono(db -> audit.record(db, operator.username(), "createCountyReviewer", in.username(),
                Map.of("county", in.county())))
            .thenReturn(new Result(in.username(), in.county(), password)));
  }
}
