package io.marquee.audiences;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.access.Role;
import io.marquee.config.Settings;
import io.marquee.core.Title;
import io.marquee.insights.SmallCells;
import io.marquee.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
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
 * The audiences API on a hand-built data set of 40 users {@code u00..u39}, whose attributes follow
 * from their index {@code i}, so each rule's members are computed here by a Java predicate:
 * <ul>
 *   <li>age 20, 30, 40, 70 by {@code i % 4} (18-24, 25-34, 35-44, 65+); gender f for even i, m for odd;
 *       country FR, DE, US by {@code i % 3}; interests cooking and travel when {@code i % 5 == 0}, else sports.
 *   <li>{@code d1} (drama, 600 s): users i < 30 watch it {@code 1 + i % 3} times for 540 s, 40 days ago.
 *   <li>series {@code srs} season 1 (comedy): e1 completed by i < 15, e2 by i < 12, 3 days ago.
 *   <li>{@code song1} by artist Band: i >= 28 stream it, twice when {@code i % 3 != 0}, a day ago.
 *   <li>{@code Content Rated} d1: i < 20 rate it {@code 1 + i % 5}; u00 first rates 1, then 5 (the latest counts).
 *   <li>an anonymous viewer (no user id) plays every title two days ago.
 *   <li>partner rows {@code income}: high (party acme, source survey) for {@code i % 4 == 0}, the same but
 *       expired for {@code i % 4 == 1}, low (acme) for {@code i % 4 == 2}.
 * </ul>
 * Membership is checked exactly (the {@code audience_members} rows and {@link AudienceMembers}); the
 * published sizes as {@link SmallCells} shows them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AudiencesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int USERS = 40;
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);
  @TempDir static Path dataDir;
  private static TestNode node;
  private static String marketer;
  private static String analyst;
  private static String writer;
  private static String admin;
  private static int ids;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(dataDir, Settings.defaults());
    marketer = node.node.apiKeys().create(Role.MARKETER, "test");
    analyst = node.node.apiKeys().create(Role.ANALYST, "test");
    writer = node.node.apiKeys().create(Role.WRITE, "test");
    admin = node.node.apiKeys().create(Role.ADMIN, "test");
    node.node.store().upsert(List.of(
        new Title("d1", "Drama", "film", null, null, null, List.of("Drama"), null, 600, "video", 2026, null, null),
        new Title("e1", "Pilot", "episode", "Laughs", 1, 1, List.of("comedy"), null, 600, "video", 2026, "srs", null),
        new Title("e2", "Two", "episode", "Laughs", 1, 2, List.of("comedy"), null, 600, "video", 2026, "srs", null),
        new Title("song1", "Song", "track", null, null, null, List.of("pop"), null, 600, "audio", 2026, null, "Band")));
    List<String> events = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      String u = user(i);
      String interests = i % 5 == 0 ? "[\"cooking\",\"travel\"]" : "[\"sports\"]";
      events.add("{\"type\":\"identify\",\"userId\":\"" + u + "\",\"messageId\":\"" + id() + "\",\"traits\":{\"age\":"
          + new int[] {20, 30, 40, 70}[i % 4] + ",\"gender\":\"" + (i % 2 == 0 ? "f" : "m") + "\",\"country\":\""
          + new String[] {"FR", "DE", "US"}[i % 3] + "\",\"interests\":" + interests + "}}");
      Instant base = NOW.minus(40, ChronoUnit.DAYS).plus(Duration.ofMinutes(10L * i));
      for (int k = 0; i < 30 && k < 1 + i % 3; k++) {
        play(events, u, "d1", base.plus(Duration.ofHours(k)), 540, "video");
      }
      Instant recent = NOW.minus(3, ChronoUnit.DAYS).plus(Duration.ofMinutes(10L * i));
      if (i < 15) {
        play(events, u, "e1", recent, 540, "video");
      }
      if (i < 12) {
        play(events, u, "e2", recent.plus(Duration.ofHours(1)), 540, "video");
      }
      Instant yesterday = NOW.minus(1, ChronoUnit.DAYS).plus(Duration.ofMinutes(10L * i));
      for (int k = 0; i >= 28 && k < (i % 3 != 0 ? 2 : 1); k++) {
        play(events, u, "song1", yesterday.plus(Duration.ofHours(k)), 200, "audio");
      }
      if (i < 20) {
        if (i == 0) {
          events.add(rating(u, 1, NOW.minus(5, ChronoUnit.DAYS)));
        }
        events.add(rating(u, i == 0 ? 5 : 1 + i % 5, NOW.minus(4, ChronoUnit.DAYS)));
      }
    }
    // an anonymous viewer of every title: a null user id in each subquery must not make "not" unknown
    int anonymous = events.size();
    for (String asset : List.of("d1", "e1", "e2", "song1")) {
      play(events, "nobody", asset, NOW.minus(2, ChronoUnit.DAYS), 540, "video");
    }
    for (int k = anonymous; k < events.size(); k++) {
      events.set(k, events.get(k).replace("\"userId\":\"nobody\"", "\"anonymousId\":\"anon-1\""));
    }
    for (int i = 0; i < events.size(); i += 300) {
      String body = "{\"batch\":[" + String.join(",", events.subList(i, Math.min(events.size(), i + 300))) + "]}";
      HttpResponse<String> r = node.post("/v1/batch", body, TestNode.WRITE_KEY);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    node.awaitStore();
    node.node.store().write(c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO partner_attributes VALUES (?, 'income', ?::JSON, "
          + "'survey', 'acme', CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), 'consent')")) {
        for (int i = 0; i < USERS; i++) {
          if (i % 4 == 3) {
            continue;
          }
          p.setString(1, user(i));
          p.setString(2, i % 4 == 2 ? "\"low\"" : "\"high\"");
          p.setString(3, ts(NOW.minus(60, ChronoUnit.DAYS)));
          p.setString(4, ts(i % 4 == 1 ? NOW.minus(1, ChronoUnit.DAYS) : NOW.plus(30, ChronoUnit.DAYS)));
          p.executeUpdate();
        }
      }
      return null;
    });
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static String ts(Instant t) {
    return java.time.LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString();
  }

  private static String id() {
    return "m" + (++ids);
  }

  private static String user(int i) {
    return String.format("u%02d", i);
  }

  private static String rating(String user, int rating, Instant at) {
    return "{\"type\":\"track\",\"event\":\"Content Rated\",\"userId\":\"" + user + "\",\"messageId\":\"" + id()
        + "\",\"timestamp\":\"" + at + "\",\"properties\":{\"asset_id\":\"d1\",\"rating\":" + rating + "}}";
  }

  /** A closed play of {@code seconds} of a 600 s title from {@code at}: completed from 540 s. */
  private static void play(List<String> events, String user, String asset, Instant at, int seconds, String media) {
    String s = "s" + id();
    String[][] steps = {{"Video Playback Started", "0"}, {"Video Content Playing", Integer.toString(seconds)},
        {"Video Playback Completed", Integer.toString(seconds)}};
    for (int k = 0; k < steps.length; k++) {
      Instant when = k == 0 ? at : at.plusSeconds(seconds);
      events.add("{\"type\":\"track\",\"event\":\"" + steps[k][0] + "\",\"userId\":\"" + user + "\",\"messageId\":\""
          + id() + "\",\"timestamp\":\"" + when + "\",\"properties\":{\"session_id\":\"" + s + "\",\"asset_id\":\""
          + asset + "\",\"position\":" + steps[k][1] + ",\"total_length\":600,\"media_type\":\"" + media + "\"}}");
    }
  }

  static HttpResponse<String> send(String method, String path, String body, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url(path))).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode create(String name, String rule) throws Exception {
    HttpResponse<String> r = send("POST", "/v1/audiences", "{\"name\":\"" + name + "\",\"rule\":" + rule + "}", marketer);
    assertThat(r.statusCode()).as(rule + ": " + r.body()).isEqualTo(201);
    return JSON.readTree(r.body());
  }

  private static Set<String> stored(String audienceId) throws Exception {
    return node.rows("SELECT user_id FROM audience_members WHERE audience_id = '" + audienceId + "'").stream()
        .map(r -> r.get(0)).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> expected(Predicate<Integer> p) {
    return IntStream.range(0, USERS).filter(p::test).mapToObj(AudiencesIT::user)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Saves the rule and checks its members and published size against the predicate. */
  private static String check(String rule, Predicate<Integer> p) throws Exception {
    JsonNode a = create("check", rule);
    Set<String> want = expected(p);
    assertThat(stored(a.get("id").asText())).as(rule).isEqualTo(want);
    assertThat(a.get("size").asText()).as(rule).isEqualTo(String.valueOf(SmallCells.count(want.size())));
    assertThat(a.get("refresh_minutes").asInt()).isEqualTo(15);
    assertThat(Instant.parse(a.get("computed_at").asText())).isAfter(Instant.now().minusSeconds(120));
    return a.get("id").asText();
  }

  @Test
  void demographicLeaves_selectByBracketGenderCountryAndInterest() throws Exception {
    check("{\"age_bracket\":[\"65+\",\"18-24\"]}", i -> i % 4 == 0 || i % 4 == 3);
    check("{\"age_bracket\":\"25-34\"}", i -> i % 4 == 1);
    check("{\"gender\":\"F\"}", i -> i % 2 == 0);
    check("{\"country\":\"fr\"}", i -> i % 3 == 0);
    check("{\"country\":[\"DE\",\"US\"]}", i -> i % 3 != 0);
    check("{\"interest\":\"cooking\"}", i -> i % 5 == 0);
    check("{\"interest\":[\"travel\",\"sports\"]}", i -> true);
  }

  @Test
  void behaviourLeaves_countViewsHoursWindowsSeasonsLapsesAndStreams() throws Exception {
    check("{\"watched\":{\"asset_id\":\"d1\"}}", i -> i < 30);
    check("{\"watched\":{\"asset_id\":\"d1\",\"min_views\":2}}", i -> i < 30 && i % 3 >= 1);
    check("{\"watched\":{\"asset_id\":\"d1\",\"min_hours\":0.4}}", i -> i < 30 && i % 3 == 2);
    check("{\"watched\":{\"asset_id\":\"d1\",\"last_days\":30}}", i -> false);
    check("{\"watched\":{\"asset_id\":\"d1\",\"last_days\":60}}", i -> i < 30);
    LocalDate day = LocalDate.ofInstant(NOW.minus(40, ChronoUnit.DAYS), ZoneOffset.UTC);
    check("{\"watched\":{\"asset_id\":\"d1\",\"from\":\"" + day.minusDays(1) + "\",\"to\":\"" + day.plusDays(1) + "\"}}",
        i -> i < 30);
    check("{\"watched\":{\"asset_id\":\"d1\",\"from\":\"" + day.plusDays(2) + "\",\"to\":\"" + day.plusDays(9) + "\"}}",
        i -> false);
    check("{\"watched\":{\"genre\":\"drama\",\"min_views\":3}}", i -> i < 30 && i % 3 == 2);
    check("{\"watched\":{\"series_id\":\"srs\",\"min_views\":2}}", i -> i < 12);
    check("{\"not_watched\":{\"asset_id\":\"d1\"}}", i -> i >= 30);
    check("{\"not_watched\":{\"series_id\":\"srs\",\"last_days\":7}}", i -> i >= 15);
    check("{\"finished_season\":{\"series_id\":\"srs\",\"season\":1}}", i -> i < 12);
    check("{\"lapsed\":{\"days\":30}}", i -> i >= 15 && i < 28);
    check("{\"streams_of_artist\":{\"artist\":\"Band\",\"min_streams\":2}}", i -> i >= 28 && i % 3 != 0);
    check("{\"streams_of_artist\":{\"artist\":\"Band\",\"last_days\":2}}", i -> i >= 28);
    check("{\"genre_affinity\":{\"genre\":\"Drama\",\"min_hours\":0.25}}", i -> i < 30 && i % 3 >= 1);
  }

  @Test
  void ratingsAndPartnerAttributes_readTheLatestRatingAndOnlyUnexpiredRows() throws Exception {
    check("{\"rated\":{\"asset_id\":\"d1\",\"min\":4}}", i -> i < 20 && (i == 0 || i % 5 >= 3));
    check("{\"rated\":{\"asset_id\":\"d1\",\"max\":1}}", i -> i < 20 && i != 0 && i % 5 == 0);
    check("{\"rated\":{\"asset_id\":\"d1\"}}", i -> i < 20);
    check("{\"partner\":{\"attribute\":\"income\",\"value\":\"high\"}}", i -> i % 4 == 0);
    check("{\"partner\":{\"attribute\":\"income\",\"party\":\"acme\",\"source\":\"survey\"}}",
        i -> i % 4 == 0 || i % 4 == 2);
    check("{\"partner\":{\"attribute\":\"income\",\"party\":\"other\"}}", i -> false);
  }

  @Test
  void andOrNotAndMemberOf_combineAsTheirJavaReadingDoes() throws Exception {
    check("{\"and\":[{\"gender\":\"f\"},{\"country\":\"FR\"}]}", i -> i % 2 == 0 && i % 3 == 0);
    check("{\"or\":[{\"interest\":\"cooking\"},{\"not\":{\"watched\":{\"asset_id\":\"d1\"}}}]}", i -> i % 5 == 0 || i >= 30);
    check("{\"not\":{\"or\":[{\"gender\":\"m\"},{\"age_bracket\":\"65+\"}]}}", i -> i % 2 == 0 && i % 4 != 3);
    String fr = check("{\"country\":\"FR\"}", i -> i % 3 == 0);
    check("{\"and\":[{\"member_of\":{\"audience_id\":\"" + fr + "\"}},{\"gender\":\"f\"}]}", i -> i % 6 == 0);
    HttpResponse<String> missing = send("POST", "/v1/audiences",
        "{\"name\":\"x\",\"rule\":{\"member_of\":{\"audience_id\":\"aud_none\"}}}", marketer);
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("$.member_of.audience_id: no audience 'aud_none'");
  }

  /** Random trees (seeded) of the leaves above, each saved and compared with the same tree read in Java. */
  @Test
  void randomTrees_selectWhatTheirJavaReadingSelects() throws Exception {
    Random random = new Random(11);
    for (int n = 0; n < 12; n++) {
      StringBuilder rule = new StringBuilder();
      Predicate<Integer> p = tree(random, 0, rule);
      check(rule.toString(), p);
    }
  }

  private static final String[] LEAVES = {"{\"gender\":\"f\"}", "{\"country\":\"DE\"}", "{\"interest\":\"cooking\"}",
      "{\"watched\":{\"asset_id\":\"d1\",\"min_views\":2}}", "{\"lapsed\":{\"days\":30}}",
      "{\"partner\":{\"attribute\":\"income\",\"value\":\"low\"}}", "{\"age_bracket\":\"35-44\"}"};
  private static final List<Predicate<Integer>> READINGS = List.of(i -> i % 2 == 0, i -> i % 3 == 1, i -> i % 5 == 0,
      i -> i < 30 && i % 3 >= 1, i -> i >= 15 && i < 28, i -> i % 4 == 2, i -> i % 4 == 2);

  private static Predicate<Integer> tree(Random random, int depth, StringBuilder out) {
    int kind = depth >= 3 ? 3 : random.nextInt(4);
    if (kind == 3) {
      int leaf = random.nextInt(LEAVES.length);
      out.append(LEAVES[leaf]);
      return READINGS.get(leaf);
    }
    if (kind == 2) {
      out.append("{\"not\":");
      Predicate<Integer> inner = tree(random, depth + 1, out);
      out.append('}');
      return inner.negate();
    }
    out.append(kind == 0 ? "{\"and\":[" : "{\"or\":[");
    Predicate<Integer> acc = null;
    int parts = 2 + random.nextInt(2);
    for (int k = 0; k < parts; k++) {
      if (k > 0) {
        out.append(',');
      }
      Predicate<Integer> child = tree(random, depth + 1, out);
      acc = acc == null ? child : kind == 0 ? acc.and(child) : acc.or(child);
    }
    out.append("]}");
    return acc;
  }

  @Test
  void aRuleThatCannotBeEvaluated_gets400NamingThePathOfTheBadNode() throws Exception {
    String[][] cases = {
        {"{\"and\":[{\"country\":\"FR\"},{\"watched\":{\"asset_id\":\"d1\",\"min_views\":0}}]}",
            "$.and[1].watched.min_views: must be a positive integer"},
        {"{\"or\":[{\"gender\":\"f\"},{\"watched\":{\"asset_id\":\"d1\",\"colour\":1}}]}", "$.or[1].watched.colour: unknown key"},
        {"{\"country\":\"France\"}", "$.country: 'France' is not an ISO 3166 alpha-2 country code"},
        {"{\"shoe_size\":42}", "$.shoe_size: unknown node"},
        {"{\"not\":{\"age_bracket\":[\"25-34\",\"thirty\"]}}", "$.not.age_bracket[1]: 'thirty' is not one of"},
        {"{\"watched\":{\"min_views\":2}}", "$.watched: needs exactly one of"},
        {"{\"lapsed\":{}}", "$.lapsed.days: is required"},
        {"{\"watched\":{\"asset_id\":\"d1\",\"from\":\"2026-10-05\",\"to\":\"2026-10-01\"}}",
            "$.watched.to: must not be before from"},
        {"{\"and\":[]}", "$.and: must be a non-empty array"},
    };
    for (String[] c : cases) {
      for (String path : List.of("/v1/audiences", "/v1/audiences/estimate")) {
        String body = path.endsWith("estimate") ? "{\"rule\":" + c[0] + "}" : "{\"name\":\"bad\",\"rule\":" + c[0] + "}";
        HttpResponse<String> r = send("POST", path, body, marketer);
        assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
        assertThat(r.body()).as(c[0]).contains(c[1]);
      }
    }
    String deep = "{\"not\":".repeat(16) + "{\"gender\":\"f\"}" + "}".repeat(16);
    assertThat(send("POST", "/v1/audiences/estimate", "{\"rule\":" + deep + "}", marketer).body())
        .contains("at most 16 levels");
    String wide = "{\"or\":[" + String.join(",", java.util.Collections.nCopies(200, "{\"gender\":\"f\"}")) + "]}";
    assertThat(send("POST", "/v1/audiences/estimate", "{\"rule\":" + wide + "}", marketer).body())
        .contains("$.or[199]: a rule may have at most 200 nodes");
    assertThat(send("POST", "/v1/audiences", "{\"name\":\"x\",\"rule\":{\"gender\":\"f\"},\"extra\":1}", marketer).body())
        .contains("extra: unknown key");
    assertThat(send("POST", "/v1/audiences", "{\"rule\":{\"gender\":\"f\"}}", marketer).body()).contains("name: must be");
  }

  @Test
  void estimate_givesSizeAndSuppressedComposition_andSavesNothing() throws Exception {
    String before = node.rows("SELECT count(*) FROM audiences").get(0).get(0);
    HttpResponse<String> r = send("POST", "/v1/audiences/estimate", "{\"rule\":{\"watched\":{\"asset_id\":\"d1\"}}}", marketer);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode e = JSON.readTree(r.body());
    assertThat(e.get("size").asInt()).isEqualTo(30);
    // 30 users i < 30: brackets by i % 4 give 8, 8, 7, 7; countries 10 each; genders 15 each
    JsonNode brackets = e.get("composition").get("age_bracket");
    assertThat(brackets.toString()).isEqualTo("[{\"value\":\"18-24\",\"users\":\"<10\"},{\"value\":\"25-34\",\"users\":\"<10\"},"
        + "{\"value\":\"35-44\",\"users\":\"<10\"},{\"value\":\"65+\",\"users\":\"<10\"}]");
    assertThat(e.get("composition").get("country").toString()).isEqualTo(
        "[{\"value\":\"DE\",\"users\":10},{\"value\":\"FR\",\"users\":10},{\"value\":\"US\",\"users\":10}]");
    assertThat(e.get("composition").get("gender").toString()).isEqualTo(
        "[{\"value\":\"f\",\"users\":15},{\"value\":\"m\",\"users\":15}]");
    assertThat(node.rows("SELECT count(*) FROM audiences").get(0).get(0)).isEqualTo(before);
    JsonNode small = JSON.readTree(send("POST", "/v1/audiences/estimate", "{\"rule\":{\"interest\":\"cooking\"}}", marketer)
        .body());
    assertThat(small.get("size").asText()).isEqualTo("<10");
  }

  @Test
  void getListOverlapAndDelete_answerFromTheSavedMembership() throws Exception {
    String women = create("women", "{\"gender\":\"f\"}").get("id").asText();
    String drama = create("drama", "{\"watched\":{\"asset_id\":\"d1\"}}").get("id").asText();
    JsonNode one = JSON.readTree(send("GET", "/v1/audiences/" + women, null, marketer).body());
    assertThat(one.get("name").asText()).isEqualTo("women");
    assertThat(one.get("size").asInt()).isEqualTo(20);
    assertThat(one.get("rule").toString()).isEqualTo("{\"gender\":\"f\"}");
    // 20 women: brackets 18-24 (i % 4 == 0) and 35-44 (i % 4 == 2), 10 each; countries 7, 7, 6
    assertThat(one.get("composition").get("age_bracket").toString()).isEqualTo(
        "[{\"value\":\"18-24\",\"users\":10},{\"value\":\"35-44\",\"users\":10}]");
    assertThat(one.get("composition").get("country").toString()).isEqualTo(
        "[{\"value\":\"DE\",\"users\":\"<10\"},{\"value\":\"FR\",\"users\":\"<10\"},{\"value\":\"US\",\"users\":\"<10\"}]");
    JsonNode history = one.get("history");
    assertThat(history).hasSize(1);
    assertThat(history.get(0).get("day").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
    assertThat(history.get(0).get("size").asInt()).isEqualTo(20);
    assertThat(history.get(0).get("adds").asInt()).isEqualTo(20);
    assertThat(history.get(0).get("drops").asText()).isEqualTo("<10");

    JsonNode list = JSON.readTree(send("GET", "/v1/audiences", null, marketer).body());
    assertThat(list.get("audiences").findValuesAsText("id")).contains(women, drama);

    JsonNode overlap = JSON.readTree(send("GET", "/v1/audiences/" + women + "/overlap/" + drama, null, marketer).body());
    assertThat(overlap.get("a").get("size").asInt()).isEqualTo(20);
    assertThat(overlap.get("b").get("size").asInt()).isEqualTo(30);
    assertThat(overlap.get("intersection").asInt()).isEqualTo(15);
    assertThat(overlap.get("union").asInt()).isEqualTo(35);
    assertThat(overlap.get("jaccard").asDouble()).isEqualTo(15.0 / 35);

    String dependent = create("dep", "{\"member_of\":{\"audience_id\":\"" + women + "\"}}").get("id").asText();
    assertThat(send("DELETE", "/v1/audiences/" + women, null, marketer).statusCode()).isEqualTo(409);
    assertThat(send("DELETE", "/v1/audiences/" + dependent, null, marketer).statusCode()).isEqualTo(204);
    assertThat(send("DELETE", "/v1/audiences/" + women, null, marketer).statusCode()).isEqualTo(204);
    assertThat(send("GET", "/v1/audiences/" + women, null, marketer).statusCode()).isEqualTo(404);
    assertThat(stored(women)).isEmpty();
    assertThat(send("DELETE", "/v1/audiences/" + women, null, marketer).statusCode()).isEqualTo(404);
  }

  /** Last: it withdraws u01's consent and erases u03, whom the other tests count. */
  @Test
  @Order(Integer.MAX_VALUE - 1)
  void aConsentWithdrawal_leavesEveryAudienceAtOnce_andAnErasureDropsTheMembershipRows() throws Exception {
    String a = create("mostly men", "{\"or\":[{\"gender\":\"m\"},{\"country\":\"US\"}]}").get("id").asText();
    String b = create("men", "{\"gender\":\"m\"}").get("id").asText();
    AudienceMembers service = node.server.service(AudienceMembers.class);
    assertThat(service.members(a).orElseThrow().userIds()).contains("u01", "u03");

    HttpResponse<String> put = send("PUT", "/v1/users/u01/consent", "{\"marketing\":false}", writer);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

    assertThat(stored(a)).contains("u01"); // not recomputed, yet no longer a member anywhere
    assertThat(service.members(a).orElseThrow().userIds()).doesNotContain("u01").contains("u03");
    assertThat(service.members(b).orElseThrow().userIds()).doesNotContain("u01");
    assertThat(JSON.readTree(send("GET", "/v1/audiences/" + b, null, marketer).body()).get("size").asInt()).isEqualTo(19);
    assertThat(send("GET", "/v1/audiences/" + b, null, marketer).body()).contains("\"size\":19");
    assertThat(JSON.readTree(send("POST", "/v1/audiences/estimate", "{\"rule\":{\"gender\":\"m\"}}", marketer).body())
        .get("size").asInt()).isEqualTo(19);

    assertThat(send("DELETE", "/v1/privacy/users/u03", null, admin).statusCode()).isEqualTo(202);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (stored(b).contains("u03") && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }
    assertThat(stored(a)).doesNotContain("u03");
    assertThat(stored(b)).doesNotContain("u03");
    assertThat(service.members(b).orElseThrow().userIds()).hasSize(18);
  }

  /** First, before any consent is withdrawn: every user is eligible. */
  @Test
  @Order(1)
  void predictedAffinity_selectsTheTopUsersOrPercentileOfTheServedModelsScores() throws Exception {
    node.server.recommendations().retrain().get(120, java.util.concurrent.TimeUnit.SECONDS);
    java.util.Map<String, Float> scores = node.server.recommendations().current().orElseThrow().affinity("e1").scores();
    List<String> ranked = scores.keySet().stream()
        .sorted(java.util.Comparator.comparing((String u) -> -scores.get(u)).thenComparing(u -> u)).toList();
    Set<String> top = new TreeSet<>(ranked.subList(0, 7));
    Set<String> quartile = new TreeSet<>();
    for (String u : scores.keySet()) {
      long lower = scores.values().stream().filter(v -> v < scores.get(u)).count();
      if (lower * 100 >= 75L * scores.size()) {
        quartile.add(u);
      }
    }

    JsonNode a = create("fans", "{\"predicted_affinity\":{\"asset_id\":\"e1\",\"top\":7}}");
    JsonNode b = create("quartile", "{\"predicted_affinity\":{\"asset_id\":\"e1\",\"min_percentile\":75}}");

    assertThat(scores).hasSize(USERS);
    assertThat(stored(a.get("id").asText())).isEqualTo(top);
    assertThat(stored(b.get("id").asText())).isEqualTo(quartile).hasSizeBetween(1, USERS / 4 + 1);
    HttpResponse<String> unknown = send("POST", "/v1/audiences/estimate",
        "{\"rule\":{\"predicted_affinity\":{\"asset_id\":\"zz\",\"top\":3}}}", marketer);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("$.predicted_affinity.asset_id").contains("knows no title 'zz'");
  }

  /** After the predicted_affinity test (which trains), before any consent is withdrawn. */
  @Test
  @Order(2)
  void forTitle_savesTheTopUsersWhoHaveNotWatchedIt_withSuppressedReach() throws Exception {
    node.server.recommendations().current().filter(m -> m.personal())
        .orElseGet(() -> join(node.server.recommendations().retrain()));
    java.util.Map<String, Float> scores = node.server.recommendations().current().orElseThrow().affinity("e2").scores();
    // e2 (comedy, unrated) was watched by i < 12: the 10 best-scored of u12..u39
    List<String> want = scores.keySet().stream().filter(u -> Integer.parseInt(u.substring(1)) >= 12)
        .sorted(java.util.Comparator.comparing((String u) -> -scores.get(u)).thenComparing(u -> u)).limit(10).toList();

    HttpResponse<String> r = send("POST", "/v1/audiences/for-title/e2?size=10", null, marketer);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode a = JSON.readTree(r.body());
    assertThat(stored(a.get("id").asText())).isEqualTo(new TreeSet<>(want));
    assertThat(a.get("size").asInt()).isEqualTo(10);
    assertThat(a.get("adults_only").asBoolean()).isFalse();
    assertThat(a.get("basis").asText()).isEqualTo("collaborative");
    long cells = 0;
    for (JsonNode cell : a.get("reach")) {
      assertThat(cell.get("users").asText()).isEqualTo(SmallCells.SUPPRESSED); // 10 members over several cells
      cells++;
    }
    assertThat(cells).isGreaterThan(1);
    List<String> similar = node.server.recommendations().similar("e2", new io.marquee.recommend.RecommendationRules.Request(
        3, null, null)).orElseThrow().stream().map(io.marquee.recommend.Recommendation::assetId).toList();
    assertThat(similar).isNotEmpty();
    assertThat(a.get("similar_titles")).hasSize(similar.size());
    for (int k = 0; k < similar.size(); k++) {
      JsonNode t = a.get("similar_titles").get(k);
      assertThat(t.get("asset_id").asText()).isEqualTo(similar.get(k));
      JsonNode report = JSON.readTree(send("GET", "/v1/insights/titles/" + similar.get(k), null, marketer).body());
      assertThat(t.get("resonates_with")).isEqualTo(report.get("resonates_with"));
    }
    assertThat(send("POST", "/v1/audiences/for-title/e2?size=0", null, marketer).body()).contains("size");
    assertThat(send("POST", "/v1/audiences/for-title/zz", null, marketer).statusCode()).isEqualTo(404);
  }

  private static io.marquee.recommend.TrainedModel join(
      java.util.concurrent.CompletableFuture<io.marquee.recommend.TrainedModel> f) {
    try {
      return f.get(120, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void analystsAreRefused_marketersServed() throws Exception {
    String body = "{\"name\":\"x\",\"rule\":{\"gender\":\"f\"}}";
    assertThat(send("POST", "/v1/audiences", body, analyst).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/v1/audiences", null, analyst).statusCode()).isEqualTo(403);
    assertThat(send("POST", "/v1/audiences/estimate", "{\"rule\":{\"gender\":\"f\"}}", analyst).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/v1/audiences", null, marketer).statusCode()).isEqualTo(200);
    assertThat(send("POST", "/v1/audiences/estimate", "{\"rule\":{\"gender\":\"f\"}}", marketer).statusCode()).isEqualTo(200);
  }

  /** After the others: it adds users u40..u51. */
  @Test
  @Order(Integer.MAX_VALUE)
  void aRecomputation_takesInNewUsers_andRecordsTheDaysAdds() throws Exception {
    String knitters = create("knitters", "{\"interest\":\"knitting\"}").get("id").asText();
    List<String> events = new ArrayList<>();
    for (int i = 40; i < 52; i++) {
      events.add("{\"type\":\"identify\",\"userId\":\"" + user(i) + "\",\"messageId\":\"" + id()
          + "\",\"traits\":{\"interests\":[\"knitting\"]}}");
    }
    assertThat(node.post("/v1/batch", "{\"batch\":[" + String.join(",", events) + "]}", TestNode.WRITE_KEY).statusCode())
        .isEqualTo(200);
    node.awaitStore();
    assertThat(stored(knitters)).isEmpty(); // until the schedule (or this test) recomputes
    Instant before = Instant.parse(JSON.readTree(send("GET", "/v1/audiences/" + knitters, null, marketer).body())
        .get("computed_at").asText());

    ((Audiences) node.server.service(AudienceMembers.class)).computeAll();

    assertThat(stored(knitters)).isEqualTo(
        IntStream.range(40, 52).mapToObj(AudiencesIT::user).collect(Collectors.toCollection(TreeSet::new)));
    JsonNode after = JSON.readTree(send("GET", "/v1/audiences/" + knitters, null, marketer).body());
    assertThat(after.get("size").asInt()).isEqualTo(12);
    assertThat(Instant.parse(after.get("computed_at").asText())).isAfterOrEqualTo(before);
    assertThat(after.get("history").get(0).get("adds").asInt()).isEqualTo(12);
    assertThat(after.get("history").get(0).get("size").asInt()).isEqualTo(12);
  }
}
