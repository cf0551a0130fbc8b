package io.marquee.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.config.Settings;
import io.marquee.core.EventRecord;
import io.marquee.testing.DataFiles;
import io.marquee.testing.KafkaBroker;
import io.marquee.testing.ServerProcess;
import io.marquee.testing.TestNode;
import io.marquee.vault.MasterKey;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collector process ({@code serve --sink kafka}, a child JVM following the control topic of an
 * in-process owning node with the same master key) killed with SIGKILL under load:
 * every event it answered 200 for is in the topic, and no file of the broker's log holds the
 * personal data of the identify calls among them in plaintext, while the owning node decrypts them
 * (the data keys the killed collector made reached it through the control topic).
 */
class CollectorKillIT {
  private static final String KEY = TestNode.WRITE_KEY; // the owning node's, from the control topic
  private static final String TOPIC = "kill-it";
  private static final String EMAIL = "grace.hopper@example.org";
  private static final String PHONE = "+1 202 555 0147";
  private static final String NAME = "Grace Brewster Hopper";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static KafkaBroker broker;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    broker = KafkaBroker.start();
    broker.createTopic(TOPIC, 4);
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  @Test
  void kill9DuringLoad_everyAcknowledgedEventIsInTheTopic_andNoPersonalDataInItsLogFiles() throws Exception {
    Path keyFile = dir.resolve("master.key");
    MasterKey master = MasterKey.generate();
    master.writeTo(keyFile);
    Set<String> acked = ConcurrentHashMap.newKeySet();
    int threads = 4;
    CountDownLatch enoughAcks = new CountDownLatch(60);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (TestNode owner = TestNode.start(dir.resolve("owner"), Settings.defaults().with("kafka.bootstrap",
            broker.bootstrap()), master);
        ServerProcess collector = ServerProcess.serve(Map.of(), "--sink", "kafka", "--kafka", broker.bootstrap(),
            "--topic", TOPIC, "--master-key-file", keyFile.toString())) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        pool.submit(() -> {
          for (int b = 0; b < 100_000; b++) {
            String[] ids = new String[20];
            StringBuilder body = new StringBuilder("{\"batch\":[");
            for (int i = 0; i < ids.length; i++) {
              ids[i] = "k-" + thread + "-" + b + "-" + i;
              body.append(i == 0 ? "" : ",");
              if (i == 0) {
                // an identify with personal traits in every batch: the vault must seal them
                body.append("{\"type\":\"identify\",\"userId\":\"u").append(thread).append("\",\"messageId\":\"")
                    .append(ids[i]).append("\",\"traits\":{\"email\":\"").append(EMAIL).append("\",\"phone\":\"")
                    .append(PHONE).append("\",\"name\":\"").append(NAME).append("\",\"plan\":\"premium\"}}");
              } else {
                body.append("{\"type\":\"track\",\"event\":\"Video Content Playing\",\"userId\":\"u").append(thread)
                    .append("\",\"messageId\":\"").append(ids[i]).append("\",\"properties\":{\"asset_id\":\"a1\",")
                    .append("\"position\":").append(i).append("}}");
              }
            }
            body.append("]}");
            try {
              HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + collector.port + "/v1/batch"))
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
              return null; // the collector is gone
            }
          }
          return null;
        });
      }
      assertThat(enoughAcks.await(120, TimeUnit.SECONDS)).as("60 batches acknowledged").isTrue();
      collector.kill9();
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      assertOwnerDecrypts(owner, acked);
    }
    Set<String> ackedSnapshot = new HashSet<>(acked);
    assertThat(ackedSnapshot).hasSizeGreaterThanOrEqualTo(60 * 20);

    Set<String> inTopic = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : broker.read(TOPIC, ackedSnapshot.size(), Duration.ofSeconds(60))) {
      inTopic.add(EventRecord.decode(r.value()).messageId);
    }
    Set<String> missing = new HashSet<>(ackedSnapshot);
    missing.removeAll(inTopic);
    assertThat(missing).as("acknowledged with 200 but not in the topic").isEmpty();

    // the scan reads the records' bytes (uncompressed): what is not personal is there in plaintext
    assertThat(DataFiles.containing(broker.logDir(), "Video Content Playing")).isNotEmpty();
    assertThat(DataFiles.containing(broker.logDir(), "k-0-0-0")).isNotEmpty();
    assertThat(DataFiles.containing(broker.logDir(), EMAIL, PHONE, NAME)).isEmpty();
  }

  /** The owner decrypts the e-mail of an acknowledged identify the killed collector sealed (within 30 s). */
  private static void assertOwnerDecrypts(TestNode owner, Set<String> acked) throws Exception {
    byte[] sealed = null;
    for (ConsumerRecord<byte[], byte[]> r : broker.read(TOPIC, acked.size(), Duration.ofSeconds(60))) {
      EventRecord e = EventRecord.decode(r.value());
      if (e.type.equals("identify") && e.messageId.startsWith("k-0-") && acked.contains(e.messageId)) {
        JsonNode m = JSON.readTree(e.bytes, e.jsonOffset, e.jsonLength);
        sealed = Base64.getDecoder().decode(m.path("traits").path("_vault").path("email").asText());
        break;
      }
    }
    assertThat(sealed).as("an acknowledged identify of u0 in the topic").isNotNull();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        assertThat(new String(owner.node.vault().decrypt("u0", "email", sealed), StandardCharsets.UTF_8))
            .isEqualTo("\"" + EMAIL + "\"");
        return;
      } catch (RuntimeException notYet) { // the owner has not read the data key yet
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        LockSupport.parkNanos(20_000_000L);
      }
    }
  }
}
