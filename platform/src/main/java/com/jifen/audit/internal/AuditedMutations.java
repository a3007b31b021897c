package com.jifen.audit.internal;

import com.jifen.shared.MutationFetchers;
import graphql.schema.DataFetcher;
import java.util.List;
import java.util.Set;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Puts an {@link AuditContext} into the Reactor context of every Mutation field's Mono, so the tenant
 * transactions it runs end with its audit row.
 */
@Configuration
class AuditedMutations {
  /**
   * Mutations deliberately not audited. castVote: ballot secrecy. A row per vote in the vote's transaction would
   * carry its time, its request and its transaction id (xmin) beside the tally it changed; the ballot's own
   * trail is openBallot and closeBallot, and the count of spent codes.
   */
  static final Set<String> UNAUDITED = Set.of("castVote");

  @Bean
  GraphQlSourceBuilderCustomizer auditContextOnMutations() {
    return builder -> builder.typeVisitors(List.of(MutationFetchers.wrapping(AuditedMutations::audited)));
  }

  private static DataFetcher<?> audited(String field, DataFetcher<?> fetcher) {
    if (UNAUDITED.contains(field)) {
      return fetcher;
    }
    return env -> {
      Object result = fetcher.get(env);
      AuditContext context = AuditContext.of(field, env);
      if (result instanceof Mono<?> mono) {
        return mono.contextWrite(ctx -> ctx.put(AuditContext.class, context));
      }
      if (result instanceof Flux<?> flux) {
        return flux.contextWrite(ctx -> ctx.put(AuditContext.class, context));
      }
      return result;
    };
  }
}
