package io.marquee.kafka.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.testing.KafkaBroker;
import io.marquee.testing.ServerProcess;
import io.marquee.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer node ({@code serve --source kafka} in a child JVM) that dies inside a batch stores each
 * event of the topic exactly once after its restart: killed with SIGKILL while it applies batches,
 * and halted inside a batch's transaction after its rows were applied.
 */
class KafkaSourceCrashIT {
  private static KafkaBroker broker;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dataDir;
  @TempDir Path configDir;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static String event(int i) {
    return "{\"type\":\"track\",\"event\":\"Clicked\",\"userId\":\"u" + (i % 97) + "\",\"messageId\":\"m" + i
        + "\",\"properties\":{\"n\":" + i + "}}";
  }

  private static void produce(TopicWriter writer, int from, int to) throws Exception {
    for (int i = from; i < to; i++) {
      writer.send("test-source", event(i));
    }
    writer.flush();
  }

  private String[] options(String topic, String... settings) throws Exception {
    List<String> lines = new ArrayList<>(List.of("kafka.bootstrap=" + broker.bootstrap(), "kafka.topic=" + topic));
    lines.addAll(List.of(settings));
    Path config = Files.write(configDir.resolve(topic + ".properties"), lines);
    return new String[] {"--source", "kafka", "--config", config.toString()};
  }

  /** Sum of the partitions' lag as {@code /health} reports it, or -1 while it cannot say. */
  private long lag(ServerProcess p) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port + "/health"))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
      JsonNode partitions = json.readTree(r.body()).path("loader").path("partitionLag");
      if (partitions.isEmpty()) {
        return -1;
      }
      long sum = 0;
      for (JsonNode n : partitions) {
        sum += n.asLong();
      }
      return sum;
    } catch (Exception e) {
      return -1;
    }
  }

  /** Waits until the metric {@code name} of the node satisfies {@code until}. */
  private void awaitMetric(ServerProcess p, String name, LongPredicate until, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long value = -1;
    while (!until.test(value)) {
      if (System.nanoTime() > deadline || !p.process.isAlive()) {
        throw new AssertionError("timed out waiting for " + what + " (" + name + " " + value + ")");
      }
      String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port + "/metrics"))
          .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
      for (String line : body.split("\n")) {
        if (line.startsWith(name + " ")) {
          value = (long) Double.parseDouble(line.substring(name.length() + 1).trim());
        }
      }
    }
  }

  /** After a restart in process: the store holds m0..m(n-1) exactly once, and the offsets cover them. */
  private void assertExactlyOnce(String topic, int n) throws Exception {
    try (TestNode node = TestNode.start(dataDir, KafkaSourceIT.consuming(broker.bootstrap(), topic))) {
      assertThat(node.rows("SELECT count(*), count(DISTINCT message_id) FROM events"))
          .containsExactly(List.of(Integer.toString(n), Integer.toString(n)));
      Set<String> expected = new HashSet<>();
      for (int i = 0; i < n; i++) {
        expected.add("m" + i);
      }
      Set<String> stored = new HashSet<>();
      node.rows("SELECT message_id FROM events").forEach(r -> stored.add(r.get(0)));
      assertThat(stored).isEqualTo(expected);
      assertThat(node.rows("SELECT sum(next_offset) FROM kafka_positions")).containsExactly(List.of(Integer.toString(n)));
      assertThat(node.rows("SELECT count(*) FROM profiles")).as("the projections hold each event once too")
          .containsExactly(List.of("97"));
      assertThat(node.rows("SELECT sum(events) FROM profiles")).containsExactly(List.of(Integer.toString(n)));
    }
  }

  @Test
  void consumerHaltedInsideABatchAfterApplyingItsRows_storesEachEventExactlyOnceAfterRestart() throws Exception {
    String topic = "crash-halt";
    broker.createTopic(topic, 3);
    try (TopicWriter writer = new TopicWriter(broker.bootstrap(), topic);
        ServerProcess p = ServerProcess.start(dataDir, "wk", java.util.Map.of(),
            options(topic, "kafka.consumer.halt-before-commit=2"))) {
      produce(writer, 0, 1000);
      // the first batch commits; a second may start on what remains of these, or on the next ones
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (p.process.isAlive() && lag(p) != 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      produce(writer, 1000, 3000);
      assertThat(p.process.waitFor(60, TimeUnit.SECONDS)).as("halted inside the second batch").isTrue();
      assertThat(p.process.exitValue()).isEqualTo(137);
    }
    assertExactlyOnce(topic, 3000);
  }

  @Test
  void consumerKilledWithSigkillWhileApplyingBatches_storesEachEventExactlyOnceAfterRestart() throws Exception {
    String topic = "crash-kill";
    broker.createTopic(topic, 3);
    int n = 20_000;
    try (TopicWriter writer = new TopicWriter(broker.bootstrap(), topic)) {
      // started on an empty topic: a start catches up before it serves, so the load comes after
      try (ServerProcess p = ServerProcess.start(dataDir, "wk", java.util.Map.of(),
          options(topic, "store.batch-records=1000", "kafka.consumer.max-poll-records=500"))) {
        Thread producer = new Thread(() -> {
          try {
            produce(writer, 0, n);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        producer.start();
        awaitMetric(p, "marquee_store_events_applied_total", applied -> applied >= 2000 && applied < n,
            "some batches applied, not all");
        p.kill9();
        producer.join();
      }
    }
    assertExactlyOnce(topic, n);
  }
}
