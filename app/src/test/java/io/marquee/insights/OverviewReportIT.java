package io.marquee.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.marquee.access.Role;
import io.marquee.config.Settings;
import io.marquee.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/insights/overview} on three hand-built data sets, disjoint in time, every figure
 * computed here by hand.
 *
 * <p>Weeks (Mondays): W-2 = 09-14, W0 = 09-28, W1 = 10-05, W2 = 10-12, W3 = 10-19; the range is
 * 10-05 .. 10-25 (W1..W3). Groups and the weeks they view in: old (12 viewers) W0 and W2; a (20)
 * first in W1, a00..a09 also in W2, all 20 in W3; b (15) first in W2; c (3) first in W3; r (10) W-2,
 * W1 and W3; d (11) first in W0, then W1.
 *
 * <p>November: 10 viewers aged 30 and 11 aged 40 view every day of 11-01 .. 11-28, 10 aged 20 view
 * on 11-01 only. Now: 12 open sessions with their last heartbeat 20 s ago (300 s apart), one whose
 * last heartbeat is 500 s old but 300 s apart (its window is 600 s), 3 closed 20 s ago, 2 whose only
 * heartbeat is 200 s old (window 60 s), and 10 sessions that ran from 3 to 2 hours ago.
 */
class OverviewReportIT {
  @TempDir static Path dataDir;
  private static TestNode node;
  private static String analyst;
  private static Instant now;
  private static final String OCTOBER = "/v1/insights/overview?from=2026-10-05&to=2026-10-25";
  private static final String NOVEMBER = "/v1/insights/overview?from=2026-11-01&to=2026-11-28";

  private static Instant day(String date) {
    return Instant.parse(date + "T19:00:00Z");
  }

  private static void group(OverviewFixture f, List<String> users, String... days) {
    for (String d : days) {
      for (int i = 0; i < users.size(); i++) {
        f.view(users.get(i), "film", day(d).plusSeconds(700L * i), false);
      }
    }
  }

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(dataDir, Settings.defaults());
    analyst = node.node.apiKeys().create(Role.ANALYST, "test");
    OverviewFixture f = new OverviewFixture(node);
    List<String> a = OverviewFixture.users("a", 20);
    group(f, OverviewFixture.users("old", 12), "2026-09-29", "2026-10-14");
    group(f, a, "2026-10-06", "2026-10-20");
    group(f, a.subList(0, 10), "2026-10-13");
    group(f, OverviewFixture.users("b", 15), "2026-10-13");
    group(f, OverviewFixture.users("c", 3), "2026-10-20");
    group(f, OverviewFixture.users("r", 10), "2026-09-15", "2026-10-07", "2026-10-21");
    group(f, OverviewFixture.users("d", 11), "2026-09-30", "2026-10-08");

    List<String> p = OverviewFixture.users("p", 10);
    List<String> q = OverviewFixture.users("q", 11);
    List<String> y = OverviewFixture.users("y", 10);
    p.forEach(u -> f.age(u, 30));
    q.forEach(u -> f.age(u, 40));
    y.forEach(u -> f.age(u, 20));
    for (LocalDate d = LocalDate.parse("2026-11-01"); !d.isAfter(LocalDate.parse("2026-11-28")); d = d.plusDays(1)) {
      group(f, p, d.toString());
      group(f, q, d.toString());
    }
    group(f, y, "2026-11-01");

    now = Instant.now();
    for (String u : OverviewFixture.users("live", 12)) {
      f.open(u, "film", now.minusSeconds(600), now.minusSeconds(320), now.minusSeconds(20));
    }
    f.open("slow", "film", now.minusSeconds(1200), now.minusSeconds(800), now.minusSeconds(500));
    for (String u : OverviewFixture.users("done", 3)) {
      f.play(u, "film", now.minusSeconds(300), 280, 3600, "video");
    }
    for (String u : OverviewFixture.users("stale", 2)) {
      f.open(u, "film", now.minusSeconds(600), now.minusSeconds(200));
    }
    for (String u : OverviewFixture.users("earlier", 10)) {
      f.play(u, "film", now.minus(Duration.ofHours(3)), 3600, 3600, "video");
    }
    f.send();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static List<String> week(JsonNode w) {
    List<String> out = new ArrayList<>();
    for (String k : List.of("week", "active", "new", "returning", "resurrecting", "dormant")) {
      out.add(w.get(k).asText());
    }
    return out;
  }

