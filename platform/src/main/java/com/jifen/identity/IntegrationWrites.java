package com.jifen.identity;

import com.jifen.shared.DomainException;
import com.jifen.shared.MutationFetchers;
import graphql.schema.DataFetcher;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * Integrating apps read by default: any mutation by a caller with the {@code integration} role needs the
 * client's explicit {@code integration-write} role too. Checked once for every Mutation field, so a new
 * mutation cannot forget it.
 */
@Configuration
class IntegrationWrites {

  @Bean
  GraphQlSourceBuilderCustomizer integrationWriteGuard() {
    return builder -> builder.typeVisitors(List.of(MutationFetchers.wrapping(IntegrationWrites::guarded)));
  }

  private static DataFetcher<?> guarded(String field, DataFetcher<?> fetcher) {
    return env -> {
      Object result = fetcher.get(env);
      if (!(result instanceof Mono<?> mono)) {
        return result;
      }
      // an anonymous caller goes on: the mutation refuses it itself, or takes none (castVote works by code)
      return CurrentUsers.current().map(Optional::of).onErrorReturn(Optional.empty())
          .flatMap(user -> user.filter(IntegrationWrites::readOnly).isPresent()
              ? Mono.error(DomainException.forbidden(
                  "该集成应用只有只读权限，写入需由平台授予 integration-write 角色 (this integration client is read-only)"))
              : mono);
    };
  }

  private static boolean readOnly(CurrentUser user) {
    return user.has(Role.INTEGRATION) && !user.has(Role.INTEGRATION_WRITE);
  }
}
