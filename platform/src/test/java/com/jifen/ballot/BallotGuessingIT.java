package com.jifen.ballot;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.testing.IntegrationTest;
import com.jifen.testing.TestTownship;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * No oracle and no fast guessing: an unknown and a spent code get one answer from castVote and ballotForm; wrong
 * codes are throttled per client address and per township (Redis buckets), and a branch voting normally never is.
 * Clients come from distinct loopback addresses (127.x.y.z), so each test has addresses of its own.
 */
class BallotGuessingIT extends IntegrationTest {
  static final int YEAR = LocalDate.now().getYear() - 1;
  static final String OPEN = "mutation($input: OpenBallotInput!) { openBallot(input: $input) { codes { code } } }";
  static final String VOTE = "mutation($input: CastVoteInput!) { castVote(input: $input) { accepted } }";
  static final String FORM = "query($c: String!) { ballotForm(code: $c) { ballotId subjects { id } } }";

  TestTownship t;
  String branch;
  List<String> members;

  @BeforeEach
  void villageBranch() {
    t = freshTownship();
    VillageBranch village = VillageBranch.in(t, 3, YEAR);
    branch = village.id();
    members = village.members();
  }

  private List<String> open(int raters) {
    return t.admin().document(OPEN).variable("input", Map.of("branchId", branch, "year", YEAR, "massRepresentatives", raters)).execute()
        .path("openBallot.codes[*].code").entityList(String.class).get().subList(0, raters);
  }

  /** A client whose connections come from its own loopback address. */
  private HttpGraphQlTester from(String address) {
    HttpClient client = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
    WebTestClient web = WebTestClient.bindToServer(new ReactorClientHttpConnector(client))
        .baseUrl("http://127.0.0.1:" + port + "/graphql").responseTimeout(Duration.ofSeconds(60)).build();
    return HttpGraphQlTester.create(web);
  }

  private static String newAddress() {
    var r = ThreadLocalRandom.current();
    return "127.%d.%d.%d".formatted(r.nextInt(1, 255), r.nextInt(0, 255), r.nextInt(1, 255));
  }

  private Map<String, Object> vote(String code) {
    return Map.of("input", Map.of("code", code, "ratings", members.stream().map(m -> Map.of("subjectId", m, "option", "GOOD")).toList()));
  }

  /** A fresh random code of the township: 60 random bits, never one of the few issued. */
  private String unknownCode() {
    return com.jifen.ballot.internal.BallotCodes.newCode(t.tenant());
  }

  private static ResponseError onlyError(HttpGraphQlTester.Response response) {
    List<ResponseError> errors = new ArrayList<>();
    response.errors().satisfy(errors::addAll);
    assertThat(errors).hasSize(1);
    return errors.getFirst();
  }

  private static void assertRefusedAsTooMany(ResponseError e) {
    assertThat(classification(e)).isEqualTo("TOO_MANY_REQUESTS");
    assertThat(code(e)).isEqualTo("TOO_MANY_REQUESTS");
    assertThat(e.getMessage()).contains("次数过多");
  }

  @Test
  void anUnknownCodeAndASpentCodeGetTheSameAnswerFromCastVoteAndBallotForm() {
    List<String> codes = open(10);
    HttpGraphQlTester client = from(newAddress());
    client.document(VOTE).variables(vote(codes.get(0))).execute().path("castVote.accepted").entity(Boolean.class).isEqualTo(true);

    ResponseError spentVote = onlyError(client.document(VOTE).variables(vote(codes.get(0))).execute());
    ResponseError unknownVote = onlyError(client.document(VOTE).variables(vote(unknownCode())).execute());
    ResponseError spentForm = onlyError(client.document(FORM).variable("c", codes.get(0)).execute());
    ResponseError unknownForm = onlyError(client.document(FORM).variable("c", unknownCode()).execute());
    for (ResponseError e : List.of(spentVote, unknownVote, spentForm, unknownForm)) {
      assertThat(code(e)).isEqualTo("INVALID_CODE");
      assertThat(classification(e)).isEqualTo("NOT_FOUND");
      assertThat(e.getMessage()).isEqualTo(spentVote.getMessage()).contains("测评码无效");
      assertThat(e.getExtensions()).isEqualTo(spentVote.getExtensions());
    }
    // a spent code no longer serves the form; an unspent one still does
    client.document(FORM).variable("c", codes.get(1)).execute().path("ballotForm.subjects").entityList(Object.class).hasSize(3);
  }

