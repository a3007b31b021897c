package com.jifen.ballot;

import static com.jifen.testing.AuditTrail.assertAudited;
import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.testing.IntegrationTest;
import com.jifen.testing.TestTownship;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** Anonymous ballots: codes, single use, no trace from a vote to a voter or a code, results only once closed with quorum. */
class BallotIT extends IntegrationTest {
  static final int YEAR = LocalDate.now().getYear() - 1;
  static final String OPEN = """
      mutation($input: OpenBallotInput!) { openBallot(input: $input) { ballot { id minRaters codesIssued state form } codes { code } sheet { fileName } } }""";
  static final String VOTE = "mutation($input: CastVoteInput!) { castVote(input: $input) { accepted } }";
  static final String RESULTS = """
      query($id: ID!) { ballotResults(ballotId: $id) { state quorumReached votes minRaters subjects { member { code } raters optionCounts { code value } } } }""";

  @Value("${spring.liquibase.url}") String jdbcUrl;
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

  /** Codes for the 3 members and `raters` mass representatives (seed 001); the first `raters` are returned to vote. */
  private List<String> open(int raters) {
    var opened = t.admin().document(OPEN).variable("input", Map.of("branchId", branch, "year", YEAR, "massRepresentatives", raters)).execute();
    return opened.path("openBallot.codes[*].code").entityList(String.class).get().subList(0, raters);
  }

  private Map<String, Object> vote(String code, String option) {
    return Map.of("input", Map.of("code", code, "ratings", members.stream()
        .map(m -> Map.of("subjectId", m, "option", option)).toList()));
  }

