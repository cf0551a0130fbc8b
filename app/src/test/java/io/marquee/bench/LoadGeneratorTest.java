package io.marquee.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The load generator against an in-test collector stand-in on a loopback port. */
class LoadGeneratorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "test-key";

  private HttpServer server;
  private ExecutorService executor;
  private final AtomicInteger requests = new AtomicInteger();

  /** messageIds of each request, in arrival order, including refused ones. */
  private final List<List<String>> received = Collections.synchronizedList(new ArrayList<>());

  /** How the stand-in answers request number {@code n} (from 0). */
  private interface Answer {
    void respond(int n, HttpExchange exchange, int messages) throws IOException;
  }

  private int start(Answer answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext(
        "/v1/batch",
        exchange -> {
          int n = requests.getAndIncrement();
          try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (!("Basic dGVzdC1rZXk6").equals(auth)) { // base64("test-key:")
              send(exchange, 401, "{\"error\":\"bad write key\"}", true);
              return;
            }
            JsonNode batch = JSON.readTree(exchange.getRequestBody()).get("batch");
            List<String> ids = new ArrayList<>();
            batch.forEach(m -> ids.add(m.get("messageId").asText()));
            received.add(ids);
            answer.respond(n, exchange, batch.size());
          }
        });
    server.start();
    return server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private static void send(HttpExchange exchange, int status, String body, boolean fixedLength)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    // Length 0 makes the JDK server use chunked transfer encoding.
    exchange.sendResponseHeaders(status, fixedLength ? bytes.length : 0);
    exchange.getResponseBody().write(bytes);
  }

  private static String ok(int accepted) {
    return "{\"success\":true,\"accepted\":" + accepted + ",\"rejected\":[]}";
  }

  private static LoadGenerator generator(
      int port, long events, int batch, int connections, long warmup) {
    Heartbeats heartbeats = new Heartbeats(42, "testrun2", batch, Heartbeats.FIXED_BASE_MILLIS);
    return new LoadGenerator(
        new LoadGenerator.Plan(
            "127.0.0.1", port, "/v1/batch", KEY, events, batch, connections, warmup, heartbeats));
  }

  @Test
  void resendsTheSameBatchAfter503AndRetryAfterThenCountsItAcked() throws Exception {
    int port =
        start(
            (n, exchange, messages) -> {
              if (n == 0) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                send(exchange, 503, "{\"success\":false,\"error\":\"overloaded\"}", true);
              } else {
                send(exchange, 200, ok(messages), true);
              }
            });
    long started = System.nanoTime();
    IngestResult result = generator(port, 1_000, 100, 1, 0).run();
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(result.errors()).isZero();
    assertThat(result.firstError()).isNull();
    assertThat(result.retries()).isEqualTo(1);
    assertThat(result.events()).isEqualTo(1_000);
    assertThat(result.batches()).isEqualTo(10);
    assertThat(result.latencies()).hasSize(10);
    assertThat(requests.get()).isEqualTo(11);
    assertThat(elapsedMillis).as("waited for Retry-After").isGreaterThanOrEqualTo(1_000);
    assertThat(received.get(1)).as("resent the same batch").isEqualTo(received.get(0));
    Set<String> distinct = new HashSet<>();
    received.subList(1, received.size()).forEach(distinct::addAll);
    assertThat(distinct).hasSize(1_000);
  }

  @Test
  void warmupIsSentFirstAndNotTimedAcrossConcurrentConnections() throws Exception {
    int port = start((n, exchange, messages) -> send(exchange, 200, ok(messages), false));
    IngestResult result = generator(port, 1_050, 100, 4, 250).run();

    assertThat(result.errors()).isZero();
    assertThat(result.retries()).isZero();
    assertThat(result.warmupEvents()).isEqualTo(300); // 250 rounded up to whole batches
    assertThat(result.events()).isEqualTo(1_050);
    assertThat(result.batches()).isEqualTo(11); // ten full and one of 50
    assertThat(result.latencies()).hasSize(11);
    assertThat(java.util.Arrays.stream(result.latencies()).min().orElseThrow()).isPositive();
    Set<String> distinct = new HashSet<>();
    received.forEach(distinct::addAll);
    assertThat(distinct).hasSize(1_350);
    assertThat(requests.get()).isEqualTo(14);
  }

  @Test
  void partlyAcceptedBatchIsAnErrorNotAnAck() throws Exception {
    int port =
        start(
            (n, exchange, messages) ->
                send(
                    exchange,
                    200,
                    "{\"success\":true,\"accepted\":"
                        + (messages - 1)
                        + ",\"rejected\":[{\"index\":0,\"error\":\"bad\"}]}",
                    true));
    IngestResult result = generator(port, 500, 100, 1, 0).run();

    assertThat(result.events()).isZero();
    assertThat(result.errors()).isEqualTo(1);
    assertThat(result.rejected()).isEqualTo(1);
    assertThat(result.firstError()).contains("accepted 99 of 100");
    assertThat(requests.get()).as("stops after the first error").isEqualTo(1);
  }

  @Test
  void commandPrintsTheReportAndExitsNonZeroOnAWrongWriteKey() throws Exception {
    int port = start((n, exchange, messages) -> send(exchange, 200, ok(messages), true));
    String url = "http://127.0.0.1:" + port;

    StringWriter good = new StringWriter();
    int ok =
        command(good)
            .execute(
                "ingest",
                "--url",
                url,
                "--write-key",
                KEY,
                "--events",
                "2000",
                "--batch",
                "200",
                "--connections",
                "2");
    assertThat(ok).as(good.toString()).isZero();
    assertThat(good.toString())
        .contains("events: 2000\n", "batches: 10\n", "retries (429/503): 0\n", "errors: 0\n")
        .containsPattern("(?m)^events/s: \\d+$")
        .containsPattern("(?m)^latency p999 ms: \\d+\\.\\d\\d$")
        .containsPattern(
            "(?m)^ingest: \\d+ events/s, p50 [0-9.]+ ms, p99 [0-9.]+ ms, p999 [0-9.]+ ms$");

    StringWriter bad = new StringWriter();
    int failed =
        command(bad)
            .execute(
                "ingest", "--url", url, "--write-key", "wrong", "--events", "100", "--batch", "50");
    assertThat(failed).isEqualTo(1);
    assertThat(bad.toString()).contains("errors: 1\n").contains("HTTP 401");
  }

  private static CommandLine command(StringWriter out) {
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setOut(new PrintWriter(out, true));
    return cli;
  }
}
