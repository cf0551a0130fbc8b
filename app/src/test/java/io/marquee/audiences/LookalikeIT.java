package io.marquee.audiences;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.access.Role;
import io.marquee.config.Settings;
import io.marquee.core.Title;
import io.marquee.recommend.TrainedModel;
import io.marquee.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lookalikes on a hand-built platform of two taste clusters whose answer is known: taste A watches
 * the dramas a1..a4, taste B the comedies b1..b4, and every viewer is 30 (25-34), likes film and is f
 * or m by the parity of their number, so only taste tells the clusters apart.
 * <ul>
 *   <li>the seed, partner attribute {@code crm = vip}: s00..s59 in FR and s60..s99 in DE, taste A;
 *   <li>FR: fx00..fx29 taste A, fn00..fn01 taste A who withdrew marketing consent, fb000..fb199 taste B,
 *       fz0..fz9 without any view (70, m, gardening);
 *   <li>DE: da00..da19 taste A.
 * </ul>
 * FR's eligible users are 60 + 30 + 200 + 10 = 300, so a 10 % lookalike takes 30: exactly fx00..fx29,
 * none of the seed, nobody from DE, neither of the users without consent. (Ids sort the other cluster
 * first, so that ties, as they would be without taste, would take fb000..fb029 instead.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LookalikeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);
  @TempDir static Path dataDir;
  private static TestNode node;
  private static String marketer;
  private static String seed;
  private static String small;
  private static int ids;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(dataDir, Settings.defaults());
    marketer = node.node.apiKeys().create(Role.MARKETER, "test");
    List<Title> titles = new ArrayList<>();
    for (String t : List.of("a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4")) {
      titles.add(new Title(t, t, "film", null, null, null, List.of(t.startsWith("a") ? "drama" : "comedy"), null, 600,
          "video", 2026, null, null));
    }
    node.node.store().upsert(titles);
    List<String> events = new ArrayList<>();
    List<String> vip = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String u = String.format("s%02d", i);
      viewer(events, u, i < 60 ? "FR" : "DE", i, "a");
      vip.add(u);
    }
    group(events, "fx%02d", 30, "FR", "a");
    group(events, "fn%02d", 2, "FR", "a");
    group(events, "fb%03d", 200, "FR", "b");
    group(events, "da%02d", 20, "DE", "a");
    for (int i = 0; i < 10; i++) {
      events.add(identify(String.format("fz%d", i), 70, "m", "FR", "gardening"));
    }
    ingest(events);
    String writer = node.node.apiKeys().create(Role.WRITE, "test");
    for (String u : List.of("fn00", "fn01")) {
      HttpResponse<String> r = call("PUT", "/v1/users/" + u + "/consent", "{\"marketing\":false}", writer);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    node.node.store().write(c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO partner_attributes VALUES (?, 'crm', '\"vip\"'::JSON, "
          + "'crm', 'first', CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), 'consent')")) {
        for (String u : vip) {
          p.setString(1, u);
          p.setString(2, NOW.minus(1, ChronoUnit.DAYS).toString().replace("Z", ""));
          p.setString(3, NOW.plus(30, ChronoUnit.DAYS).toString().replace("Z", ""));
          p.executeUpdate();
        }
      }
      return null;
    });
    seed = create("vip", "{\"partner\":{\"attribute\":\"crm\",\"value\":\"vip\"}}");
    small = create("vip in DE", "{\"and\":[{\"partner\":{\"attribute\":\"crm\",\"value\":\"vip\"}},{\"country\":\"DE\"}]}");
    node.server.recommendations().started().get(120, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static void group(List<String> events, String format, int n, String country, String taste) {
    for (int i = 0; i < n; i++) {
      viewer(events, String.format(format, i), country, i, taste);
    }
  }

  /** A 30-year-old film lover of {@code country} who completes the four titles of {@code taste}. */
  private static void viewer(List<String> events, String user, String country, int i, String taste) {
    events.add(identify(user, 30, i % 2 == 0 ? "f" : "m", country, "film"));
    Instant base = NOW.minus(2, ChronoUnit.DAYS).plus(Duration.ofMinutes(i));
    for (int k = 1; k <= 4; k++) {
      play(events, user, taste + k, base.plus(Duration.ofHours(k)));
    }
  }

  private static String identify(String user, int age, String gender, String country, String interest) {
    return "{\"type\":\"identify\",\"userId\":\"" + user + "\",\"messageId\":\"m" + (++ids) + "\",\"traits\":{\"age\":" + age
        + ",\"gender\":\"" + gender + "\",\"country\":\"" + country + "\",\"interests\":[\"" + interest + "\"]}}";
  }

  /** A completed 540 s play of a 600 s title from {@code at}. */
  private static void play(List<String> events, String user, String asset, Instant at) {
    String s = "s" + (++ids);
    String[][] steps = {{"Video Playback Started", "0"}, {"Video Content Playing", "540"}, {"Video Playback Completed", "540"}};
    for (int k = 0; k < steps.length; k++) {
      Instant when = k == 0 ? at : at.plusSeconds(540);
      events.add("{\"type\":\"track\",\"event\":\"" + steps[k][0] + "\",\"userId\":\"" + user + "\",\"messageId\":\"m"
          + (++ids) + "\",\"timestamp\":\"" + when + "\",\"properties\":{\"session_id\":\"" + s + "\",\"asset_id\":\""
          + asset + "\",\"position\":" + steps[k][1] + ",\"total_length\":600,\"media_type\":\"video\"}}");
    }
  }

  private static void ingest(List<String> events) throws Exception {
    for (int i = 0; i < events.size(); i += 500) {
      String body = "{\"batch\":[" + String.join(",", events.subList(i, Math.min(events.size(), i + 500))) + "]}";
      HttpResponse<String> r = node.post("/v1/batch", body, TestNode.WRITE_KEY);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    node.awaitStore();
  }

  private static HttpResponse<String> call(String method, String path, String body, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url(path))).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Authorization", "Bearer " + key);
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String create(String name, String rule) throws Exception {
    HttpResponse<String> r = call("POST", "/v1/audiences", "{\"name\":\"" + name + "\",\"rule\":" + rule + "}", marketer);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).get("id").asText();
  }

  private static HttpResponse<String> lookalike(String audience, String query) throws Exception {
    return call("POST", "/v1/audiences/" + audience + "/lookalike" + query, null, marketer);
  }

  private static Set<String> stored(String audienceId) throws Exception {
    return node.rows("SELECT user_id FROM audience_members WHERE audience_id = '" + audienceId + "'").stream()
        .map(r -> r.get(0)).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> users(String format, int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> String.format(format, i)).collect(Collectors.toCollection(TreeSet::new));
  }

  private static void train() throws Exception {
    node.server.recommendations().retrain().get(120, TimeUnit.SECONDS);
  }

  @Test
  @Order(1)
  void withoutATrainedModel_aLookalikeIs409() throws Exception {
    TrainedModel served = node.server.recommendations().current().orElseThrow();
    node.server.recommendations().swap(TrainedModel.popularity(served.data()));

    HttpResponse<String> r = lookalike(seed, "?country=FR&share=0.1");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
    assertThat(r.body()).contains("no recommendation model is trained yet");
    train();
  }

  @Test
  @Order(2)
  void aTenPercentLookalikeInFrance_isTheSeedsTasteClusterThere_lessTheSeedOtherCountriesAndTheNonConsenting()
      throws Exception {
    HttpResponse<String> r = lookalike(seed, "?country=fr&share=0.1");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode a = JSON.readTree(r.body());
    String id = a.get("id").asText();
    assertThat(stored(id)).isEqualTo(users("fx%02d", 0, 30));
    assertThat(a.get("size").asInt()).isEqualTo(30);
    assertThat(a.get("eligible_in_country").asInt()).isEqualTo(300);
    assertThat(a.get("seed").get("size").asInt()).isEqualTo(100);
    assertThat(a.get("rule").toString())
        .isEqualTo("{\"lookalike\":{\"seed\":\"" + seed + "\",\"country\":\"FR\",\"share\":0.1}}");
    // 30 and 0, the 0 suppressed and the 30 with it (complementary): the size would give it back
    assertThat(a.get("compared_on").get("taste_and_demographics").asText()).isEqualTo("<10");
    assertThat(a.get("compared_on").get("demographics_only").asText()).isEqualTo("<10");
    // same demographics for every viewer: the threshold is set by taste, far above the other cluster
    double threshold = a.get("similarity").get("threshold").asDouble();
    assertThat(threshold).isGreaterThan(0.9);
    assertThat(a.get("similarity").get("seed_mean").asDouble()).isGreaterThan(0.9);
    JsonNode country = a.get("comparison").get("country");
    assertThat(country.toString()).isEqualTo("[{\"value\":\"DE\",\"seed\":40,\"lookalike\":\"<10\"},"
        + "{\"value\":\"FR\",\"seed\":60,\"lookalike\":30}]");
    assertThat(a.get("comparison").get("age_bracket").toString())
        .isEqualTo("[{\"value\":\"25-34\",\"seed\":100,\"lookalike\":30}]");
    assertThat(a.get("comparison").get("gender").toString())
        .isEqualTo("[{\"value\":\"f\",\"seed\":50,\"lookalike\":15},{\"value\":\"m\",\"seed\":50,\"lookalike\":15}]");
    assertThat(a.get("composition").get("country").toString()).isEqualTo("[{\"value\":\"FR\",\"users\":30}]");

    JsonNode listed = JSON.readTree(call("GET", "/v1/audiences", null, marketer).body());
    assertThat(listed.get("audiences").findValuesAsText("id")).contains(id);
    assertThat(call("DELETE", "/v1/audiences/" + seed, null, marketer).statusCode()).isEqualTo(409);
  }

  @Test
  @Order(3)
  void theLookalikeNode_combinesWithOtherNodesInAnyRule() throws Exception {
    String leaf = "{\"lookalike\":{\"seed\":\"" + seed + "\",\"country\":\"FR\",\"share\":0.1}}";
    HttpResponse<String> r = call("POST", "/v1/audiences/estimate",
        "{\"rule\":{\"and\":[" + leaf + ",{\"gender\":\"f\"}]}}", marketer);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).get("size").asInt()).isEqualTo(15); // fx00, fx02, ..., fx28
    HttpResponse<String> bad = call("POST", "/v1/audiences/estimate",
        "{\"rule\":{\"not\":{\"lookalike\":{\"seed\":\"aud_none\",\"country\":\"FR\",\"share\":0.1}}}}", marketer);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("$.not.lookalike.seed: no audience 'aud_none'");
    HttpResponse<String> share = call("POST", "/v1/audiences/estimate",
        "{\"rule\":{\"lookalike\":{\"seed\":\"" + seed + "\",\"country\":\"FR\",\"share\":0.5}}}", marketer);
    assertThat(share.body()).contains("$.lookalike.share: must be a number from 0.01 to 0.1");
  }

  @Test
  @Order(4)
  void badParameters_unknownAndSmallSeeds_areRefusedNamingTheProblem() throws Exception {
    String[][] cases = {
        {"?country=FR&share=0.2", "400", "share: must be a number from 0.01 to 0.1"},
        {"?country=FR&share=0.005", "400", "share:"},
        {"?country=FR&share=lots", "400", "share:"},
        {"?share=0.05", "400", "country: is required"},
        {"?country=France", "400", "country: 'France' is not an ISO 3166 alpha-2 country code"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = lookalike(seed, c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(Integer.parseInt(c[1]));
      assertThat(r.body()).as(c[0]).contains(c[2]);
    }
    assertThat(lookalike("aud_none", "?country=FR").statusCode()).isEqualTo(404);
    HttpResponse<String> tooSmall = lookalike(small, "?country=FR&share=0.05");
    assertThat(tooSmall.statusCode()).isEqualTo(400);
    assertThat(tooSmall.body()).contains("has 40 members; a lookalike needs a seed of at least 100");
    String analyst = node.node.apiKeys().create(Role.ANALYST, "test");
    assertThat(call("POST", "/v1/audiences/" + seed + "/lookalike?country=FR", null, analyst).statusCode()).isEqualTo(403);
  }

  /** Last: it adds users. */
  @Test
  @Order(Integer.MAX_VALUE)
  void aRecomputation_takesInTheCountrysNewLookalikes_afterARetraining() throws Exception {
    HttpResponse<String> r = lookalike(seed, "?country=FR&share=0.1&name=fr%20lookalike");
    JsonNode a = JSON.readTree(r.body());
    String id = a.get("id").asText();
    assertThat(a.get("name").asText()).isEqualTo("fr lookalike");
    List<String> events = new ArrayList<>();
    for (int i = 30; i < 40; i++) {
      viewer(events, String.format("fx%02d", i), "FR", i, "a");
    }
    for (int i = 200; i < 290; i++) {
      viewer(events, String.format("fb%03d", i), "FR", i, "b");
    }
    ingest(events);
    train();

    ((Audiences) node.server.service(AudienceMembers.class)).computeAll();

    // 400 eligible in FR now: 40 taken, the 40 taste-A users who are not in the seed
    assertThat(stored(id)).isEqualTo(users("fx%02d", 0, 40));
  }
}
