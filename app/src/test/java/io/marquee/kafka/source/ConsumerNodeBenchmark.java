package io.marquee.kafka.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.config.Settings;
import io.marquee.server.Marquee;
import io.marquee.testing.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Consumer node events/s: N events (playback heartbeats of 50-event sessions and one identify per
 * viewer) are put on an 8-partition topic of the in-process broker first, then a node with {@code
 * store.source=kafka} is opened on an empty data dir and timed until its open returns (a start
 * catches up before it serves). Beside it, the same events applied from a log node's own event log
 * (written through its sink, then the store removed and rebuilt at the next open), in the same run;
 * two rounds of both, after the log node was written (so neither pays the JIT warm-up alone).
 *
 * <p>Not part of the build (no {@code *Test} or {@code *IT} name). Run: {@code ./mvnw -B -o
 * -Dtest=ConsumerNodeBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.events=200000 test}
 * (results in docs/benchmarks.md, "Consumer nodes").
 */
class ConsumerNodeBenchmark {
  private static final Instant T0 = Instant.parse("2026-10-01T20:00:00Z");
  private final ObjectMapper json = new ObjectMapper();

  /** Event {@code i}: viewer {@code i / 50 % 2000}, session {@code i / 50}, heartbeat {@code i % 50}. */
  private String event(int i) {
    int session = i / 50;
    int beat = i % 50;
    String user = "u" + session % 2000;
    if (beat == 0 && session < 2000) {
      return "{\"type\":\"identify\",\"userId\":\"" + user + "\",\"messageId\":\"m" + i + "\",\"timestamp\":\""
          + T0 + "\",\"traits\":{\"age\":" + (18 + session % 50) + ",\"country\":\"NL\"}}";
    }
    String name = beat == 0 ? "Video Playback Started" : beat == 49 ? "Video Playback Completed" : "Video Content Playing";
    return "{\"type\":\"track\",\"event\":\"" + name + "\",\"userId\":\"" + user + "\",\"messageId\":\"m" + i
        + "\",\"timestamp\":\"" + T0.plusSeconds(session * 600L + beat * 10L) + "\",\"properties\":{\"session_id\":\"s"
        + session + "\",\"asset_id\":\"film-" + session % 300 + "\",\"position\":" + beat * 10.0
        + ",\"total_length\":500}}";
  }

  private static void delete(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void consumerNode_catchUp_eventsPerSecond_besideTheLogNodes() throws Exception {
    int n = Integer.getInteger("bench.events", 200_000);
    Path root = Files.createTempDirectory("consumer-bench");
    try (KafkaBroker broker = KafkaBroker.start()) {
      broker.createTopic("bench", 8);
      long p0 = System.nanoTime();
      try (TopicWriter writer = new TopicWriter(broker.bootstrap(), "bench")) {
        for (int i = 0; i < n; i++) {
          writer.send("bench-source", event(i));
        }
        writer.flush();
      }
      double produceSeconds = (System.nanoTime() - p0) / 1e9;

      Settings consuming = Settings.defaults().with(Map.of("store.source", "kafka", "kafka.bootstrap",
          broker.bootstrap(), "kafka.topic", "bench"));
      Path logDir = root.resolve("log-node");
      try (Marquee node = Marquee.open(logDir, Settings.defaults(), "bench")) {
        for (int from = 0; from < n; from += 1000) {
          List<ObjectNode> batch = new ArrayList<>();
          for (int i = from; i < Math.min(n, from + 1000); i++) {
            batch.add((ObjectNode) json.readTree(event(i)));
          }
          node.sink("bench").submit(batch);
        }
      }
      // two rounds, each the consumer node then the log node: the first round pays the JIT's warm-up
      for (int round = 1; round <= 2; round++) {
        long t0 = System.nanoTime();
        try (Marquee node = Marquee.open(root.resolve("consumer-" + round), consuming, "bench")) {
          double seconds = (System.nanoTime() - t0) / 1e9;
          long stored = node.loader().appliedEvents();
          System.out.printf("BENCH round %d consumer node: %d events in %.2f s = %.0f events/s in %d batches"
              + " (produced in %.2f s)%n", round, stored, seconds, stored / seconds, node.topicSource().batches(),
              produceSeconds);
        }
        delete(logDir.resolve("store"));
        long l0 = System.nanoTime();
        try (Marquee node = Marquee.open(logDir, Settings.defaults(), "bench")) {
          double seconds = (System.nanoTime() - l0) / 1e9;
          System.out.printf("BENCH round %d log node, store rebuilt from its log: %d events in %.2f s = %.0f events/s%n",
              round, node.loader().appliedEvents(), seconds, node.loader().appliedEvents() / seconds);
        }
      }
    } finally {
      delete(root);
    }
  }
}
