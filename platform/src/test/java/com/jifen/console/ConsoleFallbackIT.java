package com.jifen.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.testing.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ConsoleFallbackIT extends IntegrationTest {
  private static final Path DIST = built();

  private static Path built() {
    try {
      Path dir = Files.createTempDirectory("console");
      Files.writeString(dir.resolve("index.html"), "<!doctype html><title>console</title>");
      Files.writeString(dir.resolve("graphiql.html"), "<!doctype html><title>GraphiQL</title>");
      Files.createDirectories(dir.resolve("assets"));
      Files.writeString(dir.resolve("assets/app-1a2b.js"), "console.log(1)");
      Files.writeString(dir.getParent().resolve("secret.txt"), "outside");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void consoleDir(DynamicPropertyRegistry registry) {
    registry.add("jifen.console.dir", DIST::toString);
  }

  @Test
  void aConsoleRouteWithoutAFileIsAnsweredWithIndexHtml() {
    http().get().uri("/card/123?year=2026").exchange().expectStatus().isOk()
        .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
        .expectBody(String.class).value(body -> assertThat(body).contains("<title>console</title>"));
  }

  @Test
  void graphiqlIsTheConsolesBundledPage() {
    http().get().uri("/graphiql").exchange().expectStatus().isOk()
        .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
        .expectBody(String.class).value(body -> assertThat(body).contains("<title>GraphiQL</title>"));
  }

  @Test
  void hashedAssetsAreServedAsFilesAndCachedForever() {
    http().get().uri("/assets/app-1a2b.js").exchange().expectStatus().isOk()
        .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable")
        .expectBody(String.class).isEqualTo("console.log(1)");
  }

  @Test
  void aMissingAssetIsNotFoundRatherThanTheIndex() {
    http().get().uri("/assets/old-chunk.js").exchange().expectStatus().isNotFound();
  }

  @Test
  void serviceAndActuatorPathsNeverFallBackToTheConsole() {
    http().get().uri("/actuator/nothing-here").exchange().expectStatus().value(s -> assertThat(s).isIn(401, 403, 404));
    http().get().uri("/graphql/anything").exchange().expectStatus().value(s -> assertThat(s).isIn(401, 403, 404, 405));
    anonymous().document("{ me { username } }").execute().errors()
        .satisfy(errors -> assertThat(errors).extracting(IntegrationTest::classification).containsOnly("UNAUTHORIZED"));
  }

  @Test
  void filesOutsideTheConsoleDirectoryAreNotServed() {
    http().get().uri("/../secret.txt").exchange().expectBody(String.class)
        .value(body -> assertThat(String.valueOf(body)).doesNotContain("outside"));
    http().get().uri("/%2e%2e/secret.txt").exchange().expectBody(String.class)
        .value(body -> assertThat(String.valueOf(body)).doesNotContain("outside"));
  }

  @Test
  void theConsoleLearnsItsKeycloakRealmFromTheService() {
    http().get().uri("/console-config.json").exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.clientId").isEqualTo("points-web")
        .jsonPath("$.authority").value(a -> assertThat((String) a).endsWith("/realms/jifen"));
  }
}
