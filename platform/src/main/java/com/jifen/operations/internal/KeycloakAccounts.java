package com.jifen.operations.internal;

import com.jifen.shared.DomainException;
import com.jifen.shared.ErrorKind;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The realm's accounts that operations make, through the Keycloak Admin Client as the service's confidential
 * client {@code jifen-admin} (realm-management roles, secret from the environment). Blocking: callers run it on
 * the bounded-elastic scheduler. Every refusal by Keycloak becomes a classified error.
 */
@Component
class KeycloakAccounts implements DisposableBean {
  /** The audience every client of the realm puts into its tokens, so the service accepts them (issue 10.6). */
  static final String AUDIENCE = "jifen-platform";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

  /**
   * Built at the first operation, not at start (issue 17, item 5): the admin client's RESTEasy set-up took 2 s of a
   * plain start on this machine (README, Start-up) for something only operations use; building it contacts nothing,
   * so no failure moves from the start to the first use.
   */
  private final Supplier<Keycloak> build;
  private Keycloak keycloak; // guarded by this
  private final String realm;

  KeycloakAccounts(@Value("${jifen.keycloak.url}") String url, @Value("${jifen.keycloak.realm}") String realm,
      @Value("${jifen.keycloak.admin.client-id}") String clientId, @Value("${jifen.keycloak.admin.client-secret}") String secret) {
    this.realm = realm;
    this.build = () -> KeycloakBuilder.builder().serverUrl(url).realm(realm).grantType(OAuth2Constants.CLIENT_CREDENTIALS)
        .clientId(clientId).clientSecret(secret).build();
  }

  /** An account as found in the realm: its id and the township or county it belongs to. */
  record Account(String id, Optional<String> tenant, Optional<String> county) {}

  /** A person's account with a one-time password that must be changed at first login. */
  record NewPerson(String username, String name, String email, Map<String, String> attributes, List<String> roles) {}

  Optional<Account> findUser(String username) {
    return call(() -> realm().users().search(username, true).stream().findFirst()
        .map(u -> new Account(u.getId(), attribute(u, "tenant"), attribute(u, "county"))));
  }