  @Test
  void lifecycle_countsNewReturningResurrectingAndDormantViewersPerWeek_withComplementarySuppression()
      throws Exception {
    JsonNode life = OverviewFixture.get(node, OCTOBER, analyst).get("lifecycle");
    assertThat(life).hasSize(3);
    // W1: new a 20, returning d 11, resurrecting r 10, dormant old 12
    assertThat(week(life.get(0))).containsExactly("2026-10-05", "41", "20", "11", "10", "12");
    // W2: new b 15, returning a00..a09 10, resurrecting old 12, dormant r 10 + d 11 + a10..a19 10
    assertThat(week(life.get(1))).containsExactly("2026-10-12", "37", "15", "10", "12", "31");
    // W3: new c 3 (suppressed), so returning a00..a09 10 (the smallest other) too, and then dormant
    // (old 12 + b 15), which with returning adds up to W2's active; resurrecting a10..a19 + r = 20
    assertThat(week(life.get(2))).containsExactly("2026-10-19", "33", "<10", "<10", "20", "<10");
  }

  @Test
  void cohorts_giveNWeekAndUnboundedRetention_ofTheNewViewersOfEachWeek() throws Exception {
    JsonNode cohorts = OverviewFixture.get(node, OCTOBER, analyst).get("cohorts");
    assertThat(cohorts).hasSize(3);
    JsonNode w1 = cohorts.get(0);
    assertThat(w1.get("week").asText()).isEqualTo("2026-10-05");
    assertThat(w1.get("size").asLong()).isEqualTo(20);
    assertThat(shares(w1.get("retention"))).containsExactly(1.0, 0.5, 1.0);
    assertThat(shares(w1.get("unbounded"))).containsExactly(1.0, 1.0, 1.0);
    assertThat(w1.get("retention").get(1).get("active").asLong()).isEqualTo(10);
    JsonNode w2 = cohorts.get(1);
    assertThat(w2.get("size").asLong()).isEqualTo(15);
    assertThat(w2.get("retention").get(1).get("active").asText()).isEqualTo("<10");
    assertThat(w2.get("retention").get(1).get("share").isNull()).isTrue();
    assertThat(w2.get("unbounded").get(1).get("share").isNull()).isTrue();
    JsonNode w3 = cohorts.get(2);
    assertThat(w3.get("size").asText()).isEqualTo("<10");
    assertThat(w3.get("retention").get(0).get("share").isNull()).isTrue();
  }

  private static List<Double> shares(JsonNode cells) {
    List<Double> out = new ArrayList<>();
    cells.forEach(c -> out.add(c.get("share").isNull() ? null : c.get("share").asDouble()));
    return out;
  }

  @Test
  void stickiness_isMeanDauOverMau_overallAndByAgeBracket_withSmallBracketsSuppressed() throws Exception {
    JsonNode r = OverviewFixture.get(node, NOVEMBER, analyst);
    assertThat(r.get("daily")).hasSize(28);
    assertThat(r.get("daily").get(0).get("dau").asLong()).isEqualTo(31);
    assertThat(r.get("daily").get(1).get("dau").asLong()).isEqualTo(21);
    assertThat(r.get("wau").asLong()).isEqualTo(21);
    assertThat(r.get("mau").asLong()).isEqualTo(31);
    double dau = (28 * 21 + 10) / 28.0;
    assertThat(r.get("dau").asDouble()).isCloseTo(dau, within(1e-9));
    assertThat(r.get("stickiness").asDouble()).isCloseTo(dau / 31, within(1e-9));
    JsonNode brackets = r.get("by_age_bracket");
    assertThat(brackets).hasSize(3);
    // 18-24: mean DAU 10/28, under 10; so the smallest other, 25-34 (10), is suppressed too
    assertThat(List.of(brackets.get(0).get("age_bracket").asText(), brackets.get(0).get("dau").asText(),
        brackets.get(0).get("mau").asText())).containsExactly("18-24", "<10", "10");
    assertThat(brackets.get(0).get("stickiness").isNull()).isTrue();
    assertThat(List.of(brackets.get(1).get("age_bracket").asText(), brackets.get(1).get("dau").asText()))
        .containsExactly("25-34", "<10");
    assertThat(brackets.get(1).get("stickiness").isNull()).isTrue();
    assertThat(brackets.get(2).get("age_bracket").asText()).isEqualTo("35-44");
    assertThat(brackets.get(2).get("dau").asDouble()).isEqualTo(11.0);
    assertThat(brackets.get(2).get("mau").asLong()).isEqualTo(11);
    assertThat(brackets.get(2).get("stickiness").asDouble()).isEqualTo(1.0);
  }

