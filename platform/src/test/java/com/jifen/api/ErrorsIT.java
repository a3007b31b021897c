package com.jifen.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.testing.IntegrationTest;
import com.jifen.testing.Keycloak;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Client mistakes get a classified error that says what to do, and cost the log one line: no stack trace, so bad
 * input cannot flood it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErrorsIT extends IntegrationTest {
  private static final String MEMBERS = "query($after: String) { members(first: 2, after: $after) { edges { node { code } } pageInfo { endCursor } } }";

  /** What the service logged since {@code from}: never a stack frame or an exception's class name. */
  private static void noTrace(CapturedOutput output, int from) {
    String logged = output.getOut().substring(from) + output.getErr();
    assertThat(logged).doesNotContain("\tat ").doesNotContain("Exception:").doesNotContain("ERROR");
  }

  @Test
  void aMalformedOrTamperedCursorIsABadRequestAndLogsNoTrace(CapturedOutput output) {
    var admin = asUser("admin.qs");
    String cursor = admin.document(MEMBERS).execute().path("members.pageInfo.endCursor").entity(String.class).get();
    int from = output.getOut().length();
    char last = cursor.charAt(cursor.length() - 1);
    String tampered = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');
    String edited = (cursor.charAt(0) == 'a' ? "b" : "a") + cursor.substring(1);
    // a keyset of this service's own shape, whose check value is not the one it would carry
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("k1;code=ZZZ&id=x".getBytes(StandardCharsets.UTF_8))
        + ".AAAAAAAA";
    // what Spring's default cursors were: JSON naming Java types, base64-encoded
    String typed = Base64.getEncoder().encodeToString("[\"java.util.LinkedHashMap\",{\"code\":\"A\"}]".getBytes(StandardCharsets.UTF_8));
    for (String bad : List.of(tampered, edited, forged, typed, "garbage", "", "%%%", "a".repeat(5000))) {
      admin.document(MEMBERS).variable("after", bad).execute().errors().satisfy(errors ->
          assertThat(errors).as(bad).singleElement().satisfies(e -> {
            assertThat(classification(e)).isEqualTo("BAD_REQUEST");
            assertThat(code(e)).isEqualTo("INVALID_CURSOR");
            assertThat(e.getMessage()).contains("游标").contains("invalid cursor");
          }));
    }
    // the genuine cursor still pages
    admin.document(MEMBERS).variable("after", cursor).execute().path("members.edges").entityList(Object.class).hasSize(2);
    noTrace(output, from);
    assertThat(output.getOut().substring(from)).contains("BAD_REQUEST INVALID_CURSOR at /members");
  }

  @Test
  void anotherTownshipsOrAnUnknownBranchIsNotFound(CapturedOutput output) {
    String foreign = asUser("admin.cg").document("{ organizations(first: 50, kind: BRANCH) { edges { node { id } } } }").execute()
        .path("organizations.edges[0].node.id").entity(String.class).get();
    int from = output.getOut().length();
    var admin = asUser("admin.qs");
    for (String branch : List.of(foreign, UUID.randomUUID().toString(), "not-an-id")) {
      admin.document("mutation($input: ConfirmMonthInput!) { confirmMonth(input: $input) { posted } }")
          .variable("input", Map.of("branchId", branch, "year", 2026, "month", 1, "idempotencyKey", "errors-" + UUID.randomUUID()))
          .execute().errors().satisfy(errors -> assertThat(errors).as(branch).singleElement()
              .satisfies(e -> assertThat(classification(e)).isEqualTo("NOT_FOUND")));
      admin.document("mutation($input: PublishMonthInput!) { publishMonth(input: $input) { sheet { publishedBy } } }")
          .variable("input", Map.of("branchId", branch, "year", 2026, "month", 1))
          .execute().errors().satisfy(errors -> assertThat(errors).as(branch).singleElement()
              .satisfies(e -> assertThat(classification(e)).isEqualTo("NOT_FOUND")));
    }
    noTrace(output, from);
  }

  private WebTestClient.BodyContentSpec classified(WebTestClient.RequestHeadersSpec<?> request, HttpStatus status,
      String classification, String code) {
    return request.exchange().expectStatus().isEqualTo(status)
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
        .expectBody()
        .jsonPath("$.errors[0].extensions.classification").isEqualTo(classification)
        .jsonPath("$.errors[0].extensions.code").isEqualTo(code)
        // Chinese for the clerk, English in brackets for the integrator
        .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).containsPattern("\\p{IsHan}").containsPattern("\\([A-Za-z ]"));
  }

  @Test
  void transportErrorsAnswerInGraphQlFormClassifiedInChineseAndEnglish(CapturedOutput output) {
    int from = output.getOut().length();
    String query = "{\"query\":\"{ me { username } }\"}";
    classified(http().post().uri("/graphql").header("Authorization", "Bearer not.a.token").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(query), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "UNAUTHORIZED");
    classified(http().get().uri("/actuator/env").header("Authorization", "Bearer " + Keycloak.token("admin.qs")),
        HttpStatus.FORBIDDEN, "FORBIDDEN", "FORBIDDEN");
    classified(http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"query\": "),
        HttpStatus.BAD_REQUEST, "BAD_REQUEST", "INVALID_REQUEST");
    classified(http().post().uri("/graphql").contentType(MediaType.TEXT_PLAIN).bodyValue("{ me { username } }"),
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "BAD_REQUEST", "UNSUPPORTED_MEDIA_TYPE");
    noTrace(output, from);
  }
}
