package io.marquee.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo data carries structure that analytics should be able to find. */
class TasteStructureTest {
  private static final int USERS = 2000;
  private static List<List<ObjectNode>> users;

  @BeforeAll
  static void generate() {
    PlatformGenerator generator = new PlatformGenerator(17, USERS);
    users = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      users.add(generator.userMessages(i));
    }
  }

  @Test
  void youngUsersWatchMoreAnimationAndActionAndOlderUsersMoreDocumentaries() {
    Views young = new Views();
    Views old = new Views();
    for (List<ObjectNode> messages : users) {
      int age = messages.get(0).path("traits").path("age").asInt();
      Views views = age <= 24 ? young : age >= 55 ? old : null;
      if (views != null) {
        forEachVideoStart(messages, p -> views.add(p.path("genre").asText()));
      }
    }

    double youngAnimationAction = young.share("animation") + young.share("action");
    double oldAnimationAction = old.share("animation") + old.share("action");
    assertThat(youngAnimationAction).isGreaterThan(1.5 * oldAnimationAction);
    assertThat(old.share("documentary")).isGreaterThan(2 * young.share("documentary"));
  }

  @Test
  void declaredInterestsAreWatchedMoreThanByOthers() {
    Views interested = new Views();
    Views others = new Views();
    for (List<ObjectNode> messages : users) {
      JsonNode interests = messages.get(0).path("traits").path("interests");
      boolean horror = false;
      for (JsonNode g : interests) {
        horror |= g.asText().equals("horror");
      }
      Views views = horror ? interested : others;
      forEachVideoStart(messages, p -> views.add(p.path("genre").asText()));
    }

    assertThat(interested.share("horror")).isGreaterThan(2 * others.share("horror"));
  }

  @Test
  void popularityIsLongTailed() {
    Views films = new Views();
    for (List<ObjectNode> messages : users) {
      forEachVideoStart(
          messages,
          p -> {
            if (p.path("asset_id").asText().startsWith("film-")) {
              films.add(p.path("asset_id").asText());
            }
          });
    }
    List<Integer> counts = new ArrayList<>(films.counts.values());
    counts.sort((a, b) -> b - a);
    int top = counts.stream().limit(counts.size() / 10).mapToInt(Integer::intValue).sum();

    assertThat((double) top / films.total)
        .as("share of plays of the top 10%% of films")
        .isGreaterThan(0.4);
  }

  @Test
  void ratingsFollowLikingAndCompletion() {
    double[] sum = new double[2];
    int[] count = new int[2];
    int[] histogram = new int[6];
    for (List<ObjectNode> messages : users) {
      Map<String, Boolean> finished = new HashMap<>();
      for (ObjectNode m : messages) {
        JsonNode p = m.path("properties");
        switch (m.path("event").asText()) {
          case "Video Content Completed" -> finished.put(p.path("asset_id").asText(), true);
          case "Video Playback Exited", "Video Playback Interrupted" ->
              finished.put(p.path("content_asset_id").asText(), false);
          case "Content Rated" -> {
            int stars = p.path("rating").asInt();
            histogram[stars]++;
            Boolean done = finished.get(p.path("asset_id").asText());
            if (p.path("asset_id").asText().startsWith("film-") && done != null) {
              int i = done ? 1 : 0;
              sum[i] += stars;
              count[i]++;
            }
          }
          default -> {}
        }
      }
    }
    assertThat(count[0]).isGreaterThan(30);
    assertThat(count[1]).isGreaterThan(30);
    assertThat(sum[1] / count[1])
        .as("mean rating of finished films")
        .isGreaterThan(sum[0] / count[0] + 0.7);
    for (int stars = 1; stars <= 5; stars++) {
      assertThat(histogram[stars]).as("ratings of %d stars", stars).isGreaterThan(10);
    }
  }

  private static void forEachVideoStart(
      List<ObjectNode> messages, java.util.function.Consumer<JsonNode> action) {
    for (ObjectNode m : messages) {
      JsonNode p = m.path("properties");
      if (m.path("event").asText().equals("Video Content Started")
          && p.path("media_type").asText().equals("video")) {
        action.accept(p);
      }
    }
  }

  /** Counts of views per key. */
  private static final class Views {
    final Map<String, Integer> counts = new HashMap<>();
    int total;

    void add(String key) {
      counts.merge(key, 1, Integer::sum);
      total++;
    }

    double share(String key) {
      return total == 0 ? 0 : counts.getOrDefault(key, 0) / (double) total;
    }
  }
}
