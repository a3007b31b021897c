package com.jifen.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Serves the built console from a directory ({@code jifen.console.dir}, web/dist by default) at the service's own
 * origin, so the console calls /graphql without CORS. A GET for a path that is not a file gets index.html: the
 * console routes in history mode (/card, /sheet …). The API and actuator paths never fall back. /graphiql is the
 * console's own GraphiQL page (bundled, no CDN, signed in through Keycloak), so Spring's CDN-based one is off.
 */
@Configuration
class ConsoleFallback {
  /** Paths that belong to the service; a typo under them must stay a 404, not become the console. */
  static final List<String> SERVICE_PATHS = List.of("/graphql", "/actuator", "/operations");
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private final Path root;
  private final String authority;

  ConsoleFallback(@Value("${jifen.console.dir:web/dist}") String dir,
      @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer) {
    this.root = Path.of(dir).toAbsolutePath().normalize();
    this.authority = issuer;
  }

  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  RouterFunction<ServerResponse> consoleRoutes() {
    RequestPredicate consolePath = request -> request.method() == HttpMethod.GET && !isServicePath(request.path());
    return RouterFunctions.route()
        .GET("/console-config.json", request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
            .header(HttpHeaders.CACHE_CONTROL, "no-cache")
            .bodyValue(Map.of("authority", authority, "clientId", "points-web")))
        .GET("/graphiql", request -> page("graphiql.html"))
        .route(consolePath, this::serve)
        .build();
  }

  static boolean isServicePath(String path) {
    return SERVICE_PATHS.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
  }

  private Mono<ServerResponse> serve(ServerRequest request) {
    String relative = request.path().substring(1);
    Path file = root.resolve(relative).normalize();
    if (!relative.isEmpty() && file.startsWith(root) && Files.isRegularFile(file)) {
      FileSystemResource resource = new FileSystemResource(file);
      return ServerResponse.ok()
          .contentType(MediaTypeFactory.getMediaType(resource).orElse(MediaType.APPLICATION_OCTET_STREAM))
          // file names under assets/ carry a content hash: they never change, index.html always may
          .header(HttpHeaders.CACHE_CONTROL, relative.startsWith("assets/") ? IMMUTABLE : "no-cache")
          .bodyValue(resource);
    }
    if (relative.startsWith("assets/")) {
      // an old page asking for a chunk of an earlier build must see the 404, not HTML it would try to run
      return ServerResponse.notFound().build();
    }
    return page("index.html");
  }

  private Mono<ServerResponse> page(String name) {
    Path index = root.resolve(name);
    if (!Files.isRegularFile(index)) {
      return ServerResponse.status(HttpStatus.NOT_FOUND).contentType(new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8))
          .bodyValue("控制台尚未构建：请运行 infra/up (the web console is not built; infra/up builds it into " + root + ")");
    }
    return ServerResponse.ok().contentType(MediaType.TEXT_HTML).header(HttpHeaders.CACHE_CONTROL, "no-cache")
        .bodyValue(new FileSystemResource(index));
  }
}
