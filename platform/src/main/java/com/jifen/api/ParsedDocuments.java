package com.jifen.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Parsed and validated documents, kept by their text: integrating apps and the web client send the same few
 * operations over and over with different variables, and parsing plus validating a document costs more than
 * executing a small query. Only documents that passed the parser's limits and validation are kept (a refused one
 * is refused again, as cheaply); depth and field limits are checked at every execution. Bounded by characters,
 * so neither many nor long documents can grow memory.
 */
@Configuration
class ParsedDocuments {
  static final long MAX_CHARACTERS = 4_000_000;

  @Bean
  GraphQlSourceBuilderCustomizer parsedDocumentCache() {
    Cache<String, PreparsedDocumentEntry> cache = Caffeine.newBuilder()
        .maximumWeight(MAX_CHARACTERS).weigher((String key, PreparsedDocumentEntry entry) -> key.length()).build();
    PreparsedDocumentProvider provider = new PreparsedDocumentProvider() {
      @Override
      public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
          Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        // validation messages depend on the locale, so it is part of the key
        String key = input.getLocale() + "\n" + input.getQuery();
        PreparsedDocumentEntry entry = cache.getIfPresent(key);
        if (entry == null) {
          entry = parseAndValidate.apply(input);
          if (!entry.hasErrors()) {
            cache.put(key, entry);
          }
        }
        return CompletableFuture.completedFuture(entry);
      }
    };
    return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(provider));
  }
}
