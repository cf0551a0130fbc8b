package io.marquee.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.config.Settings;
import io.marquee.core.EventRecord;
import io.marquee.server.CollectorNode;
import io.marquee.server.CollectorServer;
import io.marquee.testing.KafkaBroker;
import io.marquee.testing.TestNode;
import io.marquee.vault.MasterKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A collector in front of the test broker ({@code serve --sink kafka} in-process, following the control
 * topic of an owning node with {@code kafka.bootstrap} and a master key): 200 only once
 * Kafka acknowledged every record, records in the topic's wire format keyed by viewer, and 503 with
 * Retry-After (nothing acknowledged) while the broker is down, without losing anything it
 * acknowledged before, during or after the outage.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaSinkIT {
  private static final String WRITE_KEY = TestNode.WRITE_KEY; // the owning node's, from the control topic
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static KafkaBroker broker;
  private static final MasterKey MASTER = MasterKey.generate();
  private static Path dir;
  private static TestNode owner;
  private static CollectorNode node;
  private static CollectorServer server;
  /** Every messageId a test got a 200 for. */
  private static final Set<String> ACKNOWLEDGED = ConcurrentHashMap.newKeySet();
  /** One permit per event acknowledged by the load of the outage test. */
  private static final Semaphore LOAD_ACKS = new Semaphore(0);

  @BeforeAll
  static void start() throws Exception {
    broker = KafkaBroker.start();
    broker.createTopic("sink-it", 4);
    dir = Files.createTempDirectory("marquee-sink-it");
    owner = TestNode.start(dir.resolve("owner"), Settings.defaults().with("kafka.bootstrap", broker.bootstrap()), MASTER);
    Settings settings = Settings.defaults().with(Map.of("kafka.bootstrap", broker.bootstrap(), "kafka.topic", "sink-it",
        "kafka.delivery-timeout-ms", "3000", "kafka.request-timeout-ms", "1000", "kafka.max-block-ms", "1000",
        "kafka.probe-interval-ms", "300"));
    node = CollectorNode.open(settings, MASTER);
    server = CollectorServer.start(node, "127.0.0.1", 0);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (node != null) {
      node.close();
    }
    if (owner != null) {
      owner.close();
    }
    broker.close();
  }

  @Test
  @Order(1)
  void batch_isAnsweredAfterKafkaAcknowledged_eachRecordKeyedByItsViewerInTheWireFormat() throws Exception {
    StringBuilder batch = new StringBuilder("{\"batch\":[");
    Map<String, String> viewerOf = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      String id = "first-" + i;
      // users 0..4 by userId; every fifth message anonymous only, of two devices
      String ids = i % 5 == 4 ? "\"anonymousId\":\"device-" + (i % 2) + "\""
          : "\"userId\":\"user-" + (i % 5) + "\",\"anonymousId\":\"device-x\"";
      viewerOf.put(id, i % 5 == 4 ? "device-" + (i % 2) : "user-" + (i % 5));
      batch.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"Video Content Started\",")
          .append(ids).append(",\"messageId\":\"").append(id).append("\",\"properties\":{\"asset_id\":\"a")
          .append(i).append("\"}}");
    }
    long before = System.currentTimeMillis();
    HttpResponse<String> r = post("/v1/batch", batch.append("]}").toString());
    long after = System.currentTimeMillis();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).get("accepted").asInt()).isEqualTo(40);
    ACKNOWLEDGED.addAll(viewerOf.keySet());

    List<ConsumerRecord<byte[], byte[]>> records = broker.read("sink-it", 40, Duration.ofSeconds(30));
    assertThat(records).hasSize(40);
    Map<String, Integer> partitionOfViewer = new HashMap<>();
    Map<String, Integer> lastIndexOfViewer = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      EventRecord e = EventRecord.decode(record.value());
      String viewer = new String(record.key(), StandardCharsets.UTF_8);
      assertThat(viewer).isEqualTo(viewerOf.get(e.messageId));
      assertThat(e.source).isNotEmpty();
      assertThat(e.type).isEqualTo("track");
      assertThat(record.timestamp()).isEqualTo(e.receivedAtMicros / 1000).isBetween(before, after);
      assertThat(record.headers().toArray()).isEmpty();
      JsonNode message = JSON.readTree(new String(e.bytes, e.jsonOffset, e.jsonLength, StandardCharsets.UTF_8));
      assertThat(message.get("messageId").asText()).isEqualTo(e.messageId);
      // one viewer, one partition, in the order sent
      assertThat(partitionOfViewer.computeIfAbsent(viewer, v -> record.partition())).isEqualTo(record.partition());
      int index = Integer.parseInt(e.messageId.substring("first-".length()));
      assertThat(index).isGreaterThan(lastIndexOfViewer.getOrDefault(viewer, -1));
      lastIndexOfViewer.put(viewer, index);
    }
    assertThat(node.sink().acknowledged()).isGreaterThanOrEqualTo(40);
    HttpResponse<String> health = get("/health");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(JSON.readTree(health.body()).at("/sink/state").asText()).isEqualTo("ok");
    String metrics = get("/metrics").body();
    assertThat(metrics).contains("marquee_kafka_up 1.0").contains("marquee_events_accepted_total 40.0");
    assertThat(metrics).contains("marquee_kafka_records_acknowledged_total 40.0");
  }

  @Test
  @Order(2)
  void privacyRules_applyBeforeKafka_cardDataRefused_erasedUserAndWithdrawnConsentDropped() throws Exception {
    owner.node.suppressions().add("erased-user"); // as an erasure on the owner does; it reaches the collector
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!node.suppressions().contains("erased-user")) {
      assertThat(System.nanoTime()).as("the suppression reached the collector within 30 s").isLessThan(deadline);
      LockSupport.parkNanos(20_000_000L);
    }
    String batch = "{\"batch\":["
        + "{\"type\":\"track\",\"event\":\"Heartbeat\",\"userId\":\"erased-user\",\"messageId\":\"priv-1\"},"
        + "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"kept-user\",\"messageId\":\"priv-2\","
        + "\"properties\":{\"card\":\"4111-1111-1111-1111\"}},"
        + "{\"type\":\"track\",\"event\":\"Heartbeat\",\"userId\":\"no-consent\",\"messageId\":\"priv-3\","
        + "\"context\":{\"consent\":{\"categoryPreferences\":{\"analytics\":false}}}},"
        + "{\"type\":\"track\",\"event\":\"Heartbeat\",\"userId\":\"kept-user\",\"messageId\":\"priv-5\"}]}";
    HttpResponse<String> r = post("/v1/batch", batch);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(r.body());
    assertThat(answer.get("rejectedCount").asInt()).isEqualTo(1);
    assertThat(answer.at("/rejected/0/messageId").asText()).isEqualTo("priv-2");
    ACKNOWLEDGED.addAll(List.of("priv-3", "priv-5"));
    // the withdrawal is recorded once Kafka has it: the user's next event is dropped at the door
    HttpResponse<String> later = post("/v1/track",
        "{\"event\":\"Heartbeat\",\"userId\":\"no-consent\",\"messageId\":\"priv-4\"}");
    assertThat(later.statusCode()).as(later.body()).isEqualTo(200);

    Map<String, EventRecord> inTopic = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : broker.read("sink-it", 42, Duration.ofSeconds(30))) {
      EventRecord e = EventRecord.decode(record.value());
      inTopic.put(e.messageId, e);
    }
    assertThat(inTopic).containsKeys("priv-3", "priv-5").doesNotContainKeys("priv-1", "priv-2", "priv-4");
    EventRecord choices = inTopic.get("priv-3");
    JsonNode kept = JSON.readTree(new String(choices.bytes, choices.jsonOffset, choices.jsonLength,
        StandardCharsets.UTF_8));
    assertThat(kept.get("event").asText()).as("kept as the consent choices only").isNotEqualTo("Heartbeat");
  }

  @Test
  @Order(3)
  void brokerDown_requestsGet503WithRetryAfter_andNothingAcknowledgedIsMissingAfterItReturns() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    Semaphore refused = new Semaphore(0);
    AtomicInteger other = new AtomicInteger();
    List<String> retryAfter = new ArrayList<>();
    Thread load = new Thread(() -> {
      int n = 0;
      while (running.get()) {
        List<String> ids = new ArrayList<>();
        StringBuilder b = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 10; i++, n++) {
          String id = "load-" + n;
          ids.add(id);
          b.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"Heartbeat\",\"userId\":\"u-")
              .append(n % 7).append("\",\"messageId\":\"").append(id).append("\"}");
        }
        try {
          HttpResponse<String> r = post("/v1/batch", b.append("]}").toString());
          if (r.statusCode() == 200) {
            ACKNOWLEDGED.addAll(ids);
            LOAD_ACKS.release(ids.size());
          } else if (r.statusCode() == 503) {
            refused.release();
            synchronized (retryAfter) {
              retryAfter.add(r.headers().firstValue("Retry-After").orElse(null) + " " + r.body());
            }
          } else {
            other.incrementAndGet();
          }
        } catch (Exception e) {
          other.incrementAndGet();
        }
      }
    }, "sink-it-load");
    load.start();
    try {
      awaitAcknowledged(200);
      broker.stop();
      assertThat(refused.tryAcquire(3, 30, TimeUnit.SECONDS)).as("3 requests refused while the broker is down")
          .isTrue();
      HttpResponse<String> health = awaitHealth(503);
      assertThat(JSON.readTree(health.body()).at("/sink/state").asText()).isEqualTo("unreachable");
      assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("unavailable");

      broker.restart();
      awaitHealth(200);
      LOAD_ACKS.drainPermits();
      awaitAcknowledged(200);
    } finally {
      running.set(false);
      load.join();
    }
    assertThat(other.get()).as("answers other than 200 or 503").isZero();
    synchronized (retryAfter) {
      assertThat(retryAfter).allSatisfy(r -> assertThat(r).startsWith("1 ").contains("\"code\":\"overloaded\"")
          .contains("nothing was accepted"));
    }

    Set<String> inTopic = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : broker.read("sink-it", ACKNOWLEDGED.size(), Duration.ofSeconds(60))) {
      inTopic.add(EventRecord.decode(r.value()).messageId);
    }
    Set<String> missing = new HashSet<>(ACKNOWLEDGED);
    missing.removeAll(inTopic);
    assertThat(missing).as("acknowledged with 200 but not in the topic").isEmpty();
  }

  /** Waits until the load got {@code n} more events acknowledged. */
  private static void awaitAcknowledged(int n) throws InterruptedException {
    assertThat(LOAD_ACKS.tryAcquire(n, 60, TimeUnit.SECONDS)).as(n + " more events acknowledged within 60 s").isTrue();
  }

  private static HttpResponse<String> awaitHealth(int status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      HttpResponse<String> r = get("/health");
      if (r.statusCode() == status || System.nanoTime() > deadline) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r;
      }
    }
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
