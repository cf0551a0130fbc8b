package io.marquee.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.core.Title;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who gets to see what: minors and mature titles. */
class AudienceTest {

  @Test
  void usersUnderSeventeenNeverPlayRateOrWatchlistMatureTitles() {
    PlatformGenerator generator = new PlatformGenerator(99, 3000);
    Map<String, String> ratings = new HashMap<>();
    for (Title t : generator.catalog()) {
      ratings.put(t.assetId(), t.maturityRating());
    }
    int minors = 0;
    int minorAssets = 0;
    int adultMatureAssets = 0;
    for (int i = 0; i < generator.userCount(); i++) {
      List<ObjectNode> messages = generator.userMessages(i);
      boolean minor = messages.get(0).path("traits").path("age").asInt() < 17;
      minors += minor ? 1 : 0;
      for (ObjectNode m : messages) {
        JsonNode p = m.path("properties");
        for (String field : new String[] {"asset_id", "content_asset_id"}) {
          String rating = ratings.get(p.path(field).asText());
          boolean mature = "R".equals(rating) || "TV-MA".equals(rating);
          if (minor && p.has(field)) {
            minorAssets++;
            assertThat(mature).as("%s played by a minor", p.path(field).asText()).isFalse();
          } else if (mature) {
            adultMatureAssets++;
          }
        }
      }
    }
    assertThat(minors).as("users under 17 in the sample").isGreaterThan(50);
    assertThat(minorAssets).isGreaterThan(1000);
    assertThat(adultMatureAssets).as("adults do see mature titles").isGreaterThan(1000);
  }
}
