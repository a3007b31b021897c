package com.jifen.tenancy;

import static com.jifen.testing.AuditTrail.assertAudited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jifen.PointsPlatformApplication;
import com.jifen.testing.IntegrationTest;
import com.jifen.testing.Keycloak;
import com.jifen.testing.TestTownship;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 17: reads keep the directory (member names, the township's ranking visibility, who may see what) in each
 * instance's memory, and a write that changes it is seen by the very next read, on the instance that wrote it and
 * on a second instance of the service against the same database. The cache is shown to be in use first: a change
 * made behind its back (with PostgreSQL's triggers switched off for that session) is not seen until a real write.
 */
class DirectoryCacheIT extends IntegrationTest {
  static final int YEAR = LocalDate.now().getYear() - 1;
  static ConfigurableApplicationContext second;

  @Autowired Environment environment;
  @Autowired DirectoryCache cache;

  private static final String RANKING = """
      query($input: RankingInput!) { ranking(input: $input) { entries { memberCode memberName } me { memberCode memberName } } }""";

  /**
   * The second instance shares this JVM with the suite's own context, so it must leave the JVM's shared state alone:
   * no logging listener (it would set levels on, and at close clean up, the one logback context every test logs to),
   * and no close after this class (closing disposes Reactor Netty's global event loops, which the suite's servers run
   * on). Its shutdown hook closes it when the JVM ends.
   */
  @BeforeEach
  void secondInstance() {
    if (second == null) {
      SpringApplicationBuilder builder = new SpringApplicationBuilder(PointsPlatformApplication.class).web(WebApplicationType.REACTIVE);
      builder.application().setListeners(builder.application().getListeners().stream()
          .filter(listener -> !(listener instanceof LoggingApplicationListener)).toList());
      second = builder.run(
          "--server.port=0", "--management.server.port=0", "--jifen.demo.load=false",
          "--jifen.db.host=" + environment.getProperty("jifen.db.host"), "--jifen.db.port=" + environment.getProperty("jifen.db.port"),
          "--jifen.db.name=" + environment.getProperty("jifen.db.name"),
          "--spring.data.redis.host=" + environment.getProperty("spring.data.redis.host"),
          "--spring.data.redis.port=" + environment.getProperty("spring.data.redis.port"),
          "--jifen.ballot.key=" + environment.getProperty("jifen.ballot.key"));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> cache.live() && second.getBean(DirectoryCache.class).live());
  }

  private HttpGraphQlTester onSecond(String token) {
    int port = ((WebServerApplicationContext) second).getWebServer().getPort();
    return HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port + "/graphql")
        .responseTimeout(Duration.ofSeconds(60)).build()).mutate().header("Authorization", "Bearer " + token).build();
  }

  private static List<String> names(HttpGraphQlTester client, Map<String, Object> input) {
    return client.document(RANKING).variable("input", input).execute().path("ranking.entries[*].memberName").entityList(String.class).get();
  }

  private Connection superuser() throws Exception {
    return DriverManager.getConnection(environment.getProperty("spring.liquibase.url"), "postgres", "");
  }

  @Test
  void aRenamedMemberIsSeenAtOnceOnBothInstances() throws Exception {
    TestTownship t = freshTownship();
    String code = t.tenant().value();
    String committee = t.createOrganization(null, code, "测试镇党委", "COMMITTEE", null);
    String branch = t.createOrganization(committee, code + "-01", "党政办党支部", "BRANCH", "ORGAN");
    String first = t.createMember(branch, "D1", "张一", "ORGAN");
    t.createMember(branch, "D2", "张二", "ORGAN");
    t.admin().document("mutation { updateTownship(input: {rankingVisibility: PUBLIC}) { township { rankingVisibility } } }").executeAndVerify();
    String member = Keycloak.createUser(("dc." + code).toLowerCase(), code, List.of("member"), null, "D2");
    Map<String, Object> town = Map.of("period", "MONTH", "year", YEAR, "index", 1, "scope", "TOWNSHIP");
    Map<String, Object> ofBranch = Map.of("period", "MONTH", "year", YEAR, "index", 1, "scope", "BRANCH", "scopeId", branch);
    for (int i = 0; i < 2; i++) { // the second read of each is served from the cache
      assertThat(names(as(member), town)).contains("张一");
      assertThat(names(onSecond(member), ofBranch)).contains("张一");
    }
    as(member).document("{ me { member { name } } }").execute().path("me.member.name").entity(String.class).isEqualTo("张二");

    // behind the cache's back: the same session with its triggers off sends no notification, so both instances keep
    // answering with the name they cached (this is what proves the reads come from the cache)
    try (Connection c = superuser()) {
      c.createStatement().execute("set session_replication_role = replica");
      c.createStatement().execute("update member set name = '暗改' where tenant_id = '" + code + "' and member_id = '" + first + "'");
      c.createStatement().execute("update member set name = '暗改二' where tenant_id = '" + code + "' and code = 'D2'");
    }
    assertThat(names(as(member), town)).contains("张一").doesNotContain("暗改");
    assertThat(names(onSecond(member), ofBranch)).contains("张一").doesNotContain("暗改");
    as(member).document("{ me { member { name } } }").execute().path("me.member.name").entity(String.class).isEqualTo("张二");

    // a real rename through the API on the first instance: the next read on either instance has the new name
    int version = t.admin().document("query($id: ID!) { member(id: $id) { version } }").variable("id", first).execute()
        .path("member.version").entity(Integer.class).get();
    t.admin().document("mutation($input: UpdateMemberInput!) { updateMember(input: $input) { member { name } } }")
        .variable("input", Map.of("id", first, "version", version, "name", "李一")).execute()
        .path("updateMember.member.name").entity(String.class).isEqualTo("李一");
    assertAudited("updateMember", t.tenant(), t.adminUsername(), first);
    assertThat(names(as(member), town)).contains("李一").doesNotContain("张一");
    assertThat(names(onSecond(member), ofBranch)).contains("李一").doesNotContain("张一");
    as(member).document("{ me { member { name } } }").execute().path("me.member.name").entity(String.class).isEqualTo("暗改二");
    onSecond(member).document("{ me { member { name } } }").execute().path("me.member.name").entity(String.class).isEqualTo("暗改二");

    // a write outside the API (SQL, an import tool): PostgreSQL's notification reaches both instances
    try (Connection c = superuser()) {
      c.createStatement().execute("update member set name = '王一' where tenant_id = '" + code + "' and member_id = '" + first + "'");
    }
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(names(as(member), town)).contains("王一");
      assertThat(names(onSecond(member), ofBranch)).contains("王一");
    });
  }

  @Test
  void aChangedVisibilityIsSeenAtOnceOnBothInstances() {
    TestTownship t = freshTownship();
    String code = t.tenant().value();
    String committee = t.createOrganization(null, code, "测试镇党委", "COMMITTEE", null);
    String branch = t.createOrganization(committee, code + "-01", "党政办党支部", "BRANCH", "ORGAN");
    t.createMember(branch, "V1", "赵一", "ORGAN");
    t.createMember(branch, "V2", "赵二", "ORGAN");
    String member = Keycloak.createUser(("dv." + code).toLowerCase(), code, List.of("member"), null, "V2");
    Map<String, Object> town = Map.of("period", "MONTH", "year", YEAR, "index", 1, "scope", "TOWNSHIP");
    t.admin().document("mutation { updateTownship(input: {rankingVisibility: PUBLIC}) { township { rankingVisibility } } }").executeAndVerify();
    for (int i = 0; i < 2; i++) {
      assertThat(names(as(member), town)).containsExactlyInAnyOrder("赵一", "赵二");
      assertThat(names(onSecond(member), town)).containsExactlyInAnyOrder("赵一", "赵二");
      as(member).document("{ me { township { rankingVisibility } } }").execute()
          .path("me.township.rankingVisibility").entity(String.class).isEqualTo("PUBLIC");
    }

    // SELF: members see only their own rank, from the very next read, on either instance
    t.admin().document("mutation { updateTownship(input: {rankingVisibility: SELF}) { township { rankingVisibility } } }").executeAndVerify();
    assertAudited("updateTownship", t.tenant(), t.adminUsername(), code);
    for (HttpGraphQlTester client : List.of(as(member), onSecond(member))) {
      var selfOnly = client.document(RANKING).variable("input", town).execute();
      selfOnly.path("ranking.entries").entityList(Object.class).hasSize(0);
      selfOnly.path("ranking.me.memberName").entity(String.class).isEqualTo("赵二");
      client.document("{ me { township { rankingVisibility } } }").execute()
          .path("me.township.rankingVisibility").entity(String.class).isEqualTo("SELF");
    }

    // and back: the list returns at once
    t.admin().document("mutation { updateTownship(input: {rankingVisibility: PUBLIC}) { township { rankingVisibility } } }").executeAndVerify();
    assertThat(names(onSecond(member), town)).containsExactlyInAnyOrder("赵一", "赵二");
    assertThat(names(as(member), town)).containsExactlyInAnyOrder("赵一", "赵二");
  }

  @Test
  void aPostedEntryIsOnTheCardAtOnceOnBothInstances() {
    TestTownship t = freshTownship();
    String code = t.tenant().value();
    String village = t.createOrganization(null, code + "V", "村党委", "COMMITTEE", null);
    String branch = t.createOrganization(village, code + "V-01", "东村党支部", "BRANCH", "VILLAGE");
    String id = t.createMember(branch, "C1", "钱一", "VILLAGE");
    t.publishAndPin(com.jifen.scheme.engine.SeedSchemes.text(com.jifen.scheme.engine.SeedSchemes.S2), YEAR, "VILLAGE");
    String member = Keycloak.createUser(("dk." + code).toLowerCase(), code, List.of("member"), null, "C1");
    String card = "query($id: ID!, $y: Int!) { memberCard(memberId: $id, year: $y) { yearTotal member { name } } }";
    for (int i = 0; i < 2; i++) {
      as(member).document(card).variable("id", id).variable("y", YEAR).execute().path("memberCard.yearTotal").entity(Double.class).isEqualTo(0.0);
      onSecond(member).document(card).variable("id", id).variable("y", YEAR).execute().path("memberCard.yearTotal").entity(Double.class).isEqualTo(0.0);
    }
    t.admin().document("mutation($input: PostEntryInput!) { postEntry(input: $input) { entry { id } } }")
        .variable("input", Map.of("memberId", id, "kind", "ACHIEVEMENT", "points", "3", "occurredOn", YEAR + "-05-10",
            "reason", "带领群众修路", "idempotencyKey", "card-cache-" + code)).executeAndVerify();
    assertAudited("postEntry", t.tenant(), t.adminUsername(), id);
    as(member).document(card).variable("id", id).variable("y", YEAR).execute().path("memberCard.yearTotal").entity(Double.class).isEqualTo(3.0);
    onSecond(member).document(card).variable("id", id).variable("y", YEAR).execute().path("memberCard.yearTotal").entity(Double.class).isEqualTo(3.0);
  }
}
