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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An erasure reaches the recommendation models, end to end: views posted through {@code
 * /v1/batch}, a model trained from the store that personalizes one distinctive viewer, the viewer
 * erased through {@code DELETE /v1/privacy/users/{id}}, then the served model, the HTTP answer and
 * every file under {@code models/} checked for the viewer.
 */
class ErasureRecommendationsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Distinctive, so a byte scan cannot match another id or a title. */
  private static final String X = "viewer-x-erasure-7f3a";
  private static final int TITLES = 40;
  /** Titles t00..t29 are watched by everybody; t30..t39 only by X and a few fans. */
  private static final int NICHE = 30;
  private static final int USERS = 40;
  private static final int FANS = 10;

  @TempDir Path dataDir;
  private TestNode node;
  private String analyst;
  private final Set<String> watchedByX = new LinkedHashSet<>();

  private static String id(int i) {
    return String.format("t%02d", i);
  }

  private static List<Title> catalog() {
    List<Title> titles = new ArrayList<>();
    for (int i = 0; i < TITLES; i++) {
      titles.add(new Title(id(i), "Title " + i, "film", null, null, null,
          List.of(i < NICHE ? "drama" : "documentary"), "PG", 6000, "video", 2020));
    }
    return titles;
  }

  /** Appends an identify and one completed view per title for {@code user}. */
  private static Instant appendUser(StringBuilder batch, String user, int age, Set<String> titles,
      Instant at, int[] message) {
    batch.append(message[0] == 0 ? "" : ",").append("{\"type\":\"identify\",\"userId\":\"").append(user)
        .append("\",\"messageId\":\"m").append(++message[0]).append("\",\"timestamp\":\"").append(at)
        .append("\",\"traits\":{\"age\":").append(age).append(",\"country\":\"FR\"}}");
    for (String asset : titles) {
      at = at.plusSeconds(7_000);
      String props = "\"properties\":{\"session_id\":\"s" + message[0] + "\",\"asset_id\":\"" + asset
          + "\",\"total_length\":6000,\"position\":";
      batch.append(",{\"type\":\"track\",\"event\":\"Video Content Started\",\"userId\":\"").append(user)
          .append("\",\"messageId\":\"m").append(++message[0]).append("\",\"timestamp\":\"").append(at)
          .append("\",").append(props).append("0}}");
      batch.append(",{\"type\":\"track\",\"event\":\"Video Content Completed\",\"userId\":\"").append(user)
          .append("\",\"messageId\":\"m").append(++message[0]).append("\",\"timestamp\":\"")
          .append(at.plusSeconds(6000)).append("\",").append(props).append("6000}}");
    }
    return at;
  }

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(dataDir, Settings.defaults().with("recommend.retrain-minutes", 0));
    analyst = node.node.apiKeys().create(Role.ANALYST, "test");
    node.node.store().upsert(catalog());
    SplittableRandom rng = new SplittableRandom(20261128L);
    StringBuilder batch = new StringBuilder("{\"batch\":[");
    Instant at = Instant.parse("2026-10-01T20:00:00Z");
    int[] message = {0};
    for (int u = 0; u < USERS; u++) {
      Set<String> seen = new LinkedHashSet<>();
      // the fans watch four niche titles, everybody watches mainstream ones
      while (u < FANS && seen.size() < 4) {
        seen.add(id(NICHE + rng.nextInt(TITLES - NICHE)));
      }
      while (seen.size() < 8) {
        seen.add(id(rng.nextInt(NICHE)));
      }
      at = appendUser(batch, "u" + u, 20 + u % 40, seen, at, message);
    }
    for (int i = NICHE; i < NICHE + 6; i++) {
      watchedByX.add(id(i));
    }
    appendUser(batch, X, 33, watchedByX, at, message);
    batch.append("]}");
    HttpResponse<String> posted = node.post("/v1/batch", batch.toString(), TestNode.WRITE_KEY);
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    node.awaitStore();
    // two saved sets, so the erasure has an older one to drop
    node.server.recommendations().retrain().get(60, TimeUnit.SECONDS);
    node.server.recommendations().retrain().get(60, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  private JsonNode recommendations(String user) throws Exception {
    HttpResponse<String> r = node.call("GET", "/v1/users/" + user + "/recommendations?n=10", analyst);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static List<String> assets(JsonNode body) {
    List<String> ids = new ArrayList<>();
    body.get("items").forEach(i -> ids.add(i.get("asset_id").asText()));
    return ids;
  }

  private Path models() {
    return dataDir.resolve("models");
  }

  private List<Path> modelSets() throws Exception {
    try (Stream<Path> sets = Files.list(models())) {
      return sets.filter(Files::isDirectory).sorted().toList();
    }
  }

  /** Files under {@code models/} holding the UTF-8 bytes of {@code text}, with the bytes around it. */
  private List<String> modelFilesContaining(String text) throws Exception {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(models())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        int at = indexOf(bytes, needle);
        if (at >= 0) {
          int from = Math.max(0, at - 20);
          hits.add(f + ": ..." + new String(bytes, from, Math.min(bytes.length, at + needle.length + 20) - from,
              StandardCharsets.ISO_8859_1) + "...");
        }
      }
    }
    return hits;
  }

  private static int indexOf(byte[] whole, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= whole.length; i++) {
      for (int k = 0; k < part.length; k++) {
        if (whole[i + k] != part[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void anErasedViewer_leavesTheServedModel_theirListAndEveryModelFile() throws Exception {
    RecommendationService service = node.server.recommendations();

    // before: X is known, personal, their watched titles are left out and their taste shows
    assertThat(service.current().orElseThrow().user(X)).isNotNull();
    JsonNode before = recommendations(X);
    assertThat(before.get("personalized").asBoolean()).isTrue();
    assertThat(assets(before)).isNotEmpty().doesNotContainAnyElementsOf(watchedByX)
        .containsAnyOf(id(36), id(37), id(38), id(39));
    assertThat(modelSets()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(modelFilesContaining(X)).as("the scan finds X before the erasure").isNotEmpty();

    String admin = node.node.apiKeys().create(Role.ADMIN, "privacy officer");
    HttpResponse<String> erased = node.call("DELETE", "/v1/privacy/users/" + X, admin);
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(202);
    TrainedModel after = service.lastForgetting().get(60, TimeUnit.SECONDS);

    // (a) the served model no longer knows X, and X's list is not personal
    assertThat(after).isNotNull();
    assertThat(service.current().orElseThrow()).isSameAs(after);
    assertThat(service.current().get().user(X)).isNull();
    JsonNode list = recommendations(X);
    assertThat(list.get("personalized").asBoolean()).isFalse();
    assertThat(assets(list)).isNotEmpty();
    assertThat(recommendations("u1").get("personalized").asBoolean()).as("others stay personal").isTrue();

    // (b) one model set on disk, the one `current` names
    List<Path> sets = modelSets();
    assertThat(sets).hasSize(1);
    assertThat(Files.readString(models().resolve("current")).strip())
        .isEqualTo(sets.get(0).getFileName().toString());

    // (c) no file under models/ holds X's id
    assertThat(modelFilesContaining(X)).isEmpty();
    node.close();
    node = TestNode.start(dataDir, Settings.defaults().with("recommend.retrain-minutes", 0));
    node.awaitStore();
    node.server.recommendations().started().get(60, TimeUnit.SECONDS);
    try (java.sql.Connection c = node.node.store().readConnection(); java.sql.Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM events WHERE user_id = '" + X
            + "'), (SELECT count(*) FROM views WHERE user_id = '" + X + "')")) {
      r.next();
      System.out.println("SCRATCH rows after restart: events=" + r.getLong(1) + " views=" + r.getLong(2));
    }
    System.out.println("SCRATCH model knows X after restart: "
        + (node.server.recommendations().current().orElseThrow().user(X) != null));
    node.server.recommendations().retrain().get(60, TimeUnit.SECONDS);
    System.out.println("SCRATCH after retrain: " + (node.server.recommendations().current().orElseThrow().user(X) != null)
        + " files=" + modelFilesContaining(X));
  }
}
