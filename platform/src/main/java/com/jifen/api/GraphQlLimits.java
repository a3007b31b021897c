package com.jifen.api;

import com.jifen.shared.ErrorKind;
import com.jifen.shared.HttpErrors;
import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.parser.ParserOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Caps on what one request may ask (README, Limits): body size, document size, tokens, depth and the number of
 * fields (aliases count as fields). Errors graphql-java raises for these and for invalid documents are
 * reclassified as BAD_REQUEST with an English code and a Chinese message.
 */
@Configuration
class GraphQlLimits {

  @ConfigurationProperties("jifen.limits")
  record Limits(int maxDepth, int maxFields, int maxTokens, int maxDocumentChars, long maxRequestBytes) {}

  @Bean
  MaxQueryDepthInstrumentation maxDepth(Limits limits) {
    return new MaxQueryDepthInstrumentation(limits.maxDepth());
  }

  @Bean
  MaxQueryComplexityInstrumentation maxFields(Limits limits) {
    return new MaxQueryComplexityInstrumentation(limits.maxFields());
  }

  @Bean
  ParserOptions parserOptions(Limits limits) {
    ParserOptions options = ParserOptions.getDefaultOperationParserOptions().transform(b -> b
        .maxTokens(limits.maxTokens())
        .maxCharacters(limits.maxDocumentChars())
        .maxRuleDepth(200));
    // graphql-java reads parser limits from a process-wide default; set it once at startup.
    ParserOptions.setDefaultOperationParserOptions(options);
    return options;
  }

  /**
   * Refuses a body over the limit: before reading when Content-Length says so, and while reading (chunked
   * bodies) when the codec's buffer limit trips.
   */
  @Bean
  WebFilter requestSizeLimit(Limits limits) {
    return (exchange, chain) -> {
      long length = exchange.getRequest().getHeaders().getContentLength();
      if (length > limits.maxRequestBytes()) {
        return tooLarge(exchange.getResponse(), limits);
      }
      return chain.filter(exchange).onErrorResume(
          org.springframework.core.io.buffer.DataBufferLimitException.class,
          e -> tooLarge(exchange.getResponse(), limits));
    };
  }

  private static Mono<Void> tooLarge(org.springframework.http.server.reactive.ServerHttpResponse response, Limits limits) {
    return HttpErrors.write(response, HttpStatus.PAYLOAD_TOO_LARGE, ErrorKind.BAD_REQUEST, "REQUEST_TOO_LARGE",
        "请求过大：不能超过 %d 字节 (request too large)".formatted(limits.maxRequestBytes()));
  }

  @Bean
  WebGraphQlInterceptor classifyRequestErrors() {
    return (request, chain) -> chain.next(request).map(response -> {
      if (response.getErrors().isEmpty()) {
        return response;
      }
      List<GraphQLError> errors = response.getErrors().stream().map(e -> {
        ErrorClassification type = e.getErrorType();
        if (type instanceof ErrorKind kind) {
          return copy(e, kind, e.getMessage(), e.getExtensions());
        }
        return reclassify(e, type);
      }).toList();
      return response.transform(b -> b.errors(errors));
    });
  }

  private static GraphQLError reclassify(org.springframework.graphql.ResponseError e, ErrorClassification type) {
    String name = type == null ? "" : type.toString();
    String message = e.getMessage() == null ? "" : e.getMessage();
    String code;
    String chinese;
    ErrorKind kind = ErrorKind.BAD_REQUEST;
    if (message.contains("maximum query depth")) {
      code = "QUERY_TOO_DEEP";
      chinese = "查询层级过深 (query too deep)";
    } else if (message.contains("maximum query complexity")) {
      code = "TOO_MANY_FIELDS";
      chinese = "查询字段或别名过多 (too many fields or aliases)";
    } else if (message.toLowerCase(java.util.Locale.ROOT).contains("more than")
        && (message.contains("tokens") || message.contains("characters"))) {
      code = "DOCUMENT_TOO_LARGE";
      chinese = "查询文档过大 (document too large)";
    } else if (name.equals("InvalidSyntax")) {
      code = "INVALID_SYNTAX";
      chinese = "查询语法错误 (invalid syntax)";
    } else if (name.equals("ValidationError")) {
      code = "INVALID_QUERY";
      chinese = "查询不符合接口定义 (invalid query)";
    } else if (name.equals("UNAUTHORIZED")) {
      kind = ErrorKind.UNAUTHORIZED;
      code = "UNAUTHORIZED";
      chinese = "请先登录";
    } else if (name.equals("FORBIDDEN")) {
      kind = ErrorKind.FORBIDDEN;
      code = "FORBIDDEN";
      chinese = "没有权限";
    } else if (name.equals("INTERNAL_ERROR")) {
      kind = ErrorKind.UNAVAILABLE;
      code = "INTERNAL_ERROR";
      chinese = "系统处理出错";
    } else {
      code = "BAD_REQUEST";
      chinese = "请求无效";
    }
    Map<String, Object> extensions = new LinkedHashMap<>();
    if (e.getExtensions() != null) {
      extensions.putAll(e.getExtensions());
    }
    extensions.put("classification", kind.name());
    extensions.put("code", code);
    // graphql-java's own text is English and precise; keep it after the Chinese summary.
    return copy(e, kind, chinese + ": " + message, extensions);
  }

  private static GraphQLError copy(
      org.springframework.graphql.ResponseError e, ErrorKind kind, String message, Map<String, Object> extensions) {
    return GraphqlErrorBuilder.newError()
        .errorType(kind)
        .message(message)
        .locations(e.getLocations())
        .path(e.getParsedPath().isEmpty() ? null : e.getParsedPath())
        .extensions(extensions)
        .build();
  }
}
