package com.jifen.ballot;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.ballot.internal.BallotCodeHash;
import com.jifen.testing.IntegrationTest;
import com.jifen.testing.TestTownship;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Ballot secrecy against whoever can read the database (README, Security): 24 votes with distinct choices are cast,
 * then the test plays the database owner and tries to link a spent code to its vote through what PostgreSQL
 * records: transaction ids (xmin), physical order (ctid), timestamps, id order, insertion order, and a pg_dump.
 * The test knows the key, so it knows which spent row is which code and what that code chose; no attack may tell
 * more about a code's choice than the published totals tell about everyone's.
 */
class BallotSecrecyIT extends IntegrationTest {
  static final int YEAR = LocalDate.now().getYear() - 1;
  static final int VOTES = 24;
  static final List<String> OPTIONS = List.of("GOOD", "MEDIUM", "BAD");

  @Value("${spring.liquibase.url}") String jdbcUrl;
  @Autowired BallotCodeHash codeHash;

  record Cast(String code, String hash, List<String> choice) {}

  @Test
  void nothingStoredLinksASpentCodeToTheChoiceItVotedFor() throws Exception {
    TestTownship t = freshTownship();
    VillageBranch village = VillageBranch.in(t, 4, YEAR);
    String branch = village.id();
    List<String> members = village.members();
    var opened = t.admin().document("mutation($input: OpenBallotInput!) { openBallot(input: $input) { ballot { id } codes { code } } }")
        .variable("input", Map.of("branchId", branch, "year", YEAR, "raters", VOTES)).execute();
    String ballotId = opened.path("openBallot.ballot.id").entity(String.class).get();
    List<String> codes = opened.path("openBallot.codes[*].code").entityList(String.class).get();

    // 24 distinct choices of 81 (one option for each of 4 members), cast in an order unrelated to the printed sheet
    List<Integer> choices = new ArrayList<>();
    for (int i = 0; i < 81; i++) {
      choices.add(i);
    }
    Collections.shuffle(choices, new Random(20261204));
    List<Cast> casts = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < VOTES; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(7));
    for (int k = 0; k < VOTES; k++) {
      String code = codes.get(order.get(k));
      int c = choices.get(k);
      List<String> choice = List.of(OPTIONS.get(c % 3), OPTIONS.get(c / 3 % 3), OPTIONS.get(c / 9 % 3), OPTIONS.get(c / 27 % 3));
      List<Map<String, Object>> ratings = new ArrayList<>();
      for (int m = 0; m < 4; m++) {
        ratings.add(Map.of("subjectId", members.get(m), "option", choice.get(m)));
      }
      anonymous().document("mutation($input: CastVoteInput!) { castVote(input: $input) { accepted } }")
          .variable("input", Map.of("code", code, "ratings", ratings)).execute()
          .path("castVote.accepted").entity(Boolean.class).isEqualTo(true);
      casts.add(new Cast(code, codeHash.of(t.tenant(), code), choice));
    }
    Set<String> choiceWords = new HashSet<>(OPTIONS);

