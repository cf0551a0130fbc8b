package io.marquee.releases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.access.Role;
import io.marquee.audit.AuditLog;
import io.marquee.config.Settings;
import io.marquee.insights.ReportRange;
import io.marquee.insights.SmallCells;
import io.marquee.testing.Cli;
import io.marquee.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Releases end to end on {@link ReleaseFixture}: exact figures, seeded noise, the budget, roles, the CLI. */
class ReleasesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Settings SETTINGS = Settings.defaults().with("recommend.retrain-minutes", 0)
      .with("releases.max-hours-per-user", 1);
  private static final ReportRange RANGE = new ReportRange(LocalDate.parse(ReleaseFixture.FROM),
      LocalDate.parse(ReleaseFixture.TO), ZoneId.of("UTC"));

  @TempDir static Path dataDir;
  private static TestNode node;
  private static String marketer;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(dataDir, SETTINGS);
    ReleaseFixture.load(node);
    marketer = node.node.apiKeys().create(Role.MARKETER, "test");
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static HttpResponse<String> release(TestNode on, String key, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(on.url("/v1/releases")))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String body(String title, String epsilon, String... figures) {
    return "{\"subject\":{\"title\":\"" + title + "\"},\"from\":\"" + ReleaseFixture.FROM + "\",\"to\":\""
        + ReleaseFixture.TO + "\",\"epsilon\":\"" + epsilon + "\",\"figures\":[\"" + String.join("\",\"", figures)
        + "\"]}";
  }

  private static Releaser seeded(Path ledgerDir, long seed) throws Exception {
    BudgetLedger ledger = ReleasesCapability.openLedger(ledgerDir, SETTINGS, JSON);
    return ReleasesCapability.releaser(node.node.store(), ledger, new ExactNoise(new SplittableRandom(seed)),
        AuditLog.open(ledgerDir), Optional::empty, SETTINGS);
  }

  private static ReleaseRequest request(String title, String epsilon, String... figures) throws Exception {
    return ReleaseRequest.parse(JSON.readTree(body(title, epsilon, figures)), Rational.parse("3"), Clock.systemUTC());
  }

  @Test
  void theExactFigures_boundEachUsersViewsAndHours_andPutEveryoneInOneCell() throws Exception {
    TrueCounts t;
    try (Connection c = node.node.store().readConnection()) {
      t = TrueCounts.ofTitle(c, "film-x", RANGE, 5, 60);
    }
    assertThat(t.totals()).containsEntry("viewers", 30L).containsEntry("views", 70L).containsEntry("minutes", 800L);
    assertThat(t.cells().get("age_bracket")).containsEntry("25-34", 20L).containsEntry("35-44", 10L)
        .containsEntry("unknown", 0L);
    assertThat(t.cells().get("gender")).containsEntry("female", 20L).containsEntry("male", 10L);
    assertThat(t.cells().get("country")).containsEntry("FR", 20L).containsEntry("DE", 10L).containsEntry("US", 0L);
    assertThat(t.cells().get("country").values().stream().mapToLong(Long::longValue).sum()).isEqualTo(30);
    try (Connection c = node.node.store().readConnection()) {
      assertThat(TrueCounts.ofTitle(c, "film-x", RANGE, 100, 100_000).totals())
          .containsEntry("views", 100L).containsEntry("minutes", 1000L);
    }
  }

  @Test
  void aSeededRun_isReproducible_andAddsExactlyTheSeedsNoiseToTheBoundedFigures(@TempDir Path a, @TempDir Path b)
      throws Exception {
    Map<String, Object> one = seeded(a, 7).release(request("film-x", "1", "viewers", "views"), "test");
    Map<String, Object> two = seeded(b, 7).release(request("film-x", "1", "viewers", "views"), "test");
    assertThat(JSON.writeValueAsString(one)).isEqualTo(JSON.writeValueAsString(two));

    // epsilon 1 over two figures: 1/2 each; viewers (sensitivity 1) scale 2, views (sensitivity 5) scale 10
    ExactNoise replay = new ExactNoise(new SplittableRandom(7));
    long viewers = Math.max(0, 30 + replay.laplace(2, 1));
    long views = Math.max(0, 70 + replay.laplace(10, 1));
    JsonNode answer = JSON.valueToTree(one);
    assertThat(answer.path("epsilon_per_figure").asText()).isEqualTo("1/2");
    assertThat(answer.path("figures").get(0).path("scale").asText()).isEqualTo("2");
    assertThat(answer.path("figures").get(1).path("scale").asText()).isEqualTo("10");
    assertThat(answer.path("figures").get(0).path("value").asText()).isEqualTo(String.valueOf(SmallCells.count(viewers)));
    assertThat(answer.path("figures").get(1).path("value").asText()).isEqualTo(String.valueOf(SmallCells.count(views)));
    assertThat(Files.readString(a.resolve("audit/audit.log"))).contains("\"released\":\"viewers="
        + SmallCells.count(viewers) + ";views=" + SmallCells.count(views) + "\"").contains("\"subject\":null")
        .contains("title:film-x");

    Map<String, Object> other = seeded(a, 8).release(request("film-x", "1", "viewers", "views"), "test");
    assertThat(JSON.writeValueAsString(other.get("figures"))).isNotEqualTo(JSON.writeValueAsString(one.get("figures")));
  }

  @Test
  void smallCells_ofTheNoisyCounts_areSuppressed_andEveryCellOfTheDomainIsNoised(@TempDir Path a) throws Exception {
    JsonNode answer = JSON.valueToTree(seeded(a, 9).release(request("film-x", "3", "country"), "test"));
    JsonNode country = answer.path("figures").get(0);
    assertThat(country.path("cells_in_domain").asInt()).isGreaterThan(240);
    assertThat(country.path("suppressed_cells").asInt() + country.path("cells").size())
        .isEqualTo(country.path("cells_in_domain").asInt());
    // at scale 1/3, FR (20) and DE (10) stay near their counts; every empty cell is under 10, so hidden
    for (JsonNode cell : country.path("cells")) {
      assertThat(cell.path("value").asText()).isIn("FR", "DE");
      assertThat(cell.path("count").isIntegralNumber()).isTrue();
      assertThat(cell.path("count").asLong()).isGreaterThanOrEqualTo(SmallCells.MIN_USERS);
    }
  }

  @Test
  void anAudiencesFigures_countItsMembersOnce_withMembersWithoutAProfileUnknown(@TempDir Path a) throws Exception {
    // a hand-built membership read through the AudienceMembers contract: u00..u11 (female, 25-34, FR),
    // u20..u29 (male, 35-44, DE) and one id without a profile
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(String.format("u%02d", i));
    }
    for (int i = 20; i < 30; i++) {
      ids.add(String.format("u%02d", i));
    }
    ids.add("nobody");
    TrueCounts t;
    try (Connection c = node.node.store().readConnection()) {
      t = TrueCounts.ofMembers(c, ids);
    }
    assertThat(t.totals()).containsEntry("size", 23L);
    assertThat(t.cells().get("age_bracket")).containsEntry("25-34", 12L).containsEntry("35-44", 10L)
        .containsEntry("unknown", 1L);
    assertThat(t.cells().get("country")).containsEntry("FR", 12L).containsEntry("DE", 10L).containsEntry("unknown", 1L);

    io.marquee.audiences.AudienceMembers members = id -> id.equals("a1")
        ? Optional.of(new io.marquee.audiences.AudienceMembers.Members("a1", "A", ids, java.time.Instant.now()))
        : Optional.empty();
    BudgetLedger ledger = ReleasesCapability.openLedger(a, SETTINGS, JSON);
    Releaser releaser = ReleasesCapability.releaser(node.node.store(), ledger, new ExactNoise(new SplittableRandom(5)),
        AuditLog.open(a), () -> Optional.of(members), SETTINGS);
    ReleaseRequest request = ReleaseRequest.parse(JSON.readTree(
        "{\"subject\":{\"audience\":\"a1\"},\"epsilon\":2,\"figures\":[\"size\",\"gender\"]}"),
        Rational.parse("3"), Clock.systemUTC());
    JsonNode answer = JSON.valueToTree(releaser.release(request, "test"));
    ExactNoise replay = new ExactNoise(new SplittableRandom(5));
    assertThat(answer.path("figures").get(0).path("value").asText())
        .isEqualTo(String.valueOf(SmallCells.count(Math.max(0, 23 + replay.laplace(1, 1)))));
    assertThat(answer.path("budget").path("spent").asText()).isEqualTo("2");
    assertThat(answer.has("from")).isFalse();

    ReleaseRequest unknown = ReleaseRequest.parse(JSON.readTree(
        "{\"subject\":{\"audience\":\"zz\"},\"epsilon\":1,\"figures\":[\"size\"]}"), Rational.parse("3"),
        Clock.systemUTC());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> releaser.release(unknown, "test"))
        .isInstanceOf(Releaser.NoSubjectException.class).hasMessageContaining("no audience zz");
    assertThat(ledger.spent("audience:zz")).isEqualTo(Rational.ZERO);

    Releaser without = ReleasesCapability.releaser(node.node.store(), ledger, new ExactNoise(new SplittableRandom(5)),
        AuditLog.open(a), Optional::empty, SETTINGS);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> without.release(request, "test"))
        .isInstanceOf(Releaser.NoSubjectException.class).hasMessageContaining("serves no audiences");
  }

  @Test
  void releaseOffline_refusesAMissingDataDir(@TempDir Path tmp) {
    Cli r = Cli.run("release", "--data-dir", tmp.resolve("typo").toString(), "--title", "film-x", "--epsilon", "1");
    assertThat(r.exitCode).isEqualTo(1);
    assertThat(r.err.trim()).isEqualTo("marquee release: no data dir at " + tmp.resolve("typo"));
    assertThat(Files.exists(tmp.resolve("typo"))).isFalse();
  }

  @Test
  void overHttp_everyFigureIsAnIntegerOrSuppressed_andTheAnswerNamesMechanismEpsilonAndBudget() throws Exception {
    HttpResponse<String> r = release(node, marketer, body("film-x", "1.2", "viewers", "views", "hours", "age_bracket",
        "gender", "country"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(r.body());
    assertThat(answer.path("mechanism").path("name").asText()).contains("discrete Laplace");
    assertThat(answer.path("epsilon").asText()).isEqualTo("6/5");
    assertThat(answer.path("epsilon_per_figure").asText()).isEqualTo("1/5");
    assertThat(answer.path("budget").path("limit").asText()).isEqualTo("3");
    assertThat(answer.path("figures")).hasSize(6);
    for (JsonNode f : answer.path("figures")) {
      assertThat(f.path("epsilon").asText()).isEqualTo("1/5");
      if (f.has("value")) {
        assertThat(f.path("value").isIntegralNumber() || f.path("value").asText().equals(SmallCells.SUPPRESSED))
            .as(f.toString()).isTrue();
      } else {
        for (JsonNode cell : f.path("cells")) {
          assertThat(cell.path("count").isIntegralNumber()).isTrue();
          assertThat(cell.path("count").asLong()).isGreaterThanOrEqualTo(SmallCells.MIN_USERS);
        }
      }
    }
    assertThat(answer.path("figures").get(1).path("sensitivity").asInt()).isEqualTo(5);
    assertThat(answer.path("figures").get(2).path("sensitivity").asInt()).isEqualTo(60);
    assertThat(Files.readString(dataDir.resolve("audit/audit.log"))).contains("\"release\"").contains("title:film-x");
  }

  @Test
  void twoReleasesAtOnce_cannotOverspend_oneIsRefusedWith409() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> both = List.of(0, 1).stream().map(i -> http.sendAsync(
        HttpRequest.newBuilder(URI.create(node.url("/v1/releases"))).header("Authorization", "Bearer " + marketer)
            .POST(HttpRequest.BodyPublishers.ofString(body("film-y", "2", "viewers"))).build(),
        HttpResponse.BodyHandlers.ofString())).toList();
    List<Integer> codes = both.stream().map(f -> f.join().statusCode()).sorted().toList();
    assertThat(codes).containsExactly(200, 409);
    JsonNode refused = JSON.readTree(both.stream().map(CompletableFuture::join).filter(x -> x.statusCode() == 409)
        .findFirst().orElseThrow().body());
    assertThat(refused.path("remaining").asText()).isEqualTo("1");
  }

  @Test
  void badInput_unknownTitles_andAudiencesWithoutTheService_getNamedErrors() throws Exception {
    HttpResponse<String> r = release(node, marketer, body("film-x", "0", "viewers"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("epsilon");
    r = release(node, marketer, body("film-x", "4", "viewers"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("epsilon");
    r = release(node, marketer, body("film-x", "1", "size"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("figures");
    r = release(node, marketer, "{\"subject\":{\"movie\":\"x\"},\"epsilon\":1,\"figures\":[\"viewers\"]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("subject");
    r = release(node, marketer, body("no-such-title", "1", "viewers"));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("no title no-such-title");
    r = release(node, marketer, "{\"subject\":{\"audience\":\"aud_none\"},\"epsilon\":1,\"figures\":[\"size\"]}");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("no audience aud_none");
  }

  @Test
  void aSavedAudience_isReleasedOverHttp_throughTheAudiencesService() throws Exception {
    HttpResponse<String> saved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(node.url("/v1/audiences"))).header("Authorization", "Bearer " + marketer)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"FR\",\"rule\":{\"country\":\"FR\"}}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
    String id = JSON.readTree(saved.body()).path("id").asText();
    HttpResponse<String> r = release(node, marketer, "{\"subject\":{\"audience\":\"" + id
        + "\"},\"epsilon\":\"3\",\"figures\":[\"size\",\"country\"]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(r.body());
    assertThat(answer.path("subject").path("audience").asText()).isEqualTo(id);
    assertThat(answer.path("budget").path("remaining").asText()).isEqualTo("0");
    // 20 members (u00..u19, all FR) at scale 2/3: the noisy size is an integer near 20, not suppressed
    assertThat(answer.path("figures").get(0).path("value").isIntegralNumber()).isTrue();
    assertThat(answer.path("figures").get(0).path("value").asLong()).isBetween(10L, 40L);
    for (JsonNode cell : answer.path("figures").get(1).path("cells")) {
      assertThat(cell.path("count").asLong()).isGreaterThanOrEqualTo(SmallCells.MIN_USERS);
    }
    assertThat(release(node, marketer, "{\"subject\":{\"audience\":\"" + id
        + "\"},\"epsilon\":\"0.1\",\"figures\":[\"size\"]}").statusCode()).isEqualTo(409);
  }

  @Test
  void roles_belowMarketer_areRefused() throws Exception {
    assertThat(release(node, null, body("film-x", "1", "viewers")).statusCode()).isEqualTo(401);
    assertThat(release(node, node.node.apiKeys().create(Role.ANALYST, "test"), body("film-x", "1", "viewers"))
        .statusCode()).isEqualTo(403);
    assertThat(release(node, node.node.apiKeys().create(Role.ADMIN, "test"), body("film-x", "1", "viewers"))
        .statusCode()).isEqualTo(200);
  }

  @Test
  void aSavedAudience_isReleasedOffline_fromItsSavedMembers_andChargedToTheSameBudget(@TempDir Path dir)
      throws Exception {
    TestNode own = TestNode.start(dir, SETTINGS);
    ReleaseFixture.load(own);
    String key = own.node.apiKeys().create(Role.MARKETER, "test");
    HttpResponse<String> saved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(own.url("/v1/audiences"))).header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"FR\",\"rule\":{\"country\":\"FR\"}}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
    String id = JSON.readTree(saved.body()).path("id").asText();
    assertThat(release(own, key, "{\"subject\":{\"audience\":\"" + id
        + "\"},\"epsilon\":\"2\",\"figures\":[\"size\"]}").statusCode()).isEqualTo(200);
    own.close();

    Cli ok = Cli.run("release", "--data-dir", dir.toString(), "--audience", id, "--epsilon", "1/2");
    assertThat(ok.exitCode).as(ok.toString()).isEqualTo(0);
    JsonNode answer = JSON.readTree(ok.out);
    assertThat(answer.path("subject").path("audience").asText()).isEqualTo(id);
    assertThat(answer.path("budget").path("remaining").asText()).isEqualTo("1/2");
    List<String> figures = new java.util.ArrayList<>();
    answer.path("figures").forEach(f -> figures.add(f.path("figure").asText()));
    assertThat(figures).containsExactly("size", "age_bracket", "gender", "country");
    // 20 members (u00..u19, all FR): the noisy size is an integer near 20
    assertThat(answer.path("figures").get(0).path("value").asLong()).isBetween(0L, 60L);

    Cli spent = Cli.run("release", "--data-dir", dir.toString(), "--audience", id, "--epsilon", "1");
    assertThat(spent.exitCode).as(spent.toString()).isEqualTo(1);
    assertThat(spent.err).contains("refused");
    Cli unknown = Cli.run("release", "--data-dir", dir.toString(), "--audience", "aud_none", "--epsilon", "1");
    assertThat(unknown.exitCode).isEqualTo(1);
    assertThat(unknown.err).contains("no audience aud_none");
    Cli both = Cli.run("release", "--data-dir", dir.toString(), "--audience", id, "--title", "film-x",
        "--epsilon", "1");
    assertThat(both.exitCode).isEqualTo(2);
    assertThat(both.err).contains("mutually exclusive");
  }

  @Test
  void aSpentBudget_isRefused_andStaysSpentAcrossARestartAndOffline(@TempDir Path dir) throws Exception {
    TestNode own = TestNode.start(dir, SETTINGS);
    ReleaseFixture.load(own);
    String key = own.node.apiKeys().create(Role.MARKETER, "test");
    assertThat(release(own, key, body("film-x", "2", "viewers")).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = release(own, key, body("film-x", "1.5", "viewers"));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(refused.body()).path("remaining").asText()).isEqualTo("1");
    own.close();

    Cli spent = Cli.run("release", "--data-dir", dir.toString(), "--title", "film-x", "--epsilon", "1.5",
        "--from", ReleaseFixture.FROM, "--to", ReleaseFixture.TO);
    assertThat(spent.exitCode).as(spent.toString()).isEqualTo(1);
    assertThat(spent.err).contains("refused").contains("1 (1.0) left");
    Cli ok = Cli.run("release", "--data-dir", dir.toString(), "--title", "film-x", "--epsilon", "0.5",
        "--from", ReleaseFixture.FROM, "--to", ReleaseFixture.TO, "--figures", "viewers,gender");
    assertThat(ok.exitCode).as(ok.toString()).isEqualTo(0);
    JsonNode answer = JSON.readTree(ok.out);
    assertThat(answer.path("budget").path("remaining").asText()).isEqualTo("1/2");
    assertThat(answer.path("figures").get(1).path("figure").asText()).isEqualTo("gender");

    TestNode again = TestNode.start(dir, SETTINGS);
    try {
      HttpResponse<String> r = release(again, key, body("film-x", "0.6", "viewers"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
      assertThat(JSON.readTree(r.body()).path("remaining").asText()).isEqualTo("1/2");
      assertThat(release(again, key, body("film-x", "1/2", "viewers")).statusCode()).isEqualTo(200);
    } finally {
      again.close();
    }
    assertThat(Files.readAllLines(dir.resolve("releases/ledger.jsonl"))).hasSize(3);
    assertThat(Files.readString(dir.resolve("audit/audit.log"))).contains("\"actor\":\"cli\"");
  }
}
