package com.jifen.ballot;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.scheme.engine.SeedSchemes;
import com.jifen.testing.IntegrationTest;
import com.jifen.testing.Keycloak;
import com.jifen.testing.TestTownship;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ballots page's list: a branch's ballots, open and closed, with codes spent, for its secretary and the township admin. */
class BranchBallotsIT extends IntegrationTest {
  static final int THIS_YEAR = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
  static final int LAST_YEAR = THIS_YEAR - 1;
  static final String OPEN = "mutation($input: OpenBallotInput!) { openBallot(input: $input) { ballot { id } codes { code } } }";
  static final String LIST = """
      query($b: ID!) { branchBallots(branchId: $b) { id year state codesIssued votes minRaters massRepresentatives openedBy closedAt } }""";

  TestTownship t;
  String branch;
  String otherBranch;
  List<String> members;

  @BeforeEach
  void twoVillageBranches() {
    t = freshTownship();
    String code = t.tenant().value();
    String committee = t.createOrganization(null, code, "测试镇党委", "COMMITTEE", null);
    branch = t.createOrganization(committee, code + "-01", "东村党支部", "BRANCH", "VILLAGE");
    otherBranch = t.createOrganization(committee, code + "-02", "西村党支部", "BRANCH", "VILLAGE");
    members = List.of(t.createMember(branch, "V1", "村党员1", "VILLAGE"), t.createMember(branch, "V2", "村党员2", "VILLAGE"),
        t.createMember(branch, "V3", "村党员3", "VILLAGE"));
    t.createMember(otherBranch, "W1", "西村党员1", "VILLAGE");
    t.publishAndPin(SeedSchemes.text(SeedSchemes.S2), LAST_YEAR, "VILLAGE");
    t.publishAndPin(SeedSchemes.text(SeedSchemes.S2), THIS_YEAR, "VILLAGE");
  }

  private List<String> open(int year) {
    return t.admin().document(OPEN).variable("input", Map.of("branchId", branch, "year", year, "massRepresentatives", 10)).execute()
        .path("openBallot.codes[*].code").entityList(String.class).get();
  }

  private void vote(String code) {
    anonymous().document("mutation($input: CastVoteInput!) { castVote(input: $input) { accepted } }")
        .variable("input", Map.of("code", code, "ratings", members.stream().map(m -> Map.of("subjectId", m, "option", "GOOD")).toList()))
        .executeAndVerify();
  }

  @Test
  void theTownshipAdminListsABranchsOpenAndClosedBallotsNewestFirstWithCodesSpent() {
    List<String> lastYear = open(LAST_YEAR);
    lastYear.subList(0, 3).forEach(this::vote);
    String closedId = t.admin().document("{ branchBallots(branchId: \"" + branch + "\") { id } }").execute()
        .path("branchBallots[0].id").entity(String.class).get();
    t.admin().document("mutation($id: ID!) { closeBallot(input: {ballotId: $id}) { ballot { state } } }").variable("id", closedId).executeAndVerify();
    List<String> thisYear = open(THIS_YEAR);
    vote(thisYear.getFirst());

    var list = t.admin().document(LIST).variable("b", branch).execute();
    list.path("branchBallots[*].year").entityList(Integer.class).containsExactly(THIS_YEAR, LAST_YEAR);
    list.path("branchBallots[*].state").entityList(String.class).containsExactly("OPEN", "CLOSED");
    // 3 members + 10 mass representatives each; spent codes counted, and nothing names a voter
    list.path("branchBallots[*].codesIssued").entityList(Integer.class).containsExactly(13, 13);
    list.path("branchBallots[*].massRepresentatives").entityList(Integer.class).containsExactly(10, 10);
    list.path("branchBallots[*].votes").entityList(Integer.class).containsExactly(1, 3);
    list.path("branchBallots[0].closedAt").valueIsNull();
    list.path("branchBallots[1].id").entity(String.class).isEqualTo(closedId);
    list.path("branchBallots[1].closedAt").entity(String.class).satisfies(at -> assertThat(at).isNotBlank());
    list.path("branchBallots[*].openedBy").entityList(String.class).containsExactly(t.adminUsername(), t.adminUsername());

    t.admin().document(LIST).variable("b", otherBranch).execute().path("branchBallots").entityList(Object.class).hasSize(0);
  }

  @Test
  void theBranchsSecretaryListsItsBallotsAndTheSecretaryOfAnotherBranchIsRefused() {
    open(THIS_YEAR);
    String code = t.tenant().value();
    String own = Keycloak.createUser(("sec1." + code).toLowerCase(), code, List.of("branch-secretary", "member"), code + "-01", null);
    String other = Keycloak.createUser(("sec2." + code).toLowerCase(), code, List.of("branch-secretary", "member"), code + "-02", null);

    as(own).document(LIST).variable("b", branch).execute().path("branchBallots[*].year").entityList(Integer.class).containsExactly(THIS_YEAR);
    as(other).document(LIST).variable("b", branch).execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
      assertThat(classification(e)).isEqualTo("FORBIDDEN");
      assertThat(e.getMessage()).contains("只有本支部书记或乡镇管理员可以查看本支部的测评");
    }));
    as(other).document(LIST).variable("b", otherBranch).execute().path("branchBallots").entityList(Object.class).hasSize(0);
  }

  @Test
  void aMalformedBranchIdIsNotFound() {
    t.admin().document(LIST).variable("b", "not-a-branch").execute().errors().satisfy(errors ->
        assertThat(errors).singleElement().satisfies(e -> assertThat(classification(e)).isEqualTo("NOT_FOUND")));
  }
}
