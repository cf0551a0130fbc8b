package io.marquee.kafka.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.config.Settings;
import io.marquee.testing.KafkaBroker;
import io.marquee.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node fed from the events topic ({@code store.source=kafka}) on one in-process broker shared by
 * the class: its store and views, the collector's routes it refuses, dedup across partitions, and a
 * restart at the stored offsets. The crash tests are {@code KafkaSourceCrashIT}.
 */
class KafkaSourceIT {
  private static final Instant T0 = Instant.parse("2026-10-01T20:00:00Z");
  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static KafkaBroker broker;
  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path dataDir;
  @TempDir Path logNodeDir;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  /** A new topic of {@code partitions} partitions, for one test. */
  private static String topic(int partitions) {
    String name = "events-" + TOPICS.incrementAndGet();
    broker.createTopic(name, partitions);
    return name;
  }

  static Settings consuming(String bootstrap, String topic) {
    return Settings.defaults().with(Map.of("store.source", "kafka", "kafka.bootstrap", bootstrap,
        "kafka.topic", topic));
  }

  /** Heartbeat {@code i} of {@code user}'s session on film-1 (10 s apart). */
  private static String beat(String user, int i) {
    String name = i == 0 ? "Video Playback Started" : i == 59 ? "Video Playback Completed" : "Video Content Playing";
    return "{\"type\":\"track\",\"event\":\"" + name + "\",\"userId\":\"" + user + "\",\"messageId\":\"" + user
        + "-b" + i + "\",\"timestamp\":\"" + T0.plusSeconds(10L * i) + "\",\"properties\":{\"session_id\":\"s-"
        + user + "\",\"asset_id\":\"film-1\",\"position\":" + 10.0 * i + ",\"total_length\":600}}";
  }

  private static String identify(String user, int age) {
    return "{\"type\":\"identify\",\"userId\":\"" + user + "\",\"messageId\":\"" + user + "-id\",\"timestamp\":\""
        + T0.minusSeconds(60) + "\",\"traits\":{\"age\":" + age + ",\"country\":\"NL\"}}";
  }

  /** The messages of the store-and-views test: three viewers, an identify and a session each. */
  private static List<String> viewing() {
    List<String> messages = new ArrayList<>();
    for (String user : List.of("u1", "u2", "u3")) {
      messages.add(identify(user, 30 + user.charAt(1)));
      for (int i = 0; i < 60; i++) {
        messages.add(beat(user, i));
      }
    }
    return messages;
  }

  @Test
  void eventsProducedInTheWireFormat_areInTheStore_withTheViewsAndProfilesALogNodeComputesFromTheSameEvents()
      throws Exception {
    String topic = topic(3);
    List<String> messages = viewing();
    try (TopicWriter writer = new TopicWriter(broker.bootstrap(), topic)) {
      for (String m : messages) {
        writer.send("test-source", m);
      }
      writer.flush();
    }
    String views = "SELECT user_id, asset_id, started_at, ended_at, watch_seconds, completed FROM views ORDER BY user_id";
    String profiles = "SELECT user_id, age, country, events FROM profiles ORDER BY user_id";
    List<List<String>> expectedViews;
    List<List<String>> expectedProfiles;
    try (TestNode logNode = TestNode.start(logNodeDir)) {
      HttpResponse<String> r = logNode.post("/v1/batch", "{\"batch\":[" + String.join(",", messages) + "]}",
          TestNode.WRITE_KEY);
      assertThat(r.statusCode()).isEqualTo(200);
      expectedViews = logNode.rows(views);
      expectedProfiles = logNode.rows(profiles);
    }
    assertThat(expectedViews).hasSize(3);

    try (TestNode node = TestNode.start(dataDir, consuming(broker.bootstrap(), topic))) {
      assertThat(node.node.loader().appliedEvents()).as("a start catches up with the topic before it serves")
          .isEqualTo(183);
      assertThat(node.rows("SELECT count(*), count(DISTINCT message_id) FROM events"))
          .containsExactly(List.of("183", "183"));
      assertThat(node.rows(views)).isEqualTo(expectedViews);
      assertThat(node.rows(profiles)).isEqualTo(expectedProfiles);
      assertThat(node.rows("SELECT sum(next_offset) FROM kafka_positions WHERE topic = '" + topic + "'"))
          .containsExactly(List.of("183"));
      assertThat(node.rows("SELECT min(log_pos), max(log_pos), count(DISTINCT log_pos) FROM events"))
          .as("each event the next local position").containsExactly(List.of("0", "182", "183"));
    }
  }

