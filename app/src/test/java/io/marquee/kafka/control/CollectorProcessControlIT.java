package io.marquee.kafka.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.access.Role;
import io.marquee.config.Settings;
import io.marquee.core.EventRecord;
import io.marquee.testing.DataFiles;
import io.marquee.testing.KafkaBroker;
import io.marquee.testing.ServerProcess;
import io.marquee.testing.TestNode;
import io.marquee.vault.ErasedException;
import io.marquee.vault.MasterKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two collector processes ({@code serve --sink kafka} without a data dir, child JVMs) following the
 * control topic of an owning node: what the owner revokes or erases takes effect at both within
 * the bound of docs/deploy.md, and both seal a user's data under the one key the owner decrypts with.
 */
class CollectorProcessControlIT {
  private static final Duration BOUND = ControlPlaneIT.BOUND;
  private static final String EVENTS = "collector-control-events";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern ERASED = Pattern.compile("marquee_events_dropped_total\\{reason=\"erased\"} ([0-9.eE+]+)");

  @TempDir static Path dir;
  private static final MasterKey MASTER = MasterKey.generate();
  private static KafkaBroker broker;
  private static TestNode owner;
  private static final List<ServerProcess> COLLECTORS = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    broker = KafkaBroker.start();
    owner = TestNode.start(dir.resolve("owner"), Settings.defaults().with("kafka.bootstrap", broker.bootstrap()),
        MASTER);
    Path keyFile = dir.resolve("master.json");
    MASTER.writeTo(keyFile);
    for (int i = 0; i < 2; i++) {
      COLLECTORS.add(ServerProcess.serve(Map.of(), "--sink", "kafka", "--kafka", broker.bootstrap(), "--topic", EVENTS,
          "--master-key-file", keyFile.toString()));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (ServerProcess c : COLLECTORS) {
      c.close();
    }
    owner.close();
    broker.close();
  }

  private static HttpResponse<String> post(ServerProcess c, String path, String body, String writeKey) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.port + path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (writeKey + ":").getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static double erasedDrops(ServerProcess c) throws Exception {
    String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = ERASED.matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static String track(String userId, String messageId) {
    return "{\"type\":\"track\",\"event\":\"Video Playback Started\",\"userId\":\"" + userId
        + "\",\"messageId\":\"" + messageId + "\",\"properties\":{\"asset_id\":\"a1\"}}";
  }

  /** Waits until {@code check} holds, at most {@code BOUND} after {@code t0}; returns the time since t0. */
  private static Duration within(long t0, String what, Check check) throws Exception {
    while (!check.holds()) {
      assertThat(System.nanoTime() - t0).as(what + " within " + BOUND.toMillis() + " ms").isLessThan(BOUND.toNanos());
      LockSupport.parkNanos(20_000_000L);
    }
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  @Test
  void aWriteRoleKeyRevokedOnTheOwner_isRefusedByBothCollectorProcessesWithinTheBound() throws Exception {
    assertThat(post(COLLECTORS.get(0), "/v1/track", track("u1", "w-0"), TestNode.WRITE_KEY).statusCode())
        .isEqualTo(200);
    String key = owner.node.apiKeys().create(Role.WRITE, "test");
    within(System.nanoTime(), "the new key works at both collectors", () ->
        post(COLLECTORS.get(0), "/v1/track", track("u1", "w-1"), key).statusCode() == 200
            && post(COLLECTORS.get(1), "/v1/track", track("u1", "w-2"), key).statusCode() == 200);
    long t0 = System.nanoTime();
    assertThat(owner.node.apiKeys().revoke(key.substring(3, 15), "test")).isTrue();
    Duration took = within(t0, "both collectors refuse the revoked key", () ->
        post(COLLECTORS.get(0), "/v1/track", track("u1", "w-3"), key).statusCode() == 401
            && post(COLLECTORS.get(1), "/v1/track", track("u1", "w-4"), key).statusCode() == 401);
    System.out.println("control plane, processes: a revocation reached both collectors in " + took.toMillis() + " ms");
  }

  @Test
  void anErasureOnTheOwner_stopsTheUsersEventsAtBothCollectorProcesses_whoseCiphertextsTheOwnerDecrypted()
      throws Exception {
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> r = post(COLLECTORS.get(i), "/v1/identify", "{\"userId\":\"erin\",\"messageId\":\"id-" + i
          + "\",\"traits\":{\"email\":\"erin" + i + "@example.com\"}}", TestNode.WRITE_KEY);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    List<byte[]> sealed = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : broker.read(EVENTS, 2, Duration.ofSeconds(30))) {
      EventRecord e = EventRecord.decode(r.value());
      JsonNode m = JSON.readTree(e.bytes, e.jsonOffset, e.jsonLength);
      if ("erin".equals(m.path("userId").asText()) && e.messageId.startsWith("id-")) {
        sealed.add(Base64.getDecoder().decode(m.path("traits").path("_vault").path("email").asText()));
      }
    }
    assertThat(sealed).hasSize(2);
    for (byte[] ct : sealed) { // one key for erin, made by one collector and used by both
      assertThat(new String(owner.node.vault().decrypt("erin", "email", ct), StandardCharsets.UTF_8))
          .matches("\"erin[01]@example.com\"");
    }

    String admin = owner.node.apiKeys().create(Role.ADMIN, "test");
    double[] before = {erasedDrops(COLLECTORS.get(0)), erasedDrops(COLLECTORS.get(1))};
    long t0 = System.nanoTime();
    assertThat(owner.call("DELETE", "/v1/privacy/users/erin", admin).statusCode()).isEqualTo(202);
    int[] n = {0};
    Duration took = within(t0, "both collectors drop erin's events", () -> {
      boolean all = true;
      for (int i = 0; i < 2; i++) {
        post(COLLECTORS.get(i), "/v1/track", track("erin", "probe-" + n[0]++), TestNode.WRITE_KEY);
        all &= erasedDrops(COLLECTORS.get(i)) > before[i];
      }
      return all;
    });
    System.out.println("control plane, processes: an erasure reached both collectors in " + took.toMillis() + " ms");
    for (int i = 0; i < 2; i++) {
      assertThat(post(COLLECTORS.get(i), "/v1/track", track("erin", "after-" + i), TestNode.WRITE_KEY).statusCode())
          .isEqualTo(200);
    }
    assertThat(post(COLLECTORS.get(0), "/v1/track", track("frank", "frank-1"), TestNode.WRITE_KEY).statusCode())
        .isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : broker.read(EVENTS, 1, Duration.ofSeconds(30))) {
      ids.add(EventRecord.decode(r.value()).messageId);
    }
    assertThat(ids).contains("frank-1").doesNotContain("after-0", "after-1");
    for (byte[] ct : sealed) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> owner.node.vault().decrypt("erin", "email", ct))
          .isInstanceOf(ErasedException.class);
    }
    assertThat(DataFiles.containing(broker.logDir(), "erin0@example.com", "erin1@example.com")).isEmpty();
  }
}
