package io.marquee.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MessageShapeTest {
  private static final int USERS = 400;
  private static final Instant WINDOW_START = Instant.parse("2026-08-03T00:00:00Z");
  private static final Instant WINDOW_END = Instant.parse("2026-11-01T00:00:00Z");
  private static final Set<String> VIDEO_EVENTS =
      Set.of(
          "Video Playback Started", "Video Content Started", "Video Content Playing",
          "Video Playback Paused", "Video Playback Resumed", "Video Playback Seek Started",
          "Video Playback Seek Completed", "Video Playback Buffer Started",
          "Video Playback Buffer Completed", "Video Ad Started", "Video Ad Completed",
          "Video Quality Updated", "Video Playback Exited", "Video Playback Interrupted",
          "Video Content Completed", "Video Playback Completed");

  private static List<List<ObjectNode>> users;

  @BeforeAll
  static void generate() {
    PlatformGenerator generator = new PlatformGenerator(2026, USERS);
    users = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      users.add(generator.userMessages(i));
    }
  }

  @Test
  void everyMessageHasTypeIdentityUniqueIdTimestampAndContext() {
    Set<String> messageIds = new HashSet<>();
    for (List<ObjectNode> messages : users) {
      for (ObjectNode m : messages) {
        assertThat(m.path("type").asText()).isIn("identify", "track", "alias");
        assertThat(m.hasNonNull("userId") || m.hasNonNull("anonymousId")).as("%s", m).isTrue();
        assertThat(messageIds.add(m.path("messageId").asText())).as("%s", m).isTrue();
        assertThat(m.path("messageId").asText()).startsWith("demo-2026-");
        assertThat(m.path("context").path("library").path("name").asText())
            .isEqualTo("marquee-demo");
        assertThat(m.path("context").path("device").path("type").asText())
            .isIn("tv", "mobile", "web");
        assertThat(m.path("context").path("locale").asText()).matches("[a-z]{2}-[A-Z]{2}");
        if (m.path("type").asText().equals("track")) {
          assertThat(m.path("event").asText()).isNotBlank();
          assertThat(m.path("properties").isObject()).isTrue();
        }
      }
    }
  }

  @Test
  void identifyComesFirstWithDemographicTraitsOnly() {
    for (int i = 0; i < USERS; i++) {
      ObjectNode identify = users.get(i).get(0);
      JsonNode traits = identify.path("traits");

      assertThat(identify.path("type").asText()).isEqualTo("identify");
      assertThat(identify.path("userId").asText()).isEqualTo(String.format("u%06d", i));
      assertThat(iterable(traits.fieldNames()))
          .containsExactlyInAnyOrder("age", "gender", "country", "interests", "plan", "created_at");
      assertThat(traits.path("age").asInt()).isBetween(13, 80);
      assertThat(traits.path("gender").asText()).isIn("female", "male", "non-binary");
      assertThat(traits.path("country").asText())
          .isIn("US", "GB", "FR", "DE", "BR", "IN", "JP", "ES", "MX", "CA");
      assertThat(traits.path("plan").asText()).isIn("free", "standard", "premium");
      assertThat(traits.path("interests").size()).isBetween(2, 4);
      traits.path("interests").forEach(g -> assertThat(Genres.ALL).contains(g.asText()));
      Instant created = Instant.parse(traits.path("created_at").asText());
      assertThat(created).isBefore(WINDOW_END);
    }
  }

  @Test
  void timestampsAreUtcInsideTheWindowAndNonDecreasingPerUser() {
    for (List<ObjectNode> messages : users) {
      Instant previous = WINDOW_START;
      for (ObjectNode m : messages) {
        String text = m.path("timestamp").asText();
        assertThat(text).startsWith("2026-").endsWith("Z");
        Instant at = Instant.parse(text);
        assertThat(at).as("%s", m).isAfterOrEqualTo(previous).isBefore(WINDOW_END);
        previous = at;
      }
    }
  }

  @Test
  void videoEventsCarrySessionPositionAndLengthWithPositionsInRange() {
    int checked = 0;
    for (List<ObjectNode> messages : users) {
      for (ObjectNode m : messages) {
        if (!m.path("event").asText().startsWith("Video ")) {
          continue;
        }
        JsonNode p = m.path("properties");
        assertThat(VIDEO_EVENTS).contains(m.path("event").asText());
        assertThat(p.path("session_id").asText()).as("%s", m).isNotBlank();
        assertThat(p.path("position").isInt()).as("%s", m).isTrue();
        assertThat(p.path("total_length").isInt()).as("%s", m).isTrue();
        assertThat(p.path("position").asInt())
            .as("%s", m)
            .isBetween(0, p.path("total_length").asInt());
        if (p.has("seek_position")) {
          assertThat(p.path("seek_position").asInt()).isBetween(0, p.path("total_length").asInt());
        }
        assertThat(p.path("media_type").asText()).isIn("video", "audio");
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(USERS * 50);
  }

  @Test
  void sessionsFollowTheVideoSpecLifecycle() {
    for (List<ObjectNode> messages : users) {
      Map<String, String> open = new HashMap<>(); // session id -> asset id of started content
      Set<String> ended = new HashSet<>();
      for (ObjectNode m : messages) {
        String event = m.path("event").asText();
        JsonNode p = m.path("properties");
        String session = p.path("session_id").asText();
        if (!event.startsWith("Video ")) {
          continue;
        }
        assertThat(ended).as("event after the end of %s", session).doesNotContain(session);
        switch (event) {
          case "Video Playback Started" -> {
            assertThat(open).doesNotContainKey(session);
            assertThat(p.path("position").asInt()).isZero();
            assertThat(p.path("livestream").asBoolean()).isFalse();
            assertThat(p.path("video_player").asText()).isEqualTo("marquee-demo");
            open.put(session, "");
          }
          case "Video Content Started" -> {
            assertThat(open).containsKey(session);
            assertThat(p.path("position").asInt()).isZero();
            assertThat(p.path("title").asText()).isNotBlank();
            assertThat(Genres.ALL).contains(p.path("genre").asText());
            open.put(session, p.path("asset_id").asText());
          }
          case "Video Content Playing", "Video Content Completed" -> {
            assertThat(p.path("asset_id").asText()).isEqualTo(open.get(session));
            if (event.endsWith("Completed")) {
              assertThat(p.path("position").asInt()).isEqualTo(p.path("total_length").asInt());
            }
          }
          case "Video Ad Started", "Video Ad Completed" -> {
            assertThat(p.path("asset_id").asText()).matches("ad-\\d+");
            assertThat(p.path("type").asText()).isIn("pre-roll", "mid-roll");
            assertThat(p.path("total_length").asInt()).isIn(15, 30);
          }
          case "Video Playback Completed",
              "Video Playback Exited",
              "Video Playback Interrupted" -> {
            assertThat(open).containsKey(session);
            open.remove(session);
            ended.add(session);
          }
          default -> assertThat(open).containsKey(session);
        }
      }
      assertThat(open).as("sessions left open").isEmpty();
    }
  }

  @Test
  void bingeAndMusicSessionsPlaySeveralContentsUnderOneSessionId() {
    int binges = 0;
    int musicSessions = 0;
    for (List<ObjectNode> messages : users) {
      Map<String, Set<String>> contents = new HashMap<>();
      Map<String, String> mediaType = new HashMap<>();
      for (ObjectNode m : messages) {
        if (m.path("event").asText().equals("Video Content Started")) {
          JsonNode p = m.path("properties");
          contents
              .computeIfAbsent(p.path("session_id").asText(), s -> new HashSet<>())
              .add(p.path("asset_id").asText());
          mediaType.put(p.path("session_id").asText(), p.path("media_type").asText());
        }
      }
      for (Map.Entry<String, Set<String>> session : contents.entrySet()) {
        String first = session.getValue().iterator().next();
        if (first.startsWith("ep-") && session.getValue().size() > 1) {
          binges++;
        }
        if (first.startsWith("track-") && session.getValue().size() > 1) {
          musicSessions++;
          assertThat(mediaType.get(session.getKey())).isEqualTo("audio");
        }
      }
    }
    assertThat(binges).isGreaterThan(50);
    assertThat(musicSessions).isGreaterThan(50);
  }

  @Test
  void someSessionsAreSignedOutAndLaterAliased() {
    int anonymous = 0;
    int aliases = 0;
    for (List<ObjectNode> messages : users) {
      String userId = messages.get(0).path("userId").asText();
      Set<String> anonymousIds = new HashSet<>();
      for (ObjectNode m : messages) {
        if (m.has("anonymousId")) {
          assertThat(m.has("userId")).isFalse();
          anonymousIds.add(m.path("anonymousId").asText());
          anonymous++;
        } else if (m.path("type").asText().equals("alias")) {
          assertThat(m.path("userId").asText()).isEqualTo(userId);
          assertThat(anonymousIds).contains(m.path("previousId").asText());
          aliases++;
        } else {
          assertThat(m.path("userId").asText()).isEqualTo(userId);
        }
      }
    }
    assertThat(aliases).isGreaterThan(20);
    assertThat(anonymous).isGreaterThan(aliases);
  }

  @Test
  void selfReportedEventsNameCatalogAssets() {
    Set<String> assets = new HashSet<>();
    new PlatformGenerator(2026, USERS).catalog().forEach(t -> assets.add(t.assetId()));
    int ratings = 0;
    int watchlisted = 0;
    for (List<ObjectNode> messages : users) {
      for (ObjectNode m : messages) {
        JsonNode p = m.path("properties");
        switch (m.path("event").asText()) {
          case "Content Rated" -> {
            assertThat(assets).contains(p.path("asset_id").asText());
            assertThat(p.path("rating").asInt()).isBetween(1, 5);
            ratings++;
          }
          case "Added to Watchlist" -> {
            assertThat(assets).contains(p.path("asset_id").asText());
            watchlisted++;
          }
          case "Video Content Started" -> assertThat(assets).contains(p.path("asset_id").asText());
          default -> {}
        }
      }
    }
    assertThat(ratings).isGreaterThan(50);
    assertThat(watchlisted).isGreaterThan(20);
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
    List<T> list = new ArrayList<>();
    iterator.forEachRemaining(list::add);
    return list;
  }
}
