package io.marquee.kafka.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.access.Role;
import io.marquee.config.Settings;
import io.marquee.core.ConsentChoice;
import io.marquee.privacy.PrivacyGuard;
import io.marquee.testing.DataFiles;
import io.marquee.testing.KafkaBroker;
import io.marquee.testing.TestNode;
import io.marquee.vault.ErasedException;
import io.marquee.vault.MasterKey;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane end to end on the in-process broker: an owning node (a {@link TestNode} with
 * {@code kafka.bootstrap}) and two collectors ({@link CollectorState}s, as {@code serve --sink kafka}
 * holds them), each judging messages with the {@link PrivacyGuard} a collector applies at the door.
 */
class ControlPlaneIT {
  /** The bound docs/deploy.md states for a change to reach every collector. */
  static final Duration BOUND = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static KafkaBroker broker;

  @TempDir Path dataDir;
  private final MasterKey master = MasterKey.generate();
  private String topic;
  private TestNode owner;
  private CollectorState one;
  private CollectorState two;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @BeforeEach
  void start() throws Exception {
    topic = "control-" + TOPICS.incrementAndGet();
    owner = TestNode.start(dataDir, Settings.defaults()
        .with(Map.of("kafka.bootstrap", broker.bootstrap(), "kafka.control.topic", topic)), master);
    one = CollectorState.join(broker.bootstrap(), topic, master, Duration.ofSeconds(30));
    two = CollectorState.join(broker.bootstrap(), topic, master, Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() throws Exception {
    one.close();
    two.close();
    owner.close();
  }

  private static PrivacyGuard guard(CollectorState c) {
    return new PrivacyGuard(c.vault(), c.suppressions(), c.consent(), JSON);
  }

  /** Waits for {@code condition} up to {@code bound}; returns how long it took, failing past it. */
  private static Duration within(Duration bound, String what, BooleanSupplier condition) {
    return within(System.nanoTime(), bound, what, condition);
  }

  /** Waits for {@code condition} until {@code bound} after {@code t0} (a nanoTime); returns the time since t0. */
  private static Duration within(long t0, Duration bound, String what, BooleanSupplier condition) {
    long deadline = t0 + bound.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what + " within " + bound.toMillis() + " ms").isLessThan(deadline);
      LockSupport.parkNanos(5_000_000L);
    }
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  private static ObjectNode identify(String userId, String email) {
    ObjectNode m = JSON.createObjectNode();
    m.put("type", "identify");
    m.put("userId", userId);
    m.put("messageId", "m-" + userId + "-" + System.nanoTime());
    m.putObject("traits").put("email", email).put("plan", "premium");
    return m;
  }

  private static byte[] sealedEmail(ObjectNode keptMessage) {
    return Base64.getDecoder().decode(keptMessage.get("traits").get(PrivacyGuard.VAULT_FIELD).get("email").asText());
  }

  @Test
  void aCollectorStartedBeforeItsOwner_waitsForTheOwnersFirstPublication_andThenFollowsIt(@TempDir Path other)
      throws Exception {
    String fresh = topic + "-late-owner";
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<CollectorState> joining = pool.submit(() ->
          CollectorState.join(broker.bootstrap(), fresh, master, Duration.ofSeconds(60)));
      try (TestNode late = TestNode.start(other, Settings.defaults()
          .with(Map.of("kafka.bootstrap", broker.bootstrap(), "kafka.control.topic", fresh)), master)) {
        String writer = late.node.apiKeys().create(Role.WRITE, "late");
        try (CollectorState c = joining.get(60, java.util.concurrent.TimeUnit.SECONDS)) {
          within(BOUND, "the late owner's key at the early collector", () -> c.writeKeys().sourceFor(writer) != null);
          assertThat(c.vault()).isNotNull();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCollectorWhoseOwnerNeverPublishes_isRefusedNamingTheOwnerItWaitedFor() {
    assertThatThrownBy(() -> CollectorState.join(broker.bootstrap(), topic + "-no-owner", master, Duration.ofSeconds(3)))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("no owning node has published").hasMessageContaining("within 3 s");
  }

  @Test
  void aKeyStartedBeforeTheCollectors_isAccepted_andRevokedOnTheOwner_isRefusedByBothWithinTheBound()
      throws Exception {
    String admin = owner.node.apiKeys().create(Role.ADMIN, "test");
    String writer = owner.node.apiKeys().create(Role.WRITE, "test");
    within(BOUND, "new keys reach both collectors", () -> one.apiKeys().authenticate(admin).isPresent()
        && two.apiKeys().authenticate(admin).isPresent() && two.writeKeys().sourceFor(writer) != null);
    assertThat(one.writeKeys().sourceFor(TestNode.WRITE_KEY)).isNotNull(); // published at the owner's start
    assertThat(one.writeKeys().sourceFor("wk_never-issued")).isNull();

    String id = admin.substring(3, 15);
    long t0 = System.nanoTime();
    assertThat(owner.node.apiKeys().revoke(id, "test")).isTrue();
    assertThat(owner.node.apiKeys().revoke(writer.substring(3, 15), "test")).isTrue();
    Duration took = within(t0, BOUND, "the revocation reaches both collectors", () -> one.apiKeys().authenticate(admin)
        .isEmpty() && two.apiKeys().authenticate(admin).isEmpty() && one.writeKeys().sourceFor(writer) == null
        && two.writeKeys().sourceFor(writer) == null);
    assertThat(took).isLessThan(BOUND);
    System.out.println("control plane: a revocation reached both collectors in " + took.toMillis() + " ms");
    assertThatThrownBy(() -> one.apiKeys().create(Role.ADMIN, "x")).isInstanceOf(IllegalStateException.class);

    // `marquee keys revoke` beside the running owner changes only the file; the owner notices and shares it
    String analyst = owner.node.apiKeys().create(Role.ANALYST, "test");
    within(BOUND, "the analyst key reaches a collector", () -> two.apiKeys().authenticate(analyst).isPresent());
    long t1 = System.nanoTime();
    assertThat(io.marquee.access.ApiKeys.open(dataDir, owner.node.audit()).revoke(analyst.substring(3, 15), "cli"))
        .isTrue();
    Duration viaFile = within(t1, BOUND, "a revocation by the command reaches both collectors",
        () -> one.apiKeys().authenticate(analyst).isEmpty() && two.apiKeys().authenticate(analyst).isEmpty());
    System.out.println("control plane: a revocation by `marquee keys` reached both collectors in "
        + viaFile.toMillis() + " ms");

    // twenty more, for the figures in docs/benchmarks.md ("Control plane")
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String k = owner.node.apiKeys().create(Role.ANALYST, "test");
      within(BOUND, "key " + i + " reaches both", () -> one.apiKeys().authenticate(k).isPresent()
          && two.apiKeys().authenticate(k).isPresent());
      long start = System.nanoTime();
      owner.node.apiKeys().revoke(k.substring(3, 15), "test");
      millis.add(within(start, BOUND, "revocation " + i + " reaches both", () -> one.apiKeys().authenticate(k)
          .isEmpty() && two.apiKeys().authenticate(k).isEmpty()).toMillis());
    }
    java.util.Collections.sort(millis);
    System.out.println("control plane: 20 revocations reached both collectors in p50 " + millis.get(10) + " ms, max "
        + millis.get(19) + " ms");

    // a collector that starts now reads the revocation before it serves
    try (CollectorState late = CollectorState.join(broker.bootstrap(), topic, master, Duration.ofSeconds(30))) {
      assertThat(late.apiKeys().authenticate(admin)).isEmpty();
      assertThat(late.apiKeys().list()).extracting(k -> k.id()).contains(id);
    }
  }

  @Test
  void aWriteKeyAddedOnTheOwner_isAcceptedByBothCollectors() throws Exception {
    owner.node.writeKeys().add("wk_added-later");
    within(BOUND, "the write key reaches both collectors", () -> one.writeKeys().sourceFor("wk_added-later") != null
        && two.writeKeys().sourceFor("wk_added-later") != null);
    assertThat(one.writeKeys().sourceFor("wk_added-later")).isEqualTo(
        io.marquee.collect.WriteKeys.sourceIdOf("wk_added-later"));
  }

  @Test
  void anErasureOnTheOwner_stopsTheUsersEventsAtBothCollectors_andTheirDataKeyIsUnusableOnBoth()
      throws Exception {
    ObjectNode m = identify("erin", "erin@example.com");
    assertThat(guard(one).apply(m).outcome()).isEqualTo(PrivacyGuard.Outcome.KEEP);
    byte[] ct = sealedEmail(m);
    within(BOUND, "the other collector learns the key", () -> two.vault().hasKey("erin"));
    assertThat(new String(two.vault().decrypt("erin", "email", ct), StandardCharsets.UTF_8))
        .isEqualTo("\"erin@example.com\"");
    within(BOUND, "the owner adopts the collector's key", () -> owner.node.vault().hasKey("erin"));
    guard(one).recordConsent(new ConsentChoice("erin", "api", Map.of("marketing", true)));
    within(BOUND, "the consent reaches the other collector", () -> two.consent().optedIn("erin", "marketing"));
    String admin = owner.node.apiKeys().create(Role.ADMIN, "test");

    long t0 = System.nanoTime();
    HttpResponse<String> erased = owner.call("DELETE", "/v1/privacy/users/erin", admin);
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(202);
    Duration took = within(t0, BOUND, "both collectors drop erin's events", () ->
        guard(one).byIds("erin", null).outcome() == PrivacyGuard.Outcome.DROP
            && guard(two).byIds("erin", null).outcome() == PrivacyGuard.Outcome.DROP);
    assertThat(took).isLessThan(BOUND);
    System.out.println("control plane: an erasure (request sent to both dropping) took " + took.toMillis() + " ms");
    within(BOUND, "erin's data key leaves both collectors", () -> !one.vault().hasKey("erin")
        && !two.vault().hasKey("erin"));
    for (CollectorState c : List.of(one, two)) {
      assertThatThrownBy(() -> c.vault().decrypt("erin", "email", ct)).isInstanceOf(ErasedException.class);
      assertThat(guard(c).apply(identify("erin", "erin@example.com")).reason()).isEqualTo("erased");
      assertThat(c.consent().choices("erin")).isEmpty();
    }
    assertThatThrownBy(() -> owner.node.vault().decrypt("erin", "email", ct)).isInstanceOf(ErasedException.class);
    assertThat(guard(two).byIds("frank", null).outcome()).isEqualTo(PrivacyGuard.Outcome.KEEP);
  }

  @Test
  void twoCollectorsEncryptingANewUsersDataAtOnce_endUpWithOneKey_andTheOwnerDecryptsBoth() throws Exception {
    int users = 20;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<byte[]>>> runs = new ArrayList<>();
      for (CollectorState c : List.of(one, two)) {
        runs.add(pool.submit(() -> {
          go.await();
          List<byte[]> out = new ArrayList<>();
          for (int u = 0; u < users; u++) {
            ObjectNode m = identify("new-" + u, "new" + u + "@example.com");
            assertThat(guard(c).apply(m).outcome()).isEqualTo(PrivacyGuard.Outcome.KEEP);
            out.add(sealedEmail(m));
          }
          return out;
        }));
      }
      go.countDown();
      List<byte[]> fromOne = runs.get(0).get();
      List<byte[]> fromTwo = runs.get(1).get();
      within(BOUND, "the owner holds every new key", () -> owner.node.vault().size() >= users);
      for (int u = 0; u < users; u++) {
        String expected = "\"new" + u + "@example.com\"";
        for (byte[] ct : List.of(fromOne.get(u), fromTwo.get(u))) {
          assertThat(new String(owner.node.vault().decrypt("new-" + u, "email", ct), StandardCharsets.UTF_8))
              .isEqualTo(expected);
          assertThat(new String(one.vault().decrypt("new-" + u, "email", ct), StandardCharsets.UTF_8))
              .isEqualTo(expected);
          assertThat(new String(two.vault().decrypt("new-" + u, "email", ct), StandardCharsets.UTF_8))
              .isEqualTo(expected);
        }
      }
      assertThat(owner.node.vault().size()).isEqualTo(users);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void consentWithdrawnAtOneCollector_dropsTheUsersEventsAtTheOther() throws Exception {
    ObjectNode withdraw = JSON.createObjectNode();
    withdraw.put("type", "track");
    withdraw.put("event", ConsentChoice.EVENT);
    withdraw.put("userId", "carl");
    withdraw.putObject("properties").putObject(ConsentChoice.PREFERENCES).put("analytics", false);
    assertThat(guard(one).apply(withdraw).outcome()).isEqualTo(PrivacyGuard.Outcome.KEEP);
    guard(one).recordConsent(ConsentChoice.of(withdraw)); // as the collector does once Kafka acknowledged it
    within(BOUND, "the withdrawal reaches the other collector",
        () -> guard(two).byIds("carl", null).reason() != null);
    assertThat(guard(two).byIds("carl", null).reason()).isEqualTo("no_analytics_consent");
    within(BOUND, "and the owning node", () -> !owner.node.consent().allows("carl", "analytics"));
  }

  @Test
  void theTopicsLogFiles_holdNoKeyInTheClearAndNoPersonalData() throws Exception {
    String admin = owner.node.apiKeys().create(Role.ADMIN, "test");
    owner.node.writeKeys().add("wk_secret-write-key");
    ObjectNode m = identify("gina", "gina.rossi@example.com");
    m.with("traits").put("phone", "+4915112345678").put("lastName", "Rossi-Verdi");
    assertThat(guard(one).apply(m).outcome()).isEqualTo(PrivacyGuard.Outcome.KEEP);
    String adminId = admin.substring(3, 15);
    within(BOUND, "the key reaches the collectors", () -> two.apiKeys().authenticate(admin).isPresent());
    List<String> read = broker.read(topic, 1, Duration.ofSeconds(10)).stream()
        .map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList();
    assertThat(read).anyMatch(k -> k.contains("vault-index"));
    Path files = broker.logDir();
    assertThat(DataFiles.containing(files, adminId)).as("the scan reads the topic's files").isNotEmpty();
    assertThat(DataFiles.containing(files, admin, admin.substring(16), "wk_secret-write-key", TestNode.WRITE_KEY,
        "gina.rossi@example.com", "+4915112345678", "Rossi-Verdi", masterKeyMaterial())).isEmpty();
  }

  /** The base64 key value of the master key's keyset JSON (what must never leave its file). */
  private String masterKeyMaterial() throws Exception {
    Path f = dataDir.resolveSibling(dataDir.getFileName() + "-master.json");
    master.writeTo(f);
    String json = java.nio.file.Files.readString(f);
    return JSON.readTree(json).get("key").get(0).get("keyData").get("value").asText();
  }
}
