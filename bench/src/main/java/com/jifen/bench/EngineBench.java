package com.jifen.bench;

import com.jifen.scheme.ShippedSchemes;
import com.jifen.scheme.config.SchemeLoader;
import com.jifen.scheme.engine.Results.SubjectYearResult;
import com.jifen.scheme.engine.ScoringEngine;
import com.jifen.scheme.engine.SubjectYear;
import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * S1 member-year computations per second on one thread: 12 months × 10 items of monthly scores, a ballot of
 * 10–15 raters (tallied per item), adjustments on a few members. Run with bench/run engine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class EngineBench {
  private ScoringEngine engine;
  private SubjectYear[] members;
  private int next;

  @Setup
  public void setUp() {
    String yaml = ShippedSchemes.yamlByCode().get("S1-ten-item-star-rating");
    engine = new ScoringEngine(SchemeLoader.load("s1.yaml", yaml));
    SplittableRandom random = new SplittableRandom(2026);
    members = new SubjectYear[1024];
    BigDecimal[] scores = new BigDecimal[11];
    for (int i = 0; i <= 10; i++) {
      scores[i] = BigDecimal.valueOf(i);
    }
    for (int m = 0; m < members.length; m++) {
      BigDecimal[][] monthly = new BigDecimal[12][10];
      for (int month = 0; month < 12; month++) {
        for (int item = 0; item < 10; item++) {
          monthly[month][item] = scores[4 + random.nextInt(7)];
        }
      }
      int raters = 10 + random.nextInt(6);
      BigDecimal[] sums = new BigDecimal[10];
      for (int item = 0; item < 10; item++) {
        int sum = 0;
        for (int r = 0; r < raters; r++) {
          sum += 5 + random.nextInt(6);
        }
        sums[item] = BigDecimal.valueOf(sum);
      }
      List<SubjectYear.Adjustment> adjustments = m % 10 == 0
          ? List.of(new SubjectYear.Adjustment("AWARD", "COUNTY"), new SubjectYear.Adjustment("CRITICISM", "UNIT"))
          : List.of();
      members[m] = SubjectYear.ofMonthly("M" + m, monthly, SubjectYear.BallotTally.ofItemSums(raters, sums), adjustments);
    }
  }

  @Benchmark
  public SubjectYearResult memberYear() {
    SubjectYear input = members[next];
    next = (next + 1) & (members.length - 1);
    return engine.subjectYear(input);
  }
}
