package com.jifen.bench;

import com.jifen.PointsPlatformApplication;
import com.jifen.demo.DemoCounty;
import com.jifen.demo.DemoLoader;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Generates the seed-002-sized county (13 townships, 181 branches, 9,263 members) and loads it through the
 * service's own path (tenant transactions, multi-row inserts, RLS on); prints the time and rows per second.
 * Run with bench/run county (it uses a fresh database, jifen_bench).
 */
public final class CountyLoadBench {
  private CountyLoadBench() {}

  /** Settings as command-line arguments: unlike default properties, they outrank application.yaml. */
  /** The service on a random port against the bench database, without the demo county: what the API benches measure. */
  static org.springframework.context.ConfigurableApplicationContext startService(String[] args) {
    return new org.springframework.boot.builder.SpringApplicationBuilder(com.jifen.PointsPlatformApplication.class)
        .web(org.springframework.boot.WebApplicationType.REACTIVE)
        .run(withArgs(args, "jifen.db.name=" + System.getProperty("jifen.db.name", "jifen_bench"),
            "jifen.demo.load=false", "server.port=0", "logging.level.root=WARN"));
  }

  /** The GraphQL endpoint of a service started by {@link #startService}. */
  static String graphqlUrl(org.springframework.context.ApplicationContext context) {
    int port = ((org.springframework.boot.web.server.context.WebServerApplicationContext) context).getWebServer().getPort();
    return "http://127.0.0.1:" + port + "/graphql";
  }

  static String[] withArgs(String[] args, String... settings) {
    // a bench service: its management port free, a ballot-code key of its own (JIFEN_BALLOT_KEY in production)
    String[] always = {"management.server.port=0", "jifen.ballot.key=bench-only-ballot-key-0123456789abcdef"};
    String[] all = java.util.Arrays.copyOf(args, args.length + always.length + settings.length);
    for (int i = 0; i < always.length; i++) {
      all[args.length + i] = "--" + always[i];
    }
    for (int i = 0; i < settings.length; i++) {
      all[args.length + always.length + i] = "--" + settings[i];
    }
    return all;
  }

  public static void main(String[] args) {
    var context = new SpringApplicationBuilder(PointsPlatformApplication.class)
        .web(WebApplicationType.REACTIVE)
        .run(withArgs(args, "jifen.db.name=" + System.getProperty("jifen.db.name", "jifen_bench"), "jifen.demo.load=false", "server.port=0",
            "logging.level.root=WARN"));
    try {
      DemoLoader loader = context.getBean(DemoLoader.class);
      long t0 = System.nanoTime();
      List<DemoCounty.Township> county = DemoCounty.fullCounty(2026);
      long t1 = System.nanoTime();
      long rows = loader.load(county).block();
      long t2 = System.nanoTime();
      int members = county.stream().mapToInt(t -> t.members().size()).sum();
      int branches = county.stream().mapToInt(t -> t.branches().size()).sum();
      double total = (t2 - t0) / 1e9;
      System.out.printf("county: %d townships, %d branches, %d members%n", county.size(), branches, members);
      System.out.printf("generation: %.3f s%n", (t1 - t0) / 1e9);
      System.out.printf("loading:    %.3f s (%d rows: organizations + members)%n",
          (t2 - t1) / 1e9, rows);
      System.out.printf("total:      %.3f s, %.0f rows/s%n", total, rows / total);
      if (rows == 0) {
        System.out.println("nothing loaded: the county was already there (bench/run county recreates the database)");
      }
    } finally {
      context.close();
    }
  }
}