  @Test
  void twentyWrongCodesFromOneAddressAndItIsRefusedEvenWithARightCodeWhileOthersVote() {
    List<String> codes = open(10);
    HttpGraphQlTester guesser = from(newAddress());
    for (int i = 0; i < 20; i++) {
      assertThat(code(onlyError(guesser.document(VOTE).variables(vote(unknownCode())).execute()))).as("guess " + i).isEqualTo("INVALID_CODE");
    }
    assertRefusedAsTooMany(onlyError(guesser.document(VOTE).variables(vote(unknownCode())).execute()));
    assertRefusedAsTooMany(onlyError(guesser.document(FORM).variable("c", unknownCode()).execute()));
    // refused before the code is looked at: the answer to a right code says nothing either
    assertRefusedAsTooMany(onlyError(guesser.document(VOTE).variables(vote(codes.get(0))).execute()));
    // another address is not held back
    from(newAddress()).document(VOTE).variables(vote(codes.get(0))).execute().path("castVote.accepted").entity(Boolean.class).isEqualTo(true);
  }

  @Test
  void guessesSpreadOverManyAddressesAreCappedForTheTownshipTheyName() {
    List<String> codes = open(10);
    // 200 wrong codes per ten minutes for a township, refilled evenly: refused once they are used up, not before
    int guesses = 0;
    ResponseError refusal = null;
    while (refusal == null && guesses < 300) {
      HttpGraphQlTester guesser = from(newAddress());
      for (int i = 0; i < 19 && refusal == null; i++) {
        ResponseError e = onlyError(guesser.document(VOTE).variables(vote(unknownCode())).execute());
        if ("INVALID_CODE".equals(code(e))) {
          guesses++;
        } else {
          refusal = e;
        }
      }
    }
    assertThat(guesses).isGreaterThanOrEqualTo(200).isLessThan(300);
    assertRefusedAsTooMany(refusal);
    // a right code of the township, from an address that never guessed, waits too
    assertRefusedAsTooMany(onlyError(from(newAddress()).document(VOTE).variables(vote(codes.get(0))).execute()));
  }

  @Test
  void aWholeBranchVotingFromOneMeetingRoomIsNeverThrottled() {
    List<String> codes = open(60);
    HttpGraphQlTester room = from(newAddress());
    String ballotId = room.document(FORM).variable("c", codes.get(0)).execute().path("ballotForm.ballotId").entity(String.class).get();
    // a few typos (fewer than the address's allowance) and every rater pressing the button twice
    for (int i = 0; i < 5; i++) {
      assertThat(code(onlyError(room.document(FORM).variable("c", unknownCode()).execute()))).isEqualTo("INVALID_CODE");
    }
    for (String code : codes) {
      room.document(FORM).variable("c", code).execute().path("ballotForm.subjects").entityList(Object.class).hasSize(3);
      room.document(VOTE).variables(vote(code)).execute().path("castVote.accepted").entity(Boolean.class).isEqualTo(true);
      assertThat(code(onlyError(room.document(VOTE).variables(vote(code)).execute()))).isEqualTo("INVALID_CODE");
    }
    t.admin().document("query($id: ID!) { ballot(id: $id) { votes } }").variable("id", ballotId).execute()
        .path("ballot.votes").entity(Integer.class).isEqualTo(60);
  }
}
