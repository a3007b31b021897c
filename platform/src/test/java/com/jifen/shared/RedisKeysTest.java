package com.jifen.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.cluster.SlotHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Redis Cluster readiness: every key of a township hashes to the township's slot, computed by Lettuce's own
 * cluster slot function (CRC16 of the hash tag, what a cluster client routes by), so multi-key commands over one
 * township's keys are legal on a cluster and two townships' keys never share a tag.
 */
class RedisKeysTest {
  private static final TenantId QS = new TenantId("QS");
  private static final TenantId CG = new TenantId("CG");

  /** Every ranking key one township can have: each period of a year × branch, subtree and township scope. */
  private static List<String> rankingKeys(TenantId t) {
    List<String> periods = new ArrayList<>(List.of("Q1", "Q2", "Q3", "Q4", "YP"));
    for (int m = 1; m <= 12; m++) {
      periods.add("M%02d".formatted(m));
    }
    UUID branch = UUID.randomUUID();
    UUID org = UUID.randomUUID();
    List<String> keys = new ArrayList<>();
    for (int year : new int[] {2025, 2026}) {
      for (String p : periods) {
        keys.add(RedisKeys.ranking(t, year, p, "branch:" + branch));
        keys.add(RedisKeys.ranking(t, year, p, "org:" + org));
        keys.add(RedisKeys.ranking(t, year, p, "town"));
      }
    }
    return keys;
  }

  @Test
  void everyKeyOfATownshipHashesToTheSlotOfItsTag() {
    int slot = SlotHash.getSlot("{QS}");
    List<String> keys = new ArrayList<>(rankingKeys(QS));
    keys.add(RedisKeys.ballotGuessesOfTownship("QS"));
    assertThat(keys).hasSize(17 * 3 * 2 + 1)
        .allSatisfy(k -> assertThat(SlotHash.getSlot(k)).as(k).isEqualTo(slot))
        .allSatisfy(k -> assertThat(hashTag(k)).as(k).isEqualTo("QS"));
  }

  @Test
  void townshipsHaveTagsOfTheirOwn() {
    assertThat(rankingKeys(CG)).allSatisfy(k -> assertThat(hashTag(k)).isEqualTo("CG"));
    // a tag is the whole code: QS's tag is not a prefix match of QS2's
    assertThat(hashTag(RedisKeys.ranking(new TenantId("QS2"), 2026, "M01", "town"))).isEqualTo("QS2");
    assertThat(SlotHash.getSlot(RedisKeys.ranking(QS, 2026, "M01", "town")))
        .isNotEqualTo(SlotHash.getSlot(RedisKeys.ranking(CG, 2026, "M01", "town")));
  }

  @Test
  void theScanPatternFindsOneTownshipsBoardsAndNoOthers() {
    String pattern = RedisKeys.rankingPattern(QS);
    assertThat(hashTag(pattern)).isEqualTo("QS");
    assertThat(rankingKeys(QS)).allSatisfy(k -> assertThat(globMatches(pattern, k)).as(k).isTrue());
    assertThat(rankingKeys(new TenantId("QS2"))).noneSatisfy(k -> assertThat(globMatches(pattern, k)).isTrue());
  }

  @Test
  void aBallotCodePrefixCannotBreakOutOfItsTag() {
    assertThat(RedisKeys.ballotGuessesOfTownship("?")).isEqualTo("ballot-guess:township:{?}");
    assertThatThrownBy(() -> RedisKeys.ballotGuessesOfTownship("QS}{CG")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisKeys.ballotGuessesOfTownship("qs")).isInstanceOf(IllegalArgumentException.class);
  }

  /** Every class of the service that talks to Redis builds its keys here, not from string literals of its own. */
  @Test
  void redisClientsBuildTheirKeysHere() throws IOException {
    List<String> clients;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      clients = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
        String s = read(p);
        return s.contains("org.springframework.data.redis.core") || s.contains("io.github.bucket4j.redis");
      }).map(p -> {
        String s = read(p);
        return p.getFileName() + (s.contains("RedisKeys.") ? "" : " builds keys without RedisKeys")
            + (s.matches("(?s).*\"(rank|ballot-guess):.*") ? " has a key literal of its own" : "");
      }).toList();
    }
    assertThat(clients).as("classes using Redis").contains("RankingService.java", "BallotGuessing.java")
        .allSatisfy(c -> assertThat(c).endsWith(".java"));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Redis Cluster's rule: the text between the first '{' and the next '}', when not empty; else the whole key. */
  private static String hashTag(String key) {
    int open = key.indexOf('{');
    int close = open < 0 ? -1 : key.indexOf('}', open + 1);
    return open >= 0 && close > open + 1 ? key.substring(open + 1, close) : key;
  }

  private static boolean globMatches(String pattern, String key) {
    String regex = java.util.regex.Pattern.quote(pattern.substring(0, pattern.length() - 1)) + ".*";
    return key.matches(regex);
  }
}
