package io.marquee.audiences;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.access.Role;
import io.marquee.config.Settings;
import io.marquee.core.Title;
import io.marquee.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/audiences/for-title/{assetId}} on a hand-built platform of 60 users {@code
 * u00..u59} whose attributes follow from their index {@code i}:
 * <ul>
 *   <li>age by {@code i % 3}: 16 (a minor), none declared (unknown), 30; gender f for even i, m for odd.
 *   <li>horror fans {@code i < 30} watch the R-rated horror films h1 and h2; comedy fans {@code i >= 30}
 *       the PG comedies c1 and c2.
 *   <li>after the training, the catalog gains {@code h-new} (horror, R) and {@code c-new} (comedy, PG),
 *       which the model has never seen.
 * </ul>
 */
class ForTitleIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int USERS = 60;
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);
  @TempDir static Path dataDir;
  private static TestNode node;
  private static String marketer;
  private static int ids;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(dataDir, Settings.defaults());
    marketer = node.node.apiKeys().create(Role.MARKETER, "test");
    node.node.store().upsert(List.of(film("h1", "horror", "R", 2024), film("h2", "horror", "R", 2025),
        film("c1", "comedy", "PG", 2024), film("c2", "comedy", "PG", 2025)));
    List<String> events = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      String age = i % 3 == 0 ? "\"age\":16," : i % 3 == 2 ? "\"age\":30," : "";
      events.add("{\"type\":\"identify\",\"userId\":\"" + user(i) + "\",\"messageId\":\"m" + (++ids) + "\",\"traits\":{"
          + age + "\"gender\":\"" + (i % 2 == 0 ? "f" : "m") + "\",\"country\":\"FR\"}}");
      for (String asset : i < 30 ? List.of("h1", "h2") : List.of("c1", "c2")) {
        play(events, user(i), asset, NOW.minus(2, ChronoUnit.DAYS).plusSeconds(600L * i));
      }
    }
    HttpResponse<String> r = node.post("/v1/batch", "{\"batch\":[" + String.join(",", events) + "]}", TestNode.WRITE_KEY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    node.awaitStore();
    node.server.recommendations().retrain().get(120, TimeUnit.SECONDS);
    node.node.store().upsert(List.of(film("h-new", "horror", "R", 2026), film("c-new", "comedy", "PG", 2026)));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static Title film(String id, String genre, String rating, int year) {
    return new Title(id, id.toUpperCase(java.util.Locale.ROOT), "film", null, null, null, List.of(genre), rating, 600,
        "video", year, null, null);
  }

  private static String user(int i) {
    return String.format("u%02d", i);
  }

  /** A completed 540 s play of a 600 s title. */
  private static void play(List<String> events, String user, String asset, Instant at) {
    String session = "s" + (++ids);
    String[][] steps = {{"Video Playback Started", "0"}, {"Video Content Playing", "540"}, {"Video Playback Completed", "540"}};
    for (int k = 0; k < steps.length; k++) {
      events.add("{\"type\":\"track\",\"event\":\"" + steps[k][0] + "\",\"userId\":\"" + user + "\",\"messageId\":\"m"
          + (++ids) + "\",\"timestamp\":\"" + (k == 0 ? at : at.plusSeconds(540)) + "\",\"properties\":{\"session_id\":\""
          + session + "\",\"asset_id\":\"" + asset + "\",\"position\":" + steps[k][1]
          + ",\"total_length\":600,\"media_type\":\"video\"}}");
    }
  }

  private static JsonNode forTitle(String asset, int size) throws Exception {
    HttpResponse<String> r = node.call("POST", "/v1/audiences/for-title/" + asset + "?size=" + size, marketer);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body());
  }

  private static Set<String> members(JsonNode audience) throws Exception {
    return node.rows("SELECT user_id FROM audience_members WHERE audience_id = '" + audience.get("id").asText() + "'")
        .stream().map(row -> row.get(0)).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> users(IntPredicate p) {
    return IntStream.range(0, USERS).filter(p).mapToObj(ForTitleIT::user).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void aTitleAddedAfterTheTraining_isScoredFromItsContentAndItsSimilarTitlesViewers() throws Exception {
    JsonNode a = forTitle("c-new", 20);

    assertThat(a.get("basis").asText()).isEqualTo("content+similar_titles");
    assertThat(a.get("adults_only").asBoolean()).isFalse();
    // c2 (2025) is closer in release year to c-new (2026) than c1 (2024); the horror films share no genre
    assertThat(a.get("driven_by").findValuesAsText("asset_id")).containsExactly("c2", "c1");
    assertThat(a.get("similar_titles").findValuesAsText("asset_id")).containsExactly("c2", "c1");
    assertThat(a.get("driven_by").get(0).get("similarity").asDouble()).isGreaterThan(
        a.get("driven_by").get(1).get("similarity").asDouble());
    // the 30 comedy fans all score above every horror fan: the 20 members are comedy fans
    assertThat(members(a)).hasSize(20).isSubsetOf(users(i -> i >= 30));
  }

  @Test
  void anAdultTitleAddedAfterTheTraining_neverReachesMinorsNorUnknownAges() throws Exception {
    JsonNode a = forTitle("h-new", 60);

    assertThat(a.get("basis").asText()).isEqualTo("content+similar_titles");
    assertThat(a.get("adults_only").asBoolean()).isTrue();
    // everyone is ranked (60 asked): exactly the 20 users aged 30, none aged 16 nor of unknown age
    assertThat(members(a)).isEqualTo(users(i -> i % 3 == 2));
  }

  @Test
  void anAdultTitleWithViews_reachesOnlyAdultsWhoHaveNotWatchedIt() throws Exception {
    JsonNode a = forTitle("h1", 60);

    assertThat(a.get("basis").asText()).isEqualTo("collaborative");
    assertThat(a.get("driven_by")).isEmpty();
    assertThat(a.get("adults_only").asBoolean()).isTrue();
    assertThat(members(a)).isEqualTo(users(i -> i % 3 == 2 && i >= 30));
  }

  @Test
  void aTitleNeitherTheCatalogNorTheModelKnows_is404() throws Exception {
    HttpResponse<String> r = node.call("POST", "/v1/audiences/for-title/nowhere?size=5", marketer);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("nowhere");
  }
}