  /**
   * The title report of film-1 and the estimate of the NL audience on {@code on}, without the fields
   * that name when they were computed.
   */
  private List<String> reportsOf(TestNode on) throws Exception {
    String marketer = on.node.apiKeys().create(io.marquee.access.Role.MARKETER, "reports");
    String day = T0.toString().substring(0, 10);
    HttpResponse<String> report = on.call("GET", "/v1/insights/titles/film-1?from=" + day + "&to=" + day, marketer);
    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    HttpResponse<String> estimate = on.call("POST", "/v1/audiences/estimate", "{\"rule\":{\"country\":\"NL\"}}",
        marketer);
    assertThat(estimate.statusCode()).as(estimate.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    for (HttpResponse<String> r : List.of(report, estimate)) {
      var body = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(r.body());
      body.remove(List.of("freshness", "as_of", "took_ms", "computed_at"));
      out.add(body.toString());
    }
    return out;
  }

  @Test
  void theInsightsAndAudiencesOfANodeFedFromTheTopic_equalThoseOfALogNodeGivenTheSameEvents() throws Exception {
    String topic = topic(3);
    List<String> messages = new ArrayList<>();
    for (int u = 10; u < 22; u++) { // twelve viewers, above the small-cell threshold of 10
      String user = "u" + u;
      messages.add(identify(user, 20 + u));
      for (int i = 0; i < 60; i++) {
        messages.add(beat(user, i));
      }
    }
    try (TopicWriter writer = new TopicWriter(broker.bootstrap(), topic)) {
      for (String m : messages) {
        writer.send("test-source", m);
      }
      writer.flush();
    }
    List<String> expected;
    try (TestNode logNode = TestNode.start(logNodeDir)) {
      assertThat(logNode.post("/v1/batch", "{\"batch\":[" + String.join(",", messages) + "]}", TestNode.WRITE_KEY)
          .statusCode()).isEqualTo(200);
      logNode.awaitStore();
      expected = reportsOf(logNode);
    }
    assertThat(expected.get(0)).contains("\"views\":12").contains("\"unique_viewers\":12");
    assertThat(expected.get(1)).contains("\"size\":12");
    try (TestNode node = TestNode.start(dataDir, consuming(broker.bootstrap(), topic))) {
      node.awaitStore();
      assertThat(reportsOf(node)).isEqualTo(expected);
    }
  }

  @Test
  void eventsAndConsentPostedToTheConsumingNode_reachItsStoreThroughTheTopic_andHealthAndMetricsShowTheLagPerPartition()
      throws Exception {
    String topic = topic(2);
    try (TestNode node = TestNode.start(dataDir, consuming(broker.bootstrap(), topic))) {
      HttpResponse<String> r = node.post("/v1/batch", "{\"batch\":[" + beat("u9", 0) + "," + beat("u9", 1) + "]}",
          TestNode.WRITE_KEY);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      HttpResponse<String> consent = node.call("PUT", "/v1/users/u9/consent", "{\"marketing\":false}",
          node.node.apiKeys().create(io.marquee.access.Role.WRITE, "consent"));
      assertThat(consent.statusCode()).as(consent.body()).isEqualTo(200);
      // both were acknowledged by Kafka; the store waits for the topic's end offsets
      assertThat(node.rows("SELECT count(*) FROM events WHERE user_id = 'u9'"))
          .as("both beats and the consent event came back from the topic").containsExactly(List.of("3"));
      HttpResponse<String> choices = node.call("GET", "/v1/users/u9/consent",
          node.node.apiKeys().create(io.marquee.access.Role.ANALYST, "reader"));
      assertThat(json.readTree(choices.body()).path("consent").path("marketing").asBoolean(true))
          .as(choices.body()).isFalse();

      try (TopicWriter writer = new TopicWriter(broker.bootstrap(), topic)) {
        for (int i = 0; i < 10; i++) {
          writer.send("test-source", beat("u1", i), 1);
        }
        writer.flush();
      }
      node.awaitStore();
      JsonNode health = json.readTree(node.get("/health").body());
      assertThat(health.path("status").asText()).isEqualTo("ok");
      assertThat(health.path("loader").path("topic").asText()).isEqualTo(topic);
      // lag is cached for up to a second: poll until it reflects the caught-up store
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (health.path("loader").path("partitionLag").path("1").asLong(-1) != 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        health = json.readTree(node.get("/health").body());
      }
      assertThat(health.path("loader").path("partitionLag").toString()).isEqualTo("{\"0\":0,\"1\":0}");
      String metrics = node.get("/metrics").body();
      assertThat(metrics).contains("marquee_kafka_consumer_lag{partition=\"1\"} 0.0")
          .contains("marquee_kafka_consumed_total 13.0");
    }
  }

  @Test
  void sameWriteKeyAndMessageId_onTwoPartitions_isStoredOnce_andBothOffsetsAdvance() throws Exception {
    String topic = topic(2);
    try (TopicWriter writer = new TopicWriter(broker.bootstrap(), topic)) {
      for (int i = 0; i < 50; i++) {
        writer.send("test-source", beat("u1", i), 0);
        writer.send("test-source", beat("u1", i), 1); // a retry through another collector, another partition
      }
      writer.send("other-source", beat("u1", 0), 1); // another write key: not a duplicate
      writer.flush();
    }
    try (TestNode node = TestNode.start(dataDir, consuming(broker.bootstrap(), topic))) {
      assertThat(node.rows("SELECT count(*), count(DISTINCT (source, message_id)) FROM events"))
          .containsExactly(List.of("51", "51"));
      assertThat(node.rows("SELECT \"partition\", next_offset FROM kafka_positions ORDER BY 1"))
          .containsExactly(List.of("0", "50"), List.of("1", "51"));
      assertThat(node.node.topicSource().duplicates()).isEqualTo(50);
    }
  }

  /** Posts a batch to a collector with {@link TestNode#WRITE_KEY}; returns the status. */
  private static int post(io.marquee.server.CollectorServer collector, List<String> messages) throws Exception {
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + collector.port() + "/v1/batch"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
            (TestNode.WRITE_KEY + ":").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"batch\":[" + String.join(",", messages) + "]}"))
        .build();
    return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void theSameBatchPostedThroughTwoCollectors_isStoredOnce_withItsViews() throws Exception {
    String topic = topic(4);
    String control = topic + "-control"; // this node owns it: the class's other nodes publish to the default one
    Settings collecting = Settings.defaults().with(Map.of("kafka.bootstrap", broker.bootstrap(), "kafka.topic", topic,
        "kafka.control.topic", control));
    List<String> messages = viewing();
    try (TestNode node = TestNode.start(dataDir, consuming(broker.bootstrap(), topic)
        .with("kafka.control.topic", control))) {
      List<io.marquee.server.CollectorNode> nodes = new ArrayList<>();
      List<io.marquee.server.CollectorServer> servers = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) { // both follow the node's control topic: its write key is theirs
          io.marquee.server.CollectorNode c = io.marquee.server.CollectorNode.open(collecting, null);
          nodes.add(c);
          servers.add(io.marquee.server.CollectorServer.start(c, "127.0.0.1", 0));
        }
        assertThat(post(servers.get(0), messages)).isEqualTo(200);
        assertThat(post(servers.get(1), messages)).as("a client's retry, through the other collector").isEqualTo(200);
      } finally {
        for (io.marquee.server.CollectorServer server : servers) {
          server.close();
        }
        for (io.marquee.server.CollectorNode c : nodes) {
          c.close();
        }
      }
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
      while (node.node.topicSource().duplicates() < 183) {
        assertThat(System.nanoTime()).as("both batches consumed within 60 s").isLessThan(deadline);
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
      }
      node.awaitStore();
      assertThat(node.rows("SELECT count(*), count(DISTINCT message_id) FROM events"))
          .containsExactly(List.of("183", "183"));
      assertThat(node.node.topicSource().duplicates()).isEqualTo(183);
      assertThat(node.rows("SELECT user_id, watch_seconds FROM views ORDER BY user_id")).hasSize(3);
    }
  }

  @Test
  void anErasureOnTheNode_removesTheUser_andTheirLaterEventsOnTheTopicAreNotStored() throws Exception {
    String topic = topic(2);
    try (TopicWriter writer = new TopicWriter(broker.bootstrap(), topic);
        TestNode node = TestNode.start(dataDir, consuming(broker.bootstrap(), topic))) {
      for (int i = 0; i < 5; i++) {
        writer.send("test-source", beat("u1", i));
        writer.send("test-source", beat("u2", i));
      }
      writer.flush();
      node.awaitStore();
      String admin = node.node.apiKeys().create(io.marquee.access.Role.ADMIN, "admin");
      assertThat(node.call("DELETE", "/v1/privacy/users/u1", admin).statusCode()).isEqualTo(202);

      for (int i = 5; i < 10; i++) {
        writer.send("test-source", beat("u1", i)); // from a collector that had not heard of the erasure
        writer.send("test-source", beat("u2", i));
      }
      writer.flush();
      assertThat(node.rows("SELECT user_id, count(*) FROM events GROUP BY user_id ORDER BY 1"))
          .containsExactly(List.of("u2", "10"));
      assertThat(node.node.topicSource().suppressed()).isEqualTo(5);
    }
  }

  @Test
  void aRestart_resumesAtTheStoredOffsets_storingOnlyWhatCameSince_andRemembersStoredMessageIds() throws Exception {
    String topic = topic(3);
    try (TopicWriter writer = new TopicWriter(broker.bootstrap(), topic)) {
      for (int i = 0; i < 30; i++) {
        writer.send("test-source", beat("u" + (i % 4), i));
      }
      writer.flush();
      try (TestNode node = TestNode.start(dataDir, consuming(broker.bootstrap(), topic))) {
        assertThat(node.rows("SELECT count(*) FROM events")).containsExactly(List.of("30"));
      }
      for (int i = 30; i < 60; i++) {
        writer.send("test-source", beat("u" + (i % 4), i));
      }
      for (int i = 0; i < 10; i++) {
        writer.send("test-source", beat("u" + (i % 4), i)); // retries of stored events
      }
      writer.flush();
    }
    try (TestNode node = TestNode.start(dataDir, consuming(broker.bootstrap(), topic))) {
      assertThat(node.rows("SELECT count(*), count(DISTINCT message_id) FROM events"))
          .containsExactly(List.of("60", "60"));
      assertThat(node.node.topicSource().consumed()).as("read from the stored offsets, not from the start")
          .isEqualTo(40);
      assertThat(node.node.topicSource().duplicates()).isEqualTo(10);
      assertThat(node.rows("SELECT sum(next_offset) FROM kafka_positions")).containsExactly(List.of("70"));
    }
  }

  @Test
  void aStoreFedFromTheTopic_isReadAsItStandsByOfflineCommands_andRefusedAsALogNodesStore() throws Exception {
    String topic = topic(1);
    try (TopicWriter writer = new TopicWriter(broker.bootstrap(), topic)) {
      for (int i = 0; i < 5; i++) {
        writer.send("test-source", beat("u1", i));
      }
      writer.flush();
    }
    try (TestNode node = TestNode.start(dataDir, consuming(broker.bootstrap(), topic))) {
      assertThat(node.rows("SELECT count(*) FROM events")).containsExactly(List.of("5"));
    }
    io.marquee.server.Marquee.recoverStore(dataDir, Settings.defaults()); // what `sql` and `release` do first
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> io.marquee.server.Marquee.open(dataDir, Settings.defaults(), "a log node").close())
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("store.source=kafka");
    try (TestNode node = TestNode.start(dataDir, consuming(broker.bootstrap(), topic))) {
      assertThat(node.rows("SELECT count(*) FROM events")).as("nothing was changed").containsExactly(List.of("5"));
    }
  }
}
