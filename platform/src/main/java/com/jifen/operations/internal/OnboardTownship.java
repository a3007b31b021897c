package com.jifen.operations.internal;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.identity.Role;
import com.jifen.organization.MemberCategory;
import com.jifen.shared.DomainException;
import com.jifen.shared.Hashes;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.PlatformDatabase;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * 开通乡镇: the township, its first administrator and its integration client, all or nothing, idempotent by key.
 *
 * <p>Order: (1) the request is recorded as PENDING (its key and the township code are claimed); (2) the Keycloak
 * accounts are made; (3) the township row, its settings and DONE are written in one transaction. A Keycloak refusal
 * in (2) undoes what (2) made and forgets (1); a database failure in (3) undoes (2) and (1). A crash between steps
 * leaves a PENDING request whose retry (same key) finds the accounts it made (they carry the township code) and
 * completes; a DONE request's retry answers the same township without passwords or secrets (they are shown once).
 */
@Service
public class OnboardTownship {
  private static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{2,39}$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final PlatformDatabase platform;
  private final KeycloakAccounts keycloak;
  private final AuditLog audit;
  private final Clock clock;

  OnboardTownship(PlatformDatabase platform, KeycloakAccounts keycloak, AuditLog audit, Clock clock) {
    this.platform = platform;
    this.keycloak = keycloak;
    this.audit = audit;
    this.clock = clock;
  }

  public record AdminInput(String username, String name, String email) {}

  public record Input(String idempotencyKey, String code, String name, String countyCode, List<MemberCategory> categories,
      AdminInput admin) {}

  /** initialPassword and clientSecret are null on a replay: they were shown once. */
  public record Result(String code, String adminUsername, String initialPassword, String clientId, String clientSecret,
      boolean replayed) {}

  public Mono<Result> onboard(CurrentUser operator, Input in) {
    operator.require(Role.PLATFORM_ADMIN);
    validate(in);
    String clientId = "app-" + in.code().toLowerCase();
    String hash = Hashes.sha256(String.join("|", in.code(), in.name(), in.countyCode(), in.categories().toString(),
        in.admin().username(), in.admin().name(), in.admin().email()));
    return platform.mono(db -> OperationsQueries.onboarding(db, in.idempotencyKey())
            .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
            .flatMap(found -> {
              if (found.isPresent()) {
                if (!found.get().requestHash().equals(hash)) {
                  return Mono.error(DomainException.conflict("IDEMPOTENCY_KEY_REUSED",
                      "该幂等键已用于另一项开通请求，请换一个键", Map.of("township", found.get().tenant())));
                }
                return Mono.just(found.get().state());
              }
              return OperationsQueries.countyExists(db, in.countyCode()).flatMap(county -> {
                if (!county) {
                  return Mono.error(DomainException.badRequest("UNKNOWN_COUNTY", "县 %s 不存在，请先创建该县".formatted(in.countyCode())));
                }
                return OperationsQueries.townshipExists(db, in.code());
              }).flatMap(exists -> exists
                  ? Mono.error(DomainException.conflict("DUPLICATE_TOWNSHIP", "乡镇代码 %s 已被使用".formatted(in.code()), Map.of()))
                  : OperationsQueries.startOnboarding(db, in.idempotencyKey(), in.code(), hash, in.admin().username(), clientId,
                          operator.username(), clock.instant())
                      .onErrorMap(org.springframework.dao.DuplicateKeyException.class, e -> DomainException.conflict("DUPLICATE_TOWNSHIP",
                          "乡镇代码 %s 正在开通中".formatted(in.code()), Map.of()))
                      .thenReturn("PENDING"));
            }))
        .flatMap(state -> "DONE".equals(state)
            ? Mono.just(new Result(in.code(), in.admin().username(), null, clientId, null, true))
            : Mono.fromCallable(() -> accounts(in, clientId)).subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(e -> platform.mono(db -> OperationsQueries.forgetOnboarding(db, in.idempotencyKey())).then(Mono.error(e)))
                .flatMap(made -> platform.mono(db -> OperationsQueries.insertTownship(db, in.code(), in.name(), in.countyCode(),
                            in.categories().stream().map(Enum::name).toArray(String[]::new), clock.instant())
                        .then(OperationsQueries.finishOnboarding(db, in.idempotencyKey(), clock.instant()))
                        .then(audit.record(db, new TenantId(in.code()), operator.username(), "onboardTownship", in.code(),
                            Map.of("county", in.countyCode(), "admin", in.admin().username(), "client", clientId,
                                "idempotencyKey", in.idempotencyKey()))))
                    .thenReturn(new Result(in.code(), in.admin().username(), made.password(), clientId, made.secret(), false))
                    .onErrorResume(e -> Mono.fromRunnable(() -> made.undo(keycloak)).subscribeOn(Schedulers.boundedElastic())
                        .then(platform.mono(db -> OperationsQueries.forgetOnboarding(db, in.idempotencyKey())))
                        .then(Mono.error(e)))));
  }

