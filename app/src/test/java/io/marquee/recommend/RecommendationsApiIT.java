package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.access.Role;
import io.marquee.config.Settings;
import io.marquee.core.Title;
import io.marquee.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recommendations end to end: views and identify traits posted through {@code /v1/batch}, a model
 * trained from the store, lists served over HTTP with their rules, consent and swaps.
 */
class RecommendationsApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TITLES = 40;
  private static final int USERS = 60;

  @TempDir Path dataDir;
  private TestNode node;
  private String key;
  private final List<Set<String>> watched = new ArrayList<>();

  /** Titles t00..t39: the first ten rated R (and the most watched), the rest PG; two genres. */
  private static List<Title> catalog() {
    List<Title> titles = new ArrayList<>();
    for (int i = 0; i < TITLES; i++) {
      titles.add(new Title(id(i), "Title " + i, "film", null, null, null,
          List.of(i % 2 == 0 ? "drama" : "comedy"), i < 5 ? "R" : i < 10 ? "TV-MA" : "PG", 6000,
          "video", 2020, null, null));
    }
    return titles;
  }

  private static String id(int i) {
    return String.format("t%02d", i);
  }

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(dataDir, Settings.defaults().with("recommend.retrain-minutes", 0));
    key = node.node.apiKeys().create(Role.ANALYST, "test");
    node.node.store().upsert(catalog());
    SplittableRandom rng = new SplittableRandom(42);
    StringBuilder batch = new StringBuilder("{\"batch\":[");
    Instant at = Instant.parse("2026-10-01T20:00:00Z");
    int message = 0;
    for (int u = 0; u < USERS; u++) {
      Set<String> seen = new HashSet<>();
      int age = u == 0 ? 15 : 20 + u % 40;
      batch.append(message++ == 0 ? "" : ",").append("{\"type\":\"identify\",\"userId\":\"u")
          .append(u).append("\",\"messageId\":\"m").append(message).append("\",\"timestamp\":\"")
          .append(at).append("\",\"traits\":{\"age\":").append(age)
          .append(",\"country\":\"FR\",\"interests\":[\"drama\"]}}");
      while (seen.size() < 8) {
        // adult titles are the most watched: without the maturity rule they would top every list
        int item = rng.nextInt(3) == 0 ? rng.nextInt(10) : rng.nextInt(TITLES);
        if (u == 0 && item < 10) {
          continue;
        }
        if (!seen.add(id(item))) {
          continue;
        }
        at = at.plusSeconds(7_000);
        String props = "\"properties\":{\"session_id\":\"s" + message + "\",\"asset_id\":\""
            + id(item) + "\",\"total_length\":6000,\"position\":";
        batch.append(",{\"type\":\"track\",\"event\":\"Video Content Started\",\"userId\":\"u")
            .append(u).append("\",\"messageId\":\"m").append(++message).append("\",\"timestamp\":\"")
            .append(at).append("\",").append(props).append("0}}");
        batch.append(",{\"type\":\"track\",\"event\":\"Video Content Completed\",\"userId\":\"u")
            .append(u).append("\",\"messageId\":\"m").append(++message).append("\",\"timestamp\":\"")
            .append(at.plusSeconds(6000)).append("\",").append(props).append("6000}}");
      }
      watched.add(seen);
    }
    batch.append("]}");
    assertThat(node.post("/v1/batch", batch.toString(), TestNode.WRITE_KEY).statusCode())
        .isEqualTo(200);
    node.awaitStore();
    node.server.recommendations().retrain().get(120, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = node.call("GET", path, key);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static List<String> assets(JsonNode body) {
    List<String> ids = new ArrayList<>();
    body.get("items").forEach(i -> ids.add(i.get("asset_id").asText()));
    return ids;
  }

  @Test
  void aUsersList_leavesOutWhatTheyWatched_andExplainsEveryItem() throws Exception {
    for (int u = 1; u < 6; u++) {
      JsonNode body = get("/v1/users/u" + u + "/recommendations?n=10");
      assertThat(body.get("user_id").asText()).isEqualTo("u" + u);
      assertThat(body.get("personalized").asBoolean()).isTrue();
      assertThat(assets(body)).hasSize(10).doesNotContainAnyElementsOf(watched.get(u));
      body.get("items").forEach(i -> {
        assertThat(i.get("explanation").asText()).isNotBlank();
        assertThat(i.get("score").isNumber()).isTrue();
      });
    }
  }

  /** Posts a Video Content Started of {@code asset} by {@code user} and waits until it is stored. */
  private void started(String user, String asset, String messageId) throws Exception {
    String event = "{\"type\":\"track\",\"event\":\"Video Content Started\",\"userId\":\"" + user
        + "\",\"messageId\":\"" + messageId + "\",\"timestamp\":\"2026-11-01T20:00:00Z\","
        + "\"properties\":{\"session_id\":\"late-" + messageId + "\",\"asset_id\":\"" + asset
        + "\",\"total_length\":6000,\"position\":0}}";
    assertThat(node.post("/v1/track", event, TestNode.WRITE_KEY).statusCode()).isEqualTo(200);
    node.awaitStore();
  }

  @Test
  void aTitleStartedSinceTheTraining_leavesTheList_atOnce() throws Exception {
    List<String> before = assets(get("/v1/users/u1/recommendations?n=10"));
    String first = before.get(0);
    started("u1", first, "late-1");
    List<String> after = assets(get("/v1/users/u1/recommendations?n=10"));
    assertThat(after).hasSize(10).doesNotContain(first).doesNotContainAnyElementsOf(watched.get(1));
  }

  @Test
  void aNewViewersFirstPlays_makeTheirListPersonal_beforeAnyRetraining() throws Exception {
    assertThat(get("/v1/users/newcomer/recommendations").get("personalized").asBoolean()).isFalse();
    started("newcomer", "t12", "late-2");
    started("newcomer", "t14", "late-3");
    JsonNode body = get("/v1/users/newcomer/recommendations?n=10");
    assertThat(body.get("personalized").asBoolean()).isTrue();
    assertThat(assets(body)).hasSize(10).doesNotContain("t12", "t14")
        .allSatisfy(a -> assertThat(Integer.parseInt(a.substring(1))).isGreaterThanOrEqualTo(10));
  }

  @Test
  void anErasure_retrainsWithoutTheUser_andLeavesOnlyTheNewSetOnDisk() throws Exception {
    String viewer = "viewer-to-erase-7f3a"; // long enough not to occur by chance in binary data
    started(viewer, "t12", "erase-1");
    started(viewer, "t14", "erase-2");
    started(viewer, "t16", "erase-3");
    node.server.recommendations().retrain().get(120, TimeUnit.SECONDS); // a second saved set
    assertThat(node.server.recommendations().current().orElseThrow().user(viewer)).isNotNull();
    assertThat(bytesOf(dataDir.resolve("models"), viewer)).isNotEmpty(); // the scan can see it
    String admin = node.node.apiKeys().create(Role.ADMIN, "privacy officer");

    assertThat(node.call("DELETE", "/v1/privacy/users/" + viewer, admin).statusCode()).isEqualTo(202);
    TrainedModel after = node.server.recommendations().lastForgetting().get(120, TimeUnit.SECONDS);

    assertThat(after.user(viewer)).isNull();
    assertThat(node.server.recommendations().current().orElseThrow()).isSameAs(after);
    assertThat(get("/v1/users/" + viewer + "/recommendations").get("personalized").asBoolean())
        .isFalse();
    try (var sets = Files.list(dataDir.resolve("models"))) {
      assertThat(sets.filter(Files::isDirectory).toList()).hasSize(1);
    }
    assertThat(bytesOf(dataDir.resolve("models"), viewer)).isEmpty();
  }

  /** The files under {@code dir} that contain {@code text} in UTF-8. */
  private static List<Path> bytesOf(Path dir, String text) throws Exception {
    byte[] id = text.getBytes(StandardCharsets.UTF_8);
    List<Path> found = new ArrayList<>();
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (indexOf(Files.readAllBytes(f), id) >= 0) {
          found.add(f);
        }
      }
    }
    return found;
  }

  /** Where {@code part} starts in {@code whole}, or -1. */
  private static int indexOf(byte[] whole, byte[] part) {
    for (int i = 0; i + part.length <= whole.length; i++) {
      boolean match = true;
      for (int k = 0; k < part.length && match; k++) {
        match = whole[i + k] == part[k];
      }
      if (match) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void aFifteenYearOld_getsNoAdultTitles() throws Exception {
    JsonNode body = get("/v1/users/u0/recommendations?n=30");
    assertThat(assets(body)).isNotEmpty()
        .allSatisfy(a -> assertThat(Integer.parseInt(a.substring(1))).isGreaterThanOrEqualTo(10));
    // an adult with the same catalog does get them: the rule, not the data, keeps them out
    assertThat(assets(get("/v1/users/u1/recommendations?n=30")))
        .anySatisfy(a -> assertThat(Integer.parseInt(a.substring(1))).isLessThan(10));
  }

  @Test
  void withoutPersonalizationConsent_theListIsNotPersonal() throws Exception {
    node.node.consent().update("u2", JSON.readTree("{\"personalization\":false}"));
    JsonNode body = get("/v1/users/u2/recommendations");
    assertThat(body.get("personalized").asBoolean()).isFalse();
    assertThat(assets(body)).isNotEmpty();
    assertThat(get("/v1/users/u3/recommendations").get("personalized").asBoolean()).isTrue();
  }

  @Test
  void anUnknownUser_getsANonPersonalFamilySafeList() throws Exception {
    JsonNode body = get("/v1/users/nobody/recommendations?media_type=video");
    assertThat(body.get("personalized").asBoolean()).isFalse();
    assertThat(assets(body)).isNotEmpty()
        .allSatisfy(a -> assertThat(Integer.parseInt(a.substring(1))).isGreaterThanOrEqualTo(10));
  }

  @Test
  void similarTitles_leaveOutTheTitle_andAnUnknownTitleIs404() throws Exception {
    JsonNode body = get("/v1/titles/t12/similar?n=5");
    assertThat(assets(body)).hasSize(5).doesNotContain("t12");
    body.get("items").forEach(i -> {
      String id = i.get("asset_id").asText();
      assertThat(i.get("title").asText()).isEqualTo("Title " + Integer.parseInt(id.substring(1)));
      assertThat(i.get("kind").asText()).isEqualTo("film");
    });
    assertThat(node.call("GET", "/v1/titles/nope/similar", key).statusCode()).isEqualTo(404);
  }

  @Test
  void badParameters_are400_andNoKeyIs401() throws Exception {
    assertThat(node.call("GET", "/v1/users/u1/recommendations?n=0", key).statusCode()).isEqualTo(400);
    assertThat(node.call("GET", "/v1/users/u1/recommendations?n=101", key).statusCode()).isEqualTo(400);
    assertThat(node.call("GET", "/v1/users/u1/recommendations?n=x", key).statusCode()).isEqualTo(400);
    assertThat(node.call("GET", "/v1/users/u1/recommendations?media_type=film", key).statusCode())
        .isEqualTo(400);
    assertThat(node.call("GET", "/v1/users/u1/recommendations", null).statusCode()).isEqualTo(401);
    assertThat(node.call("GET", "/v1/titles/t12/similar", null).statusCode()).isEqualTo(401);
  }

  @Test
  void retrainingWhileServing_neverFailsARequest() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    List<Thread> clients = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int offset = t;
      Thread client = new Thread(() -> {
        for (int k = 0; running.get() || k < 20; k++) {
          try {
            statuses.add(node.call("GET", "/v1/users/u" + (k + offset) % USERS
                + "/recommendations?n=5", key).statusCode());
          } catch (Exception e) {
            statuses.add(-1);
          }
        }
      });
      client.start();
      clients.add(client);
    }
    TrainedModel before = node.server.recommendations().current().orElseThrow();
    node.server.recommendations().retrain().get(120, TimeUnit.SECONDS);
    node.server.recommendations().retrain().get(120, TimeUnit.SECONDS);
    running.set(false);
    for (Thread client : clients) {
      client.join(TimeUnit.SECONDS.toMillis(60));
    }
    assertThat(node.server.recommendations().current().orElseThrow()).isNotSameAs(before);
    assertThat(statuses).hasSizeGreaterThanOrEqualTo(40).containsOnly(200);
  }

  @Test
  void aRestartedNode_servesThePublishedModel() throws Exception {
    node.close();
    node = TestNode.start(dataDir, Settings.defaults().with("recommend.retrain-minutes", 0));
    key = node.node.apiKeys().create(Role.ANALYST, "test2");
    node.server.recommendations().started().get(60, TimeUnit.SECONDS);
    JsonNode body = get("/v1/users/u4/recommendations?n=5");
    assertThat(body.get("personalized").asBoolean()).isTrue();
    assertThat(assets(body)).doesNotContainAnyElementsOf(watched.get(4));
  }

  @Test
  void trainOnline_retrainsTheRunningServer_whichServesTheNewSetAtOnce() throws Exception {
    String admin = node.node.apiKeys().create(Role.ADMIN, "ops");
    assertThat(node.call("GET", "/v1/admin/recommendations/train", admin).statusCode()).isEqualTo(404);
    assertThat(node.call("POST", "/v1/admin/recommendations/train", key).statusCode()).isEqualTo(403);
    TrainedModel before = node.server.recommendations().current().orElseThrow();

    io.marquee.testing.Cli train = io.marquee.testing.Cli.run("train", "--url", node.url(""), "--api-key", admin);

    assertThat(train.exitCode).as(train.toString()).isZero();
    assertThat(train.out).contains("users " + USERS).contains("items " + TITLES).contains("(served now)");
    assertThat(node.server.recommendations().current().orElseThrow()).isNotSameAs(before);
    JsonNode status = JSON.readTree(node.call("GET", "/v1/admin/recommendations/train", admin).body());
    assertThat(status.get("state").asText()).isEqualTo("done");
    assertThat(status.get("users").asInt()).isEqualTo(USERS);
  }

  @Test
  void trainOnline_withAnAnalystKey_isRefusedAndTrainsNothing() {
    io.marquee.testing.Cli train = io.marquee.testing.Cli.run("train", "--url", node.url(""), "--api-key", key);

    assertThat(train.exitCode).isEqualTo(1);
    assertThat(train.err).contains("403");
    assertThat(node.server.recommendations().lastRequested()).isEmpty();
  }
}
