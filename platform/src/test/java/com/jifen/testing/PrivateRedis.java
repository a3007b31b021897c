package com.jifen.testing;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.GenericContainer;

/**
 * A Redis of one test class's own, which the test may stop and start to show what happens without Redis:
 * a container where Docker answers, otherwise a redis-server process on a free port.
 */
public final class PrivateRedis {
  private final int port;
  private Process process;
  private GenericContainer<?> container;

  public PrivateRedis(int port) {
    this.port = port;
  }

  public int port() {
    return container != null ? container.getMappedPort(6379) : port;
  }

  public String host() {
    return container != null ? container.getHost() : "127.0.0.1";
  }

  public synchronized void start() {
    if (Infrastructure.docker()) {
      if (container == null) {
        container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
      }
      container.start();
      return;
    }
    try {
      process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
          "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      for (int i = 0; i < 50; i++) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
          return;
        } catch (IOException e) {
          Thread.sleep(100);
        }
      }
      throw new IllegalStateException("redis-server did not start on port " + port);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("cannot start redis-server (is it installed?)", e);
    }
  }

  public synchronized void stop() {
    if (container != null) {
      container.stop();
      return;
    }
    if (process != null) {
      process.destroy();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }
}
