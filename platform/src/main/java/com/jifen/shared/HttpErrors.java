package com.jifen.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors answered before GraphQL runs (no or a refused token, a body that is not a GraphQL request, a request too
 * large) in the GraphQL-over-HTTP shape every client already reads: {@code {"errors":[{message, extensions}]}}.
 */
public final class HttpErrors {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private HttpErrors() {}

  public static Mono<Void> write(ServerHttpResponse response, HttpStatus status, ErrorKind kind, String code, String message) {
    if (response.isCommitted()) {
      return Mono.empty();
    }
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("classification", kind.name());
    extensions.put("code", code);
    byte[] body = JSON.writeValueAsBytes(Map.of("errors", List.of(Map.of("message", message, "extensions", extensions))));
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }
}
