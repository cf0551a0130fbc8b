package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marquee.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreDatasetTest {
  @TempDir Path dir;

  private static final String NOW = "2026-06-30 00:00:00";
  private static final String HALF_LIFE_AGO = "2026-04-01 00:00:00"; // 90 days before NOW

  private Dataset load(String... sql) throws Exception {
    try (Store store = Store.open(dir); Connection c = store.readConnection();
        Statement s = c.createStatement()) {
      s.execute("""
          INSERT INTO titles(asset_id, title, genres, series, maturity_rating, runtime_s, media_type,
            source, updated_at) VALUES
          ('film', 'Film', ['Drama', 'crime'], NULL, 'R', 1000, 'video', 't', now()),
          ('ep1', 'Episode 1', ['comedy'], 'Show', 'TV-PG', 2000, 'video', 't', now()),
          ('song', 'Song', ['pop'], 'Album', NULL, 200, 'audio', 't', now())""");
      for (String q : sql) {
        s.execute(q);
      }
      return StoreDataset.load(c);
    }
  }

  private static String view(String user, String asset, String at, double watched, Double length,
      boolean completed) {
    return "INSERT INTO views(view_id, session_id, user_id, asset_id, started_at, ended_at, "
        + "watch_seconds, total_length, completed) VALUES ('" + user + asset + at + watched + "', 's', '"
        + user + "', '" + asset + "', TIMESTAMP '" + at + "', TIMESTAMP '" + at + "', " + watched + ", "
        + length + ", " + completed + ")";
  }

  private static String event(String type, String user, String asset, String at, String json) {
    String column = type.equals("identify") ? "traits" : "properties";
    return "INSERT INTO events(log_pos, message_id, type, event, user_id, asset_id, timestamp, "
        + "received_at, " + column + ") VALUES (1, '" + user + at + type + "', '" + type + "', "
        + (type.equals("track") ? "'Content Rated'" : "NULL") + ", '" + user + "', "
        + (asset == null ? "NULL" : "'" + asset + "'") + ", TIMESTAMP '" + at + "', now(), '"
        + json + "')";
  }

  private static float weight(Dataset d, String user, String item) {
    Interactions x = d.interactions();
    return x.weight(x.users().indexOf(user), x.items().indexOf(item));
  }

  @Test
  void views_areWeightedLikeFeedback_byFractionCompletionAndRecency() throws Exception {
    Dataset d = load(
        view("a", "film", NOW, 250, 1000.0, false),          // a quarter, now
        view("b", "film", HALF_LIFE_AGO, 1000, 1000.0, false), // finished, a half-life ago
        view("c", "film", NOW, 100, null, true),             // no length: runtime; completed flag
        view("d", "ep1", NOW, 500, 2000.0, false),           // two views add up
        view("d", "ep1", HALF_LIFE_AGO, 1000, 2000.0, false));
    assertThat(d.now()).isEqualTo(java.time.LocalDateTime.parse(NOW.replace(' ', 'T'))
        .toEpochSecond(java.time.ZoneOffset.UTC));
    assertThat(weight(d, "a", "film")).isCloseTo(Feedback.view(0.25, 0), within(1e-5f));
    assertThat(weight(d, "b", "film")).isCloseTo(Feedback.view(1, 90), within(1e-5f));
    assertThat(weight(d, "c", "film")).isCloseTo(Feedback.view(Feedback.COMPLETED, 0), within(1e-5f));
    assertThat(weight(d, "d", "ep1"))
        .isCloseTo(Feedback.view(0.25, 0) + Feedback.view(0.5, 90), within(1e-5f));
  }

  @Test
  void ratings_addToViews_theLatestWins_andALowOneMarksADislike() throws Exception {
    Dataset d = load(
        view("a", "film", NOW, 1000, 1000.0, true),
        event("track", "a", "film", "2026-06-01 00:00:00", "{\"rating\": 1}"),
        event("track", "a", "film", "2026-06-02 00:00:00", "{\"rating\": 5}"),
        view("b", "film", NOW, 1000, 1000.0, true),
        event("track", "b", "film", "2026-06-02 00:00:00", "{\"rating\": 2}"),
        event("track", "c", "song", "2026-06-02 00:00:00", "{\"rating\": 4}"));
    assertThat(weight(d, "a", "film")).isCloseTo(Feedback.cell(1.5f, 5), within(1e-5f));
    assertThat(d.interactions().rating(d.interactions().users().indexOf("a"),
        d.interactions().items().indexOf("film"))).isEqualTo(5f);
    assertThat(weight(d, "b", "film")).isEqualTo(Feedback.DISLIKED);
    assertThat(weight(d, "c", "song")).isCloseTo(Feedback.rating(4), within(1e-5f));
  }

  @Test
  void features_comeFromTitles_andProfilesFromTheLatestTraits() throws Exception {
    Dataset d = load(
        view("a", "film", NOW, 10, 1000.0, false),
        event("identify", "a", null, "2026-01-01 00:00:00",
            "{\"age\": 15, \"gender\": \"female\", \"country\": \"fr\", \"interests\": [\"comedy\"]}"),
        event("identify", "a", null, "2026-02-01 00:00:00", "{\"age\": 16, \"plan\": \"free\"}"),
        event("identify", "newcomer", null, "2026-02-01 00:00:00", "{\"interests\": \"pop, rock\"}"));
    ItemFeatures f = d.items();
    int film = f.items().indexOf("film");
    assertThat(f.size()).isEqualTo(3);
    assertThat(f.genreName(f.genresOf(film)[0])).isEqualTo("drama");
    assertThat(f.maturityLevel(film)).isEqualTo(3);
    assertThat(f.isAudio(f.items().indexOf("song"))).isTrue();
    assertThat(f.seriesName(f.seriesOf(f.items().indexOf("ep1")))).isEqualTo("Show");
    Interactions x = d.interactions();
    assertThat(d.profile(x.users().indexOf("a")))
        .isEqualTo(new UserProfile(16, "female", "FR", List.of("comedy")));
    int newcomer = x.users().indexOf("newcomer");
    assertThat(x.historyLength(newcomer)).isZero();
    assertThat(d.profile(newcomer).interests()).containsExactly("pop", "rock");
  }
}