    try (Connection c = DriverManager.getConnection(jdbcUrl, "jifen_owner", "jifen_owner")) {
      c.createStatement().execute("select set_config('app.tenant_id', '" + t.tenant().value() + "', false)");

      // xmin: every row of every table, by the transaction that wrote it
      Map<String, List<String>> rowsByXmin = new HashMap<>();
      ResultSet tables = c.createStatement().executeQuery(
          "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'");
      List<String> names = new ArrayList<>();
      while (tables.next()) {
        names.add(tables.getString(1));
      }
      for (String table : names) {
        ResultSet rs = c.createStatement().executeQuery("select xmin::text, row_to_json(x)::text from " + table + " x");
        while (rs.next()) {
          rowsByXmin.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(table + " " + rs.getString(2));
        }
      }
      Map<String, String> spentXmin = new HashMap<>();
      ResultSet spent = c.createStatement().executeQuery("select code_hash, xmin::text from ballot_spent_code");
      while (spent.next()) {
        spentXmin.put(spent.getString(1), spent.getString(2));
      }
      assertThat(spentXmin).hasSize(VOTES);
      List<String> tally = query(c, "select subject_id || ' ' || criterion from ballot_tally where ballot_id = '" + ballotId + "' order by ctid");
      assertThat(tally).as("every member × every option, chosen or not").hasSize(4 * OPTIONS.size());
      assertThat(query(c, "select distinct xmin::text from ballot_tally where ballot_id = '" + ballotId + "'"))
          .as("every vote rewrote every tally row: one transaction id on all of them").hasSize(1);
      int predictions = 0;
      for (Cast cast : casts) {
        List<String> sameTransaction = new ArrayList<>(rowsByXmin.getOrDefault(spentXmin.get(cast.hash()), List.of()));
        sameTransaction.removeIf(r -> r.startsWith("ballot_spent_code "));
        List<String> tallyRows = sameTransaction.stream().filter(r -> r.startsWith("ballot_tally ")).toList();
        assertThat(tallyRows.size()).as("the tally rows a vote's transaction left: none or all").isIn(0, tally.size());
        for (String row : sameTransaction) {
          if (!row.startsWith("ballot_tally ")) {
            // anything else written with a vote (an audit row, say) names no member and no choice
            assertThat(members).as(row).noneMatch(row::contains);
            assertThat(choiceWords).as(row).noneMatch(row::contains);
          }
        }
        // the attack: a member for whom exactly one option's row shares the code's transaction was given that option
        for (String member : members) {
          if (tallyRows.stream().filter(r -> r.contains(member)).count() == 1) {
            predictions++;
          }
        }
      }
      assertThat(predictions).as("choices the xmin join attributes to a code").isZero();

      // ctid and insertion order: on each heap page the tally's rows lie in key order, as the first vote created them
      // all at once and every vote rewrites them in an order that is not the choices'; a row version that no longer
      // fits its page goes wherever PostgreSQL's free-space map finds room, which is where one page ends and the next
      // begins, not a choice
      Map<String, List<String>> byPage = new LinkedHashMap<>();
      for (String row : query(c, "select split_part(trim(both '()' from ctid::text), ',', 1) || ' ' || subject_id || ' ' "
          + "|| criterion from ballot_tally where ballot_id = '" + ballotId + "' order by ctid")) {
        byPage.computeIfAbsent(row.substring(0, row.indexOf(' ')), p -> new ArrayList<>()).add(row.substring(row.indexOf(' ') + 1));
      }
      byPage.forEach((page, rows) -> {
        List<String> keyOrder = new ArrayList<>(rows);
        keyOrder.sort(null);
        assertThat(rows).as("tally rows in physical order on heap page " + page).containsExactlyElementsOf(keyOrder);
      });
      // the codes lie in the order of their keyed hashes, not the order of the printed sheet
      List<String> physical = query(c, "select code_hash from ballot_code where ballot_id = '" + ballotId + "' order by ctid");
      List<String> sheet = codes.stream().map(code -> codeHash.of(t.tenant(), code)).toList();
      int samePlace = 0;
      for (int i = 0; i < VOTES; i++) {
        samePlace += physical.get(i).equals(sheet.get(i)) ? 1 : 0;
      }
      assertThat(physical).isSorted();
      assertThat(samePlace).as("codes in the same place on the sheet and on disk").isLessThan(VOTES / 3);

      // timestamps and ids: no time, date or generated id on the spent codes or the tally
      List<String> columns = query(c, "select table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(column_default, '') "
          + "from information_schema.columns where table_schema = 'public' and table_name in ('ballot_spent_code', 'ballot_tally', 'ballot_code')");
      assertThat(columns).noneMatch(col -> col.contains("time") || col.contains("date") || col.contains("nextval") || col.contains("gen_random"));
      assertThat(query(c, "select column_name from information_schema.columns where table_name = 'ballot_spent_code'"))
          .containsExactlyInAnyOrder("tenant_id", "code_hash");
      assertThat(query(c, "select table_name from information_schema.tables where table_schema = 'public' and table_name like 'ballot%'"))
          .as("no table of votes or ballot papers").containsExactlyInAnyOrder("ballot", "ballot_code", "ballot_spent_code", "ballot_tally");
      assertThat(query(c, "show track_commit_timestamp")).as("no commit time behind an xmin").containsExactly("off");
    }

    // a pg_dump of the ballot tables holds the totals, never a row per vote
    if (onPath("pg_dump")) {
      var url = java.net.URI.create(jdbcUrl.substring("jdbc:".length()));
      ProcessBuilder pb = new ProcessBuilder("pg_dump", "--data-only", "--enable-row-security", "-h", url.getHost(), "-p",
          String.valueOf(url.getPort()), "-U", "jifen_owner", "-t", "ballot*", url.getPath().substring(1));
      pb.environment().put("PGPASSWORD", "jifen_owner");
      pb.environment().put("PGOPTIONS", "-c app.tenant_id=" + t.tenant().value());
      pb.redirectErrorStream(true);
      Process p = pb.start();
      String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(dump).isZero();
      List<String> lines = dump.lines().filter(l -> members.stream().anyMatch(l::contains)).toList();
      assertThat(lines).as("lines naming a member: the tally's, 4 members × 3 options").hasSize(4 * OPTIONS.size());
      for (String line : lines) {
        assertThat(casts).noneMatch(cast -> line.contains(cast.hash()));
      }
      assertThat(dump.lines().filter(l -> casts.stream().anyMatch(cast -> l.contains(cast.hash()))).count())
          .as("each spent code in the codes and the spent codes, nowhere else").isEqualTo(2L * VOTES);
    }
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, program).canExecute()) {
        return true;
      }
    }
    return false;
  }

  private static List<String> query(Connection c, String sql) throws Exception {
    List<String> values = new ArrayList<>();
    ResultSet rs = c.createStatement().executeQuery(sql);
    while (rs.next()) {
      values.add(rs.getString(1));
    }
    return values;
  }
}
