package com.jifen.operations.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.identity.Role;
import com.jifen.shared.DomainException;
import com.jifen.tenancy.PlatformDatabase;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** 新建县: a county townships are grouped under and county reviewers belong to. */
@Service
public class CreateCounty {
  static final Pattern CODE = Pattern.compile("^[A-Z][A-Z0-9_]{1,31}$");

  private final PlatformDatabase platform;
  private final PlatformAudit audit;
  private final Clock clock;

  CreateCounty(PlatformDatabase platform, PlatformAudit audit, Clock clock) {
    this.platform = platform;
    this.audit = audit;
    this.clock = clock;
  }

  public record County(String code, String name) {}

  public Mono<County> create(CurrentUser operator, String code, String name) {
    operator.require(Role.PLATFORM_ADMIN);
    if (code == null || !CODE.matcher(code).matches()) {
      throw DomainException.badRequest("INVALID_CODE", "县代码须以大写字母开头，由 2–32 个大写字母、数字或下划线组成");
    }
    if (name == null || name.isBlank()) {
      throw DomainException.badRequest("NAME_REQUIRED", "请填写县名称");
    }
    // a county belongs to no township: its audit row is in the platform's trail, in the same transaction
    return platform.mono(db -> OperationsQueries.insertCounty(db, code, name.trim(), clock.instant())
            .flatMap(n -> n == 0 ? Mono.error(DomainException.conflict("DUPLICATE_COUNTY", "县代码 %s 已存在".formatted(code), Map.of()))
                : audit.record(db, operator.username(), "createCounty", code, Map.of("name", name.trim()))))
        .thenReturn(new County(code, name.trim()));
  }
}