  @Test
  void aZone_movesEachViewToItsLocalDay_forRegionsAndFixedOffsetsAlike() throws Exception {
    // the November views start between 19:00 and 21:00 UTC: 04:00 to 06:00 the next day in Tokyo
    for (String tz : List.of("Asia/Tokyo", "%2B09:00")) {
      JsonNode daily = OverviewFixture.get(node, NOVEMBER + "&tz=" + tz, analyst).get("daily");
      assertThat(daily.get(0).get("dau").asText()).as(tz).isEqualTo("<10");
      assertThat(daily.get(1).get("dau").asLong()).as(tz).isEqualTo(31);
      assertThat(daily.get(2).get("dau").asLong()).as(tz).isEqualTo(21);
    }
  }

  @Test
  void concurrentViewersNow_countOpenSessionsWithinTwiceTheirHeartbeat_notClosedOrStaleOnes() throws Exception {
    JsonNode c = OverviewFixture.get(node, NOVEMBER, analyst).get("concurrent_viewers");
    assertThat(c.get("now").asLong()).isEqualTo(12 + 1);
    JsonNode series = c.get("last_24h");
    assertThat(series).hasSize(24 * 60 / 5);
    Instant mid = now.minus(Duration.ofMinutes(150));
    boolean seen = false;
    for (JsonNode p : series) {
      Instant at = Instant.parse(p.get("at").asText());
      if (!at.isBefore(mid) && at.isBefore(mid.plus(Duration.ofMinutes(5)))) {
        assertThat(p.get("viewers").asLong()).as("the sessions that ran 3 to 2 hours ago").isEqualTo(10);
        seen = true;
      }
      if (at.isBefore(now.minus(Duration.ofHours(4)))) {
        assertThat(p.get("viewers").asText()).isEqualTo("<10");
      }
    }
    assertThat(seen).isTrue();
  }

  @Test
  void theWeeklyFigures_areReusedWhileTheViewsAreUnchanged_andRecomputedOnceTheyChange() throws Exception {
    String path = "/v1/insights/overview?from=2026-01-05&to=2026-01-18";
    String computed = OverviewFixture.get(node, path, analyst).get("freshness").get("computed_at").asText();
    assertThat(OverviewFixture.get(node, path, analyst).get("freshness").get("computed_at").asText())
        .isEqualTo(computed);
    // a view long before every other data set here (within store.retention-days), so no other test's figures move
    new OverviewFixture(node).view("z00", "film", Instant.parse("2026-01-06T10:00:00Z"), true).send();
    JsonNode after = OverviewFixture.get(node, path, analyst);
    assertThat(after.get("freshness").get("computed_at").asText()).isNotEqualTo(computed);
    assertThat(after.get("daily").get(1).get("dau").asText()).isEqualTo("<10");
    assertThat(after.get("lifecycle").get(0).get("active").asText()).isEqualTo("<10");
  }

  @Test
  void theCsvLists_andTheFreshness() throws Exception {
    JsonNode r = OverviewFixture.get(node, OCTOBER, analyst);
    assertThat(r.get("freshness").get("cache_max_age_s").asInt()).isEqualTo(60);
    assertThat(r.get("freshness").has("computed_at")).isTrue();
    HttpResponse<String> life = node.call("GET", OCTOBER + "&format=csv&list=lifecycle", analyst);
    assertThat(life.body().split("\r?\n")).containsExactly("week,active,new,returning,resurrecting,dormant",
        "2026-10-05,41,20,11,10,12", "2026-10-12,37,15,10,12,31", "2026-10-19,33,<10,<10,20,<10");
    String cohorts = node.call("GET", OCTOBER + "&format=csv&list=cohorts", analyst).body();
    assertThat(cohorts.split("\r?\n")[0]).isEqualTo("week,size,n,active,share,unbounded_active,unbounded_share");
    assertThat(cohorts.split("\r?\n")[2]).isEqualTo("2026-10-05,20,1,10,0.5,20,1.0");
    assertThat(node.call("GET", OCTOBER + "&list=weekly", analyst).statusCode()).isEqualTo(400);
  }
}