  /** What step (2) made or found, and how to undo what it made. */
  private record Made(String userId, boolean newUser, String password, String clientUuid, boolean newClient, String secret) {
    void undo(KeycloakAccounts keycloak) {
      if (newClient) {
        keycloak.deleteClient(clientUuid);
      }
      if (newUser) {
        keycloak.deleteUser(userId);
      }
    }
  }

  /** The administrator and the integration client; accounts of this township made by an earlier attempt are reused. */
  private Made accounts(Input in, String clientId) {
    var user = keycloak.findUser(in.admin().username());
    if (user.isPresent() && !user.get().tenant().equals(java.util.Optional.of(in.code()))) {
      throw DomainException.conflict("USERNAME_TAKEN", "账号 %s 已被其他人使用，请换一个用户名".formatted(in.admin().username()), Map.of());
    }
    String userId;
    String password;
    boolean newUser = user.isEmpty();
    if (newUser) {
      password = keycloak.createUser(new KeycloakAccounts.NewPerson(in.admin().username(), in.admin().name(), in.admin().email(),
          Map.of("tenant", in.code(), "county", in.countyCode()), List.of(Role.TENANT_ADMIN.realmRole(), Role.MEMBER.realmRole())));
      userId = keycloak.findUser(in.admin().username()).orElseThrow().id();
    } else {
      userId = user.get().id();
      password = keycloak.resetPassword(userId);
    }
    try {
      var client = keycloak.findClient(clientId);
      if (client.isPresent() && !client.get().tenant().equals(java.util.Optional.of(in.code()))) {
        throw DomainException.conflict("CLIENT_TAKEN", "集成应用 %s 已属于其他乡镇".formatted(clientId), Map.of());
      }
      if (client.isPresent()) {
        return new Made(userId, newUser, password, client.get().id(), false, keycloak.newSecret(client.get().id()));
      }
      String secret = keycloak.createIntegrationClient(clientId, in.name() + " 集成应用 (integration app)", in.code());
      return new Made(userId, newUser, password, keycloak.findClient(clientId).orElseThrow().id(), true, secret);
    } catch (RuntimeException e) {
      if (newUser) {
        keycloak.deleteUser(userId);
      }
      throw e;
    }
  }

  private static void validate(Input in) {
    if (in.idempotencyKey() == null || in.idempotencyKey().length() < 8 || in.idempotencyKey().length() > 100) {
      throw DomainException.badRequest("INVALID_IDEMPOTENCY_KEY", "幂等键须为 8–100 个字符");
    }
    if (in.code() == null || !CreateCounty.CODE.matcher(in.code()).matches()) {
      throw DomainException.badRequest("INVALID_CODE", "乡镇代码须以大写字母开头，由 2–32 个大写字母、数字或下划线组成 (e.g. QS)");
    }
    if (in.name() == null || in.name().isBlank()) {
      throw DomainException.badRequest("NAME_REQUIRED", "请填写乡镇名称");
    }
    if (in.categories() == null || in.categories().isEmpty()) {
      throw DomainException.badRequest("CATEGORIES_REQUIRED", "请至少选择一个党员类别");
    }
    if (in.admin() == null) {
      throw DomainException.badRequest("ADMIN_REQUIRED", "请填写第一位管理员");
    }
    validatePerson(in.admin().username(), in.admin().name(), in.admin().email());
  }

  /** A person's account as Keycloak will take it: the same rules for administrators and county reviewers. */
  static void validatePerson(String username, String name, String email) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw DomainException.badRequest("INVALID_USERNAME", "用户名须为 3–40 个小写字母、数字、点、横线或下划线，以字母或数字开头");
    }
    if (email == null || !EMAIL.matcher(email).matches()) {
      throw DomainException.badRequest("INVALID_EMAIL", "请填写有效的邮箱");
    }
    if (name == null || name.isBlank()) {
      throw DomainException.badRequest("NAME_REQUIRED", "请填写姓名");
    }
  }
}
