package com.jifen.operations;

import com.jifen.identity.CurrentUser;
import com.jifen.identity.Role;
import com.jifen.shared.DomainException;
import com.jifen.tenancy.PlatformDatabase;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** 新建县: a county townships are grouped under and county reviewers belong to. */
@Service
public class CreateCounty {
  static final Pattern CODE = Pattern.compile("^[A-Z][A-Z0-9_]{1,31}$");

  private final PlatformDatabase platform;

  CreateCounty(PlatformDatabase platform) {
    this.platform = platform;
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
    // counties are platform-level: no township to audit under (see the report on audit of platform events)
    return platform.mono(db -> OperationsSql.insertCounty(db, code, name.trim()))
        .flatMap(n -> n == 0 ? Mono.error(DomainException.conflict("DUPLICATE_COUNTY", "县代码 %s 已存在".formatted(code), Map.of()))
            : Mono.just(new County(code, name.trim())));
  }
}
