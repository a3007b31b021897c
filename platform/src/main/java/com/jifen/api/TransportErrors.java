package com.jifen.api;

import com.jifen.shared.ErrorKind;
import com.jifen.shared.HttpErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Requests refused before GraphQL runs (not JSON, not a GraphQL request, a wrong method) get the same
 * GraphQL-over-HTTP body as every other error, classified, in Chinese and English, and one log line: a client's
 * malformed request is not the service's fault and never writes a trace.
 */
@Configuration
class TransportErrors {
  private static final Logger log = LoggerFactory.getLogger(TransportErrors.class);

  /** Before Spring Boot's error handler (order -1), which would answer with its own JSON and no classification. */
  @Bean
  @Order(-2)
  WebExceptionHandler classifiedTransportErrors() {
    return (exchange, e) -> {
      if (!(e instanceof ResponseStatusException status) || !status.getStatusCode().is4xxClientError()) {
        return Mono.error(e);
      }
      HttpStatus http = HttpStatus.valueOf(status.getStatusCode().value());
      log.info("{} {} {}: {}", http.value(), exchange.getRequest().getMethod(), exchange.getRequest().getPath(), status.getReason());
      return switch (http) {
        case UNSUPPORTED_MEDIA_TYPE -> unsupportedMediaType(exchange);
        case METHOD_NOT_ALLOWED -> HttpErrors.write(exchange.getResponse(), http, ErrorKind.BAD_REQUEST, "METHOD_NOT_ALLOWED",
            "请用 POST 发送 GraphQL 请求 (send GraphQL requests with POST)");
        case NOT_FOUND -> HttpErrors.write(exchange.getResponse(), http, ErrorKind.NOT_FOUND, "NOT_FOUND",
            "地址不存在 (no such endpoint; the API is POST /graphql)");
        default -> HttpErrors.write(exchange.getResponse(), http, ErrorKind.BAD_REQUEST, "INVALID_REQUEST",
            "请求不是有效的 GraphQL 请求：须为 JSON，含 query 字段 (not a GraphQL request: a JSON body with a query)");
      };
    };
  }

  /**
   * A POST to /graphql that is not JSON is answered here: Spring GraphQL's router answers it with a bare 415 and
   * no body.
   */
  @Bean
  WebFilter graphQlMediaType() {
    return (exchange, chain) -> {
      var request = exchange.getRequest();
      if (request.getMethod() == HttpMethod.POST && request.getPath().value().equals("/graphql")) {
        MediaType type = request.getHeaders().getContentType();
        if (type == null || !(type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.isCompatibleWith(MediaType.APPLICATION_GRAPHQL_RESPONSE)
            || type.getSubtype().equals("graphql+json"))) {
          log.info("415 POST /graphql: content type {}", type);
          return unsupportedMediaType(exchange);
        }
      }
      return chain.filter(exchange);
    };
  }

  private static Mono<Void> unsupportedMediaType(ServerWebExchange exchange) {
    return HttpErrors.write(exchange.getResponse(), HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorKind.BAD_REQUEST,
        "UNSUPPORTED_MEDIA_TYPE", "请以 application/json 发送 GraphQL 请求 (send the request as application/json)");
  }
}
