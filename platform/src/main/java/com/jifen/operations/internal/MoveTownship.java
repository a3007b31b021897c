package com.jifen.operations.internal;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.identity.Role;
import com.jifen.shared.DomainException;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.PlatformDatabase;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** 调整所属县: a township moves to another county; that county's reviewers see it from now on, the old ones no longer. */
@Service
public class MoveTownship {
  private final PlatformDatabase platform;
  private final AuditLog audit;

  MoveTownship(PlatformDatabase platform, AuditLog audit) {
    this.platform = platform;
    this.audit = audit;
  }

  /** A township as the operator sees it. */
  Mono<OperationsQueries.TownshipRow> township(String code) {
    return platform.mono(db -> OperationsQueries.township(db, code));
  }

  public Mono<OperationsQueries.TownshipRow> move(CurrentUser operator, String code, String county) {
    operator.require(Role.PLATFORM_ADMIN);
    return platform.mono(db -> OperationsQueries.township(db, code)
        .switchIfEmpty(Mono.error(DomainException.notFound("乡镇", code)))
        .flatMap(t -> OperationsQueries.countyExists(db, county).flatMap(exists -> exists ? Mono.just(t)
            : Mono.error(DomainException.badRequest("UNKNOWN_COUNTY", "县 %s 不存在，请先创建该县".formatted(county)))))
        .flatMap(t -> OperationsQueries.setCounty(db, code, county)
            .then(audit.record(db, new TenantId(code), operator.username(), "moveTownship", code, Map.of("from", t.county(), "to", county))))
        .then(OperationsQueries.township(db, code)));
  }
}
