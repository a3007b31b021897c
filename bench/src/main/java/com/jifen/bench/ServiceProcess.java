package com.jifen.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged service started as production starts it, in a process of its own (so its resident size is the
 * service's alone, not the bench client's), until its readiness probe answers UP.
 */
final class ServiceProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final Process process;
  final int port;
  final double readySeconds;
  final Path log;

  private ServiceProcess(Process process, int port, double readySeconds, Path log) {
    this.process = process;
    this.port = port;
    this.readySeconds = readySeconds;
    this.log = log;
  }

  /** javaArgs: JVM flags and "-jar …"; env: extra environment (the database name, Redis port …). */
  static ServiceProcess start(List<String> javaArgs, Map<String, String> env, int readyTimeoutSeconds) throws Exception {
    int port = freePort();
    int management = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaArgs);
    var pb = new ProcessBuilder(command);
    pb.environment().putAll(Map.of("APP_PORT", String.valueOf(port), "JIFEN_MANAGEMENT_PORT", String.valueOf(management),
        "JIFEN_DEMO_LOAD", "false", "JIFEN_BALLOT_KEY", "bench-only-ballot-key-0123456789abcdef"));
    pb.environment().putAll(env);
    Path log = Files.createTempFile("jifen-service", ".log");
    long t0 = System.nanoTime();
    Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/actuator/health/readiness"))
        .timeout(Duration.ofSeconds(2)).build();
    while ((System.nanoTime() - t0) / 1e9 < readyTimeoutSeconds) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the service exited; log: " + log);
      }
      try {
        if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return new ServiceProcess(p, port, (System.nanoTime() - t0) / 1e9, log);
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    p.destroy();
    throw new IllegalStateException("not ready after " + readyTimeoutSeconds + " s; log: " + log);
  }

  String graphqlUrl() {
    return "http://127.0.0.1:" + port + "/graphql";
  }

  long rssKb() throws Exception {
    return rssKb(process.pid());
  }

  static long rssKb(long pid) throws Exception {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
        .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
  }

  /** The packaged jar (platform/target/…-exec.jar under -Dbench.root) with infra/up's JVM flags. */
  static List<String> packagedJar() throws java.io.IOException {
    List<String> java = new ArrayList<>(jvmOpts());
    java.addAll(List.of("-jar", execJar().toString()));
    return java;
  }

  /** The service's executable jar, as the build left it under platform/target. */
  static Path execJar() throws java.io.IOException {
    try (var files = Files.list(Path.of(System.getProperty("bench.root", ".")).resolve("platform/target"))) {
      return files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst().orElseThrow();
    }
  }

  /** JVM flags from bench/run (infra/lib.sh's JIFEN_JVM_OPTS, what infra/up starts the service with). */
  static List<String> jvmOpts() {
    String opts = System.getProperty("bench.jvmOpts", "").trim();
    return opts.isEmpty() ? List.of() : List.of(opts.split("\\s+"));
  }

  private static int freePort() throws java.io.IOException {
    try (var s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
