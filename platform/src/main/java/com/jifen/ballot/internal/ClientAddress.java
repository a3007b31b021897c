package com.jifen.ballot.internal;

import java.net.InetSocketAddress;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The caller's address in the GraphQL context, for the fields a caller without an account reaches (ballot codes).
 * It is the connection's peer, or the X-Forwarded-For client when server.forward-headers-strategy trusts a proxy.
 */
@Component
class ClientAddress implements WebGraphQlInterceptor {
  static final String KEY = "jifen.clientAddress";

  @Override
  public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
    InetSocketAddress remote = request.getRemoteAddress();
    String address = remote == null ? "unknown" : remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    request.configureExecutionInput((input, builder) -> {
      input.getGraphQLContext().put(KEY, address);
      return input;
    });
    return chain.next(request);
  }
}
