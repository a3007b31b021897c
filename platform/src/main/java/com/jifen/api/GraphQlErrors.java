package com.jifen.api;

import com.jifen.scheme.config.SchemeConfigException;
import com.jifen.scheme.engine.ScoringException;
import com.jifen.shared.DomainException;
import com.jifen.shared.ErrorKind;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.schema.DataFetchingEnvironment;
import io.r2dbc.spi.R2dbcException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * The one place domain failures become GraphQL errors: a classification, an English code and a Chinese
 * message. Nothing from SQL or a stack trace reaches the client; unexpected failures get a reference that
 * is logged with the cause.
 */
@ControllerAdvice
class GraphQlErrors {
  private static final Logger log = LoggerFactory.getLogger(GraphQlErrors.class);

  @GraphQlExceptionHandler
  GraphQLError domain(DomainException e, DataFetchingEnvironment env) {
    return error(env, e.kind(), e.code(), e.getMessage(), e.details());
  }

  @GraphQlExceptionHandler
  GraphQLError scoring(ScoringException e, DataFetchingEnvironment env) {
    return error(env, ErrorKind.BAD_REQUEST, e.code(), e.getMessage(), Map.of());
  }

  @GraphQlExceptionHandler
  GraphQLError schemeConfig(SchemeConfigException e, DataFetchingEnvironment env) {
    var errors = e.errors().stream().map(err -> Map.<String, Object>of(
        "file", err.file(), "line", err.line(), "column", err.column(), "path", err.path(), "message", err.message()))
        .toList();
    return error(env, ErrorKind.BAD_REQUEST, "INVALID_SCHEME", e.getMessage(), Map.of("errors", errors));
  }

  @GraphQlExceptionHandler
  GraphQLError accessDenied(AccessDeniedException e, DataFetchingEnvironment env) {
    return error(env, ErrorKind.FORBIDDEN, "FORBIDDEN", "没有权限执行此操作", Map.of());
  }

  @GraphQlExceptionHandler
  GraphQLError duplicate(DuplicateKeyException e, DataFetchingEnvironment env) {
    return error(env, ErrorKind.CONFLICT, "DUPLICATE", "编码已存在，请换一个编码 (already exists)", Map.of());
  }

  @GraphQlExceptionHandler
  GraphQLError integrity(DataIntegrityViolationException e, DataFetchingEnvironment env) {
    if (missingReference(e)) {
      // an id of another township or of nothing: row-level security hides the first, the foreign key finds neither
      return error(env, ErrorKind.NOT_FOUND, "NOT_FOUND", "引用的对象不存在或不属于本乡镇 (a referenced id does not exist)", Map.of());
    }
    String ref = reference(e);
    return error(env, ErrorKind.BAD_REQUEST, "CONSTRAINT_VIOLATED", "数据不符合规则，未保存 (ref " + ref + ")", Map.of());
  }

  /**
   * PostgreSQL is restarting or unreachable: the client may retry and nothing was stored. The cause is known, so
   * it is one warning line, not a stack trace per request (an outage would otherwise flood the log).
   */
  @GraphQlExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
      CannotCreateTransactionException.class})
  GraphQLError unavailable(Exception e, DataFetchingEnvironment env) {
    String ref = UUID.randomUUID().toString().substring(0, 8);
    log.warn("database unavailable, ref {}: {}", ref, NestedExceptionUtils.getMostSpecificCause(e).getMessage());
    return error(env, ErrorKind.UNAVAILABLE, "UNAVAILABLE", "系统暂时不可用，请稍后重试 (ref " + ref + ")", Map.of());
  }

  @GraphQlExceptionHandler
  GraphQLError unexpected(Throwable e, DataFetchingEnvironment env) {
    if (cancelled(e)) {
      // the client went away or the execution was cancelled: nothing failed here, and nothing is worth a trace
      return error(env, ErrorKind.UNAVAILABLE, "CANCELLED", "请求已取消 (request cancelled)", Map.of());
    }
    String ref = reference(e);
    return error(env, ErrorKind.UNAVAILABLE, "INTERNAL_ERROR", "系统处理出错，请联系平台运维 (ref " + ref + ")", Map.of());
  }

  /** A foreign key that found no row for an insert or update (not a parent still referenced by a delete). */
  private static boolean missingReference(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof R2dbcException r2dbc && "23503".equals(r2dbc.getSqlState())) {
        return String.valueOf(r2dbc.getMessage()).startsWith("insert or update");
      }
    }
    return false;
  }

  /**
   * The client went away: the connection closed, or Spring GraphQL cancelled the execution when the HTTP exchange was
   * (a browser leaving a page cancels its pending queries), which graphql-java reports from the next field it would
   * fetch as an {@link AbortExecutionException}. Limits on a query's depth or complexity abort before any field is
   * fetched, so they never reach a field's handler.
   */
  static boolean cancelled(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.util.concurrent.CancellationException || t instanceof java.nio.channels.ClosedChannelException
          || t instanceof AbortExecutionException
          || t.getClass().getName().equals("reactor.netty.channel.AbortedException")) {
        return true;
      }
    }
    return false;
  }

  private static String reference(Throwable e) {
    String ref = UUID.randomUUID().toString().substring(0, 8);
    log.error("request failed, ref {}", ref, e);
    return ref;
  }

  static GraphQLError error(
      DataFetchingEnvironment env, ErrorKind kind, String code, String message, Map<String, Object> details) {
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("classification", kind.name());
    extensions.put("code", code);
    extensions.putAll(details);
    // one line per refused field: enough to follow a client's mistakes, never a trace (a bad cursor is not a fault)
    log.info("{} {} at {}", kind, code, env.getExecutionStepInfo().getPath());
    return GraphqlErrorBuilder.newError(env).errorType(kind).message(message).extensions(extensions).build();
  }
}