  @Test
  void aCodeVotesOnceWithoutAnAccountAndResultsComeOnlyOnceClosedWithQuorum() throws Exception {
    var opened = t.admin().document(OPEN).variable("input", Map.of("branchId", branch, "year", YEAR, "raters", 13)).execute();
    opened.path("openBallot.ballot.codesIssued").entity(Integer.class).isEqualTo(13);
    opened.path("openBallot.ballot.minRaters").entity(Integer.class).isEqualTo(10);
    opened.path("openBallot.sheet.fileName").entity(String.class).satisfies(n -> assertThat(n).endsWith(".xlsx"));
    String ballotId = opened.path("openBallot.ballot.id").entity(String.class).get();
    List<String> codes = opened.path("openBallot.codes[*].code").entityList(String.class).get();
    assertThat(new HashSet<>(codes)).hasSize(13);
    assertThat(codes).allMatch(c -> c.startsWith(t.tenant().value() + "-"));

    // the form, by code alone
    anonymous().document("query($c: String!) { ballotForm(code: $c) { form subjects { code } options { code name } } }")
        .variable("c", codes.get(0)).execute()
        .path("ballotForm.subjects[*].code").entityList(String.class).containsExactly("V1", "V2", "V3");

    anonymous().document(VOTE).variables(vote(codes.get(0), "GOOD")).execute().path("castVote.accepted").entity(Boolean.class).isEqualTo(true);
    // a spent code is answered as an unknown one (BallotGuessingIT compares the two)
    anonymous().document(VOTE).variables(vote(codes.get(0), "BAD")).execute().errors().satisfy(errors ->
        assertThat(errors).singleElement().satisfies(e -> {
          assertThat(classification(e)).isEqualTo("NOT_FOUND");
          assertThat(code(e)).isEqualTo("INVALID_CODE");
        }));
    anonymous().document(VOTE).variables(vote(t.tenant().value() + "-AAAA-BBBB-CCCC", "GOOD")).execute().errors().satisfy(errors ->
        assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("INVALID_CODE")));
    anonymous().document(VOTE).variables(vote(codes.get(1), "EXCELLENT")).execute().errors().satisfy(errors ->
        assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("UNKNOWN_OPTION")));

    // 1 vote of a minimum of 10: no results
    t.admin().document(RESULTS).variable("id", ballotId).execute()
        .path("ballotResults.quorumReached").entity(Boolean.class).isEqualTo(false)
        .path("ballotResults.subjects").entityList(Object.class).hasSize(0);
    for (int i = 1; i < 10; i++) {
      anonymous().document(VOTE).variables(vote(codes.get(i), i < 7 ? "GOOD" : "MEDIUM")).executeAndVerify();
    }
    // quorum reached, but the ballot is open: how many voted, nothing more
    t.admin().document(RESULTS).variable("id", ballotId).execute()
        .path("ballotResults.state").entity(String.class).isEqualTo("OPEN")
        .path("ballotResults.votes").entity(Integer.class).isEqualTo(10)
        .path("ballotResults.quorumReached").entity(Boolean.class).isEqualTo(false)
        .path("ballotResults.subjects").entityList(Object.class).hasSize(0);

    // closing ends it
    t.admin().document("mutation($id: ID!) { closeBallot(input: {ballotId: $id}) { ballot { state } } }").variable("id", ballotId)
        .execute().path("closeBallot.ballot.state").entity(String.class).isEqualTo("CLOSED");
    assertAudited("openBallot", t.tenant(), t.adminUsername(), branch);
    assertAudited("closeBallot", t.tenant(), t.adminUsername(), ballotId);
    anonymous().document(VOTE).variables(vote(codes.get(11), "GOOD")).execute().errors().satisfy(errors ->
        assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("BALLOT_CLOSED")));
    // closed with quorum: per member 7 GOOD and 3 MEDIUM of 10 raters
    var closed = t.admin().document(RESULTS).variable("id", ballotId).execute();
    closed.path("ballotResults.state").entity(String.class).isEqualTo("CLOSED");
    closed.path("ballotResults.quorumReached").entity(Boolean.class).isEqualTo(true);
    closed.path("ballotResults.subjects[*].raters").entityList(Integer.class).containsExactly(10, 10, 10);
    closed.path("ballotResults.subjects[0].optionCounts[?(@.code == 'GOOD')].value").entityList(String.class).containsExactly("7");
    closed.path("ballotResults.subjects[0].optionCounts[?(@.code == 'MEDIUM')].value").entityList(String.class).containsExactly("3");
    try (var c = DriverManager.getConnection(jdbcUrl, "jifen_owner", "jifen_owner")) {
      var s = c.createStatement();
      s.execute("select set_config('app.tenant_id', '" + t.tenant().value() + "', false)");
      ResultSet rs = s.executeQuery("select count(*), sum(votes) from ballot_tally");
      rs.next();
      assertThat(rs.getInt(1)).as("3 members × 3 options, chosen or not").isEqualTo(9);
      assertThat(rs.getInt(2)).as("10 votes for each of 3 members").isEqualTo(30);
    }
    // fewer raters than the scheme's minimum cannot be opened
    String other = t.createOrganization(null, t.tenant().value() + "X", "另一党委", "COMMITTEE", null);
    String otherBranch = t.createOrganization(other, t.tenant().value() + "X-01", "西村党支部", "BRANCH", "VILLAGE");
    t.createMember(otherBranch, "W1", "西村党员", "VILLAGE");
    t.admin().document(OPEN).variable("input", Map.of("branchId", otherBranch, "year", YEAR, "raters", 9)).execute()
        .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(code(e)).isEqualTo("TOO_FEW_RATERS")));
  }

  @Test
  void oneHundredRatersVotingAtOnceAreAllCountedExactlyOnce() throws Exception {
    List<String> codes = open(100);
    var pool = Executors.newFixedThreadPool(32);
    var start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (String c : codes) {
      // each code is also tried twice at once: the second attempt must be refused
      for (int attempt = 0; attempt < 2; attempt++) {
        results.add(pool.submit(() -> {
          start.await();
          var response = anonymous().document(VOTE).variables(vote(c, "GOOD")).execute();
          return response.path("castVote.accepted").entity(Boolean.class).get();
        }));
      }
    }
    start.countDown();
    int accepted = 0;
    for (var r : results) {
      try {
        if (r.get(120, TimeUnit.SECONDS)) {
          accepted++;
        }
      } catch (java.util.concurrent.ExecutionException e) {
        // a refused second attempt surfaces as a GraphQL error
      }
    }
    pool.shutdown();
    assertThat(accepted).isEqualTo(100);
    try (var c = DriverManager.getConnection(jdbcUrl, "jifen_owner", "jifen_owner")) {
      var s = c.createStatement();
      s.execute("select set_config('app.tenant_id', '" + t.tenant().value() + "', false)");
      ResultSet rs = s.executeQuery("select sum(votes) from ballot_tally where criterion = 'GOOD'");
      rs.next();
      assertThat(rs.getInt(1)).as("100 votes for each of 3 members").isEqualTo(300);
      rs = s.executeQuery("select count(*) from ballot_spent_code");
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(100);
    }
  }

  @Test
  void noTableOrColumnLinksAVoteToAVoterOrACode() throws Exception {
    try (var c = DriverManager.getConnection(jdbcUrl, "jifen_owner", "jifen_owner")) {
      Set<String> voteColumns = new HashSet<>();
      ResultSet rs = c.createStatement().executeQuery("select table_name, column_name, data_type from information_schema.columns "
          + "where table_schema = 'public' and table_name like 'ballot%' and table_name not in ('ballot', 'ballot_code', 'ballot_spent_code')");
      while (rs.next()) {
        voteColumns.add(rs.getString(2));
        assertThat(rs.getString(3)).as(rs.getString(1) + "." + rs.getString(2)).doesNotContain("timestamp");
      }
      assertThat(voteColumns).doesNotContain("code", "code_hash", "member_id", "voter", "actor", "username", "created_at", "recorded_at");
      // no foreign key from the vote tables to codes, members or accounts
      rs = c.createStatement().executeQuery("select conrelid::regclass::text, confrelid::regclass::text from pg_constraint "
          + "where contype = 'f' and conrelid::regclass::text like 'ballot%' and conrelid::regclass::text not in ('ballot', 'ballot_code', 'ballot_spent_code')");
      while (rs.next()) {
        assertThat(rs.getString(2)).as(rs.getString(1)).isIn("tenant", "ballot");
      }
      // and the spent-code table holds hashes only, with no time
      rs = c.createStatement().executeQuery("select column_name from information_schema.columns where table_name = 'ballot_spent_code'");
      Set<String> spent = new HashSet<>();
      while (rs.next()) {
        spent.add(rs.getString(1));
      }
      assertThat(spent).containsExactlyInAnyOrder("tenant_id", "code_hash");
    }
  }
}
