package com.jifen.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.testing.IntegrationTest;
import com.jifen.testing.Keycloak;
import org.junit.jupiter.api.Test;

/** Caps on request size and shape: each refused with BAD_REQUEST before any work is done. */
class LimitsIT extends IntegrationTest {

  /** Sent twice: parsed documents are cached, and a document seen before must be refused again. */
  private void assertRefused(String document, String expectedCode) {
    for (int attempt = 1; attempt <= 2; attempt++) {
      asUser("admin.qs").document(document).execute().errors().satisfy(errors -> assertThat(errors)
          .isNotEmpty()
          .allSatisfy(e -> assertThat(classification(e)).isEqualTo("BAD_REQUEST"))
          .anySatisfy(e -> assertThat(code(e)).isEqualTo(expectedCode)));
    }
  }

  @Test
  void aQueryFifteenLevelsDeepIsRefused() {
    String open = "organizations(first: 1) { edges { node { ".repeat(1) + "children { ".repeat(12);
    String doc = "{ " + open + "code" + " }".repeat(12) + " } } } }";
    assertRefused(doc, "QUERY_TOO_DEEP");
  }

  @Test
  void oneHundredAliasesAreRefused() {
    StringBuilder doc = new StringBuilder("{ ");
    for (int i = 0; i < 100; i++) {
      doc.append("a").append(i).append(": me { username } ");
    }
    assertRefused(doc.append('}').toString(), "TOO_MANY_FIELDS");
  }

  @Test
  void aTwoMegabyteDocumentIsRefused() {
    String doc = "{ me { username } }" + " ".repeat(2 * 1024 * 1024) + "# end";
    assertRefused(doc, "DOCUMENT_TOO_LARGE");
  }

  @Test
  void aBodyOverTheRequestLimitIsRefusedBeforeReading() {
    String body = "{\"query\":\"{ me { username } }\",\"variables\":{\"pad\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}}";
    http().post().uri("/graphql").header("Authorization", "Bearer " + Keycloak.token("admin.qs"))
        .header("Content-Type", "application/json").bodyValue(body)
        .exchange().expectStatus().isEqualTo(413)
        .expectBody().jsonPath("$.errors[0].extensions.classification").isEqualTo("BAD_REQUEST")
        .jsonPath("$.errors[0].extensions.code").isEqualTo("REQUEST_TOO_LARGE");
  }

  @Test
  void aSyntaxErrorIsABadRequestWithoutInternals() {
    asUser("admin.qs").document("{ me { username ").execute().errors().satisfy(errors -> assertThat(errors)
        .singleElement().satisfies(e -> {
          assertThat(classification(e)).isEqualTo("BAD_REQUEST");
          assertThat(code(e)).isEqualTo("INVALID_SYNTAX");
          assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("at com.");
        }));
  }

  @Test
  void introspectionIsOffOutsideDevelopment() {
    asUser("admin.qs").document("{ __schema { types { name } } }").execute().errors().satisfy(errors ->
        assertThat(errors).isNotEmpty().allSatisfy(e -> assertThat(classification(e)).isEqualTo("BAD_REQUEST")));
  }
}
