package io.marquee.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.testing.Cli;
import io.marquee.testing.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server in a child process, killed with SIGKILL under load, must keep every acknowledged event. */
class CrashRecoveryIT {
  private static final String KEY = "crash-key";
  @TempDir Path dataDir;

  @Test
  void kill9DuringLoad_losesNoAcknowledgedEvent() throws Exception {
    Set<String> acked = ConcurrentHashMap.newKeySet();
    int threads = 4;
    CountDownLatch enoughAcks = new CountDownLatch(60);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger failures = new AtomicInteger();
    try (ServerProcess server = ServerProcess.start(dataDir, KEY)) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        pool.submit(() -> {
          for (int b = 0; b < 100_000 && failures.get() == 0; b++) {
            StringBuilder body = new StringBuilder("{\"batch\":[");
            String[] ids = new String[50];
            for (int i = 0; i < ids.length; i++) {
              ids[i] = "c-" + thread + "-" + b + "-" + i;
              body.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"Video Content Playing\",")
                  .append("\"userId\":\"u").append(thread).append("\",\"messageId\":\"").append(ids[i])
                  .append("\",\"properties\":{\"session_id\":\"s").append(thread).append('-').append(b)
                  .append("\",\"asset_id\":\"a1\",\"position\":").append(i).append(",\"total_length\":600}}");
            }
            body.append("]}");
            try {
              HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.port + "/v1/batch"))
                  .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                      (KEY + ":").getBytes(StandardCharsets.UTF_8)))
                  .timeout(Duration.ofSeconds(30))
                  .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                  HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() == 200) {
                acked.addAll(List.of(ids));
                enoughAcks.countDown();
              }
            } catch (Exception e) {
              failures.incrementAndGet();
            }
          }
          return null;
        });
      }
      assertThat(enoughAcks.await(120, TimeUnit.SECONDS)).as("60 batches acknowledged").isTrue();
      server.kill9();
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    Set<String> ackedSnapshot = new HashSet<>(acked);
    assertThat(ackedSnapshot).hasSizeGreaterThanOrEqualTo(60 * 50);

    // sql recovers the data dir left by the killed server before it answers
    Cli ids = Cli.run("sql", "--data-dir", dataDir.toString(), "SELECT message_id FROM events");
    assertThat(ids.exitCode).as(ids.toString()).isZero();
    Set<String> stored = new HashSet<>(List.of(ids.out.split("\n")));
    stored.remove("message_id");
    assertThat(stored).containsAll(ackedSnapshot);

    Cli dupes = Cli.run("sql", "--data-dir", dataDir.toString(),
        "SELECT count(*) - count(DISTINCT message_id) AS repeated FROM events");
    assertThat(dupes.out).isEqualTo("repeated\n0\n");

    // a restarted server serves again and stops cleanly on SIGTERM
    try (ServerProcess again = ServerProcess.start(dataDir, KEY)) {
      assertThat(again.terminate()).isZero();
    }
  }

  @Test
  void oneProcessOwnsADataDir() throws Exception {
    try (ServerProcess server = ServerProcess.start(dataDir, KEY)) {
      Cli second = Cli.run("serve", "--data-dir", dataDir.toString(), "--port", "0");
      assertThat(second.exitCode).isNotZero();
      assertThat(second.err).contains("is in use by pid " + server.process.pid()).contains("marquee serve");
      Cli sql = Cli.run("sql", "--data-dir", dataDir.toString(), "SELECT 1");
      assertThat(sql.exitCode).isNotZero();
      assertThat(sql.err).contains("is in use by pid " + server.process.pid());
      assertThat(server.terminate()).isZero();
    }
    Cli sql = Cli.run("sql", "--data-dir", dataDir.toString(), "SELECT count(*) AS n FROM events");
    assertThat(sql.out).isEqualTo("n\n0\n");
    Cli write = Cli.run("sql", "--data-dir", dataDir.toString(), "DELETE FROM events");
    assertThat(write.exitCode).isNotZero();
    assertThat(write.err).contains("read-only");
  }
}
