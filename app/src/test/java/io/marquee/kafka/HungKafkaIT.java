package io.marquee.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.config.Settings;
import io.marquee.core.EventRecord;
import io.marquee.server.CollectorNode;
import io.marquee.server.CollectorServer;
import io.marquee.testing.KafkaBroker;
import io.marquee.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A broker that hangs (its connections stay open, nothing comes back) rather than going away: the
 * collector (in-process, following the control topic of an owning node on the same broker) answers
 * 503 within its bounds ({@code kafka.delivery-timeout-ms}, {@code kafka.max-block-ms}) instead of
 * holding the request, and takes events again once the broker does.
 */
class HungKafkaIT {
  private static final String WRITE_KEY = TestNode.WRITE_KEY; // the owning node's, from the control topic
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static KafkaBroker broker;
  private static TestNode owner;
  private static CollectorNode node;
  private static CollectorServer server;

  @BeforeAll
  static void start() throws Exception {
    broker = KafkaBroker.startBehindProxy();
    broker.createTopic("hung-it", 2);
    Path dir = Files.createTempDirectory("marquee-hung-it");
    owner = TestNode.start(dir.resolve("owner"), Settings.defaults().with("kafka.bootstrap", broker.bootstrap()));
    node = CollectorNode.open(Settings.defaults().with(Map.of("kafka.bootstrap", broker.bootstrap(),
        "kafka.topic", "hung-it", "kafka.delivery-timeout-ms", "3000", "kafka.request-timeout-ms", "1000",
        "kafka.max-block-ms", "1000", "kafka.probe-interval-ms", "300")), null);
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
  void hungBroker_requestIsRefusedWith503WithinTheDeliveryTimeout_andTakenAgainOnceItAnswers() throws Exception {
    assertThat(post("before").statusCode()).isEqualTo(200);

    broker.proxy().stall();
    long t0 = System.nanoTime();
    HttpResponse<String> during = post("during");
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
    assertThat(during.headers().firstValue("Retry-After")).isPresent();
    assertThat(JSON.readTree(during.body()).get("code").asText()).isEqualTo("overloaded");
    // delivery timeout 3 s: the request is not held for the 30 s of a client's timeout
    assertThat(millis).as("ms until the 503").isLessThan(10_000);
    HttpResponse<String> health = awaitHealth(503);
    assertThat(JSON.readTree(health.body()).at("/sink/state").asText()).isEqualTo("unreachable");

    broker.proxy().resume();
    awaitHealth(200);
    HttpResponse<String> after = post("after");
    assertThat(after.statusCode()).as(after.body()).isEqualTo(200);

    Set<String> inTopic = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : broker.read("hung-it", 2, Duration.ofSeconds(30))) {
      inTopic.add(EventRecord.decode(r.value()).messageId);
    }
    // "during" was refused: whether it still reached Kafka is open (a retry would be a duplicate)
    assertThat(inTopic).contains("before", "after");
  }

  private static HttpResponse<String> awaitHealth(int status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == status || System.nanoTime() > deadline) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r;
      }
    }
  }

  private static HttpResponse<String> post(String messageId) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/track"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u-1\",\"event\":\"Heartbeat\",\"messageId\":\""
            + messageId + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
  }
}
