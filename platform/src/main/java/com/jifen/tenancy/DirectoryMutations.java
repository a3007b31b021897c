package com.jifen.tenancy;

import com.jifen.identity.CurrentUsers;
import java.util.regex.Pattern;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * This instance forgets the caller's township in every {@link TownshipCache} as a mutation completes, before its
 * answer leaves: the writer's next read sees the change without waiting for PostgreSQL's notification (which tells
 * the other instances). A document that merely mentions the word forgets too; that costs a reload, never a stale read.
 */
@Component
class DirectoryMutations implements WebGraphQlInterceptor {
  private static final Pattern MUTATION = Pattern.compile("\\bmutation\\b");

  private final java.util.List<TownshipCache> caches;

  DirectoryMutations(java.util.List<TownshipCache> caches) {
    this.caches = caches;
  }

  @Override
  public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
    if (!MUTATION.matcher(request.getDocument()).find()) {
      return chain.next(request);
    }
    return chain.next(request).flatMap(response -> CurrentUsers.current()
        .doOnNext(user -> caches.forEach(cache -> user.tenant().ifPresentOrElse(cache::forget, cache::forgetAll)))
        .onErrorResume(e -> Mono.fromRunnable(() -> caches.forEach(TownshipCache::forgetAll)))
        .thenReturn(response));
  }
}