  /** Creates the account and returns its initial password (shown once; Keycloak asks for a new one at first login). */
  String createUser(NewPerson p) {
    return call(() -> {
      UserRepresentation u = new UserRepresentation();
      u.setUsername(p.username());
      u.setEmail(p.email());
      u.setEmailVerified(true);
      u.setFirstName(p.name());
      u.setEnabled(true);
      u.setAttributes(p.attributes().entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));
      u.setRequiredActions(List.of("UPDATE_PASSWORD"));
      String id;
      try (Response r = realm().users().create(u)) {
        if (r.getStatus() == 409) {
          throw DomainException.conflict("USERNAME_TAKEN", "账号 %s 已存在，请换一个用户名".formatted(p.username()), Map.of());
        }
        if (r.getStatus() == 400) {
          throw DomainException.badRequest("INVALID_ACCOUNT", "Keycloak 拒绝了该账号 (%s)：请检查用户名和邮箱".formatted(p.username()));
        }
        id = CreatedResponseUtil.getCreatedId(r);
      }
      var roles = realm().roles();
      realm().users().get(id).roles().realmLevel().add(p.roles().stream().map(role -> roles.get(role).toRepresentation()).toList());
      return resetPassword(id);
    });
  }

  /** A new one-time password for an account this onboarding made before (a retry: the first answer was lost). */
  String resetPassword(String userId) {
    return call(() -> {
      CredentialRepresentation c = new CredentialRepresentation();
      c.setType(CredentialRepresentation.PASSWORD);
      c.setTemporary(true);
      String password = password(16);
      c.setValue(password);
      realm().users().get(userId).resetPassword(c);
      return password;
    });
  }

  void deleteUser(String userId) {
    call(() -> {
      try (Response ignored = realm().users().delete(userId)) {
        return null;
      }
    });
  }

  /** The integration client of a township, if there is one, and the township its tenant claim names. */
  Optional<Account> findClient(String clientId) {
    return call(() -> realm().clients().findByClientId(clientId).stream().findFirst()
        .map(c -> new Account(c.getId(), Optional.ofNullable(c.getProtocolMappers()).orElse(List.of()).stream()
            .filter(m -> "tenant".equals(m.getName())).map(m -> m.getConfig().get("claim.value")).findFirst(), Optional.empty())));
  }

  /**
   * A confidential client with a service account for an integrating app of one township: the hard-coded tenant claim,
   * the service's audience, the integration role. Returns its secret.
   */
  String createIntegrationClient(String clientId, String name, String tenant) {
    return call(() -> {
      ClientRepresentation c = new ClientRepresentation();
      c.setClientId(clientId);
      c.setName(name);
      c.setEnabled(true);
      c.setPublicClient(false);
      c.setServiceAccountsEnabled(true);
      c.setStandardFlowEnabled(false);
      c.setDirectAccessGrantsEnabled(false);
      c.setProtocolMappers(List.of(
          mapper("tenant", "oidc-hardcoded-claim-mapper", Map.of("claim.name", "tenant", "claim.value", tenant, "jsonType.label", "String",
              "access.token.claim", "true", "id.token.claim", "false", "userinfo.token.claim", "false", "introspection.token.claim", "true")),
          mapper(AUDIENCE, "oidc-audience-mapper", Map.of("included.custom.audience", AUDIENCE, "access.token.claim", "true",
              "id.token.claim", "false", "introspection.token.claim", "true"))));
      String id;
      try (Response r = realm().clients().create(c)) {
        if (r.getStatus() == 409) {
          throw DomainException.conflict("CLIENT_TAKEN", "集成应用 %s 已存在".formatted(clientId), Map.of());
        }
        id = CreatedResponseUtil.getCreatedId(r);
      }
      var account = realm().clients().get(id).getServiceAccountUser();
      realm().users().get(account.getId()).roles().realmLevel().add(List.of(realm().roles().get("integration").toRepresentation()));
      return realm().clients().get(id).getSecret().getValue();
    });
  }

  /** A new secret for a client this onboarding made before. */
  String newSecret(String id) {
    return call(() -> realm().clients().get(id).generateNewSecret().getValue());
  }

  void deleteClient(String id) {
    call(() -> {
      realm().clients().get(id).remove();
      return null;
    });
  }

  private RealmResource realm() {
    return client().realm(realm);
  }

  private synchronized Keycloak client() {
    if (keycloak == null) {
      keycloak = build.get();
    }
    return keycloak;
  }

  private static ProtocolMapperRepresentation mapper(String name, String type, Map<String, String> config) {
    ProtocolMapperRepresentation m = new ProtocolMapperRepresentation();
    m.setName(name);
    m.setProtocol("openid-connect");
    m.setProtocolMapper(type);
    m.setConfig(config);
    return m;
  }

  private static Optional<String> attribute(UserRepresentation u, String name) {
    return Optional.ofNullable(u.getAttributes()).map(a -> a.get(name)).filter(v -> !v.isEmpty()).map(List::getFirst);
  }

  static String password(int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return b.append("#9").toString();
  }

  /** Keycloak down, or refusing the service's own credentials: UNAVAILABLE, nothing half-made (callers undo). */
  private static <T> T call(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (DomainException e) {
      throw e;
    } catch (WebApplicationException e) {
      throw new DomainException(ErrorKind.UNAVAILABLE, "KEYCLOAK_REFUSED",
          "身份认证服务拒绝了开通操作 (HTTP %d)，未做任何更改；请检查平台的 Keycloak 管理客户端配置后重试".formatted(e.getResponse().getStatus()));
    } catch (ProcessingException e) {
      throw new DomainException(ErrorKind.UNAVAILABLE, "KEYCLOAK_UNAVAILABLE", "身份认证服务暂时无法访问，未做任何更改；请稍后重试");
    }
  }

  @Override
  public synchronized void destroy() {
    if (keycloak != null) {
      keycloak.close();
    }
  }
}
