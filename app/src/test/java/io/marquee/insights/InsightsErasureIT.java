package io.marquee.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marquee.access.Role;
import io.marquee.testing.TestNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An erased user leaves the reports at once: the reports' copy of the views and the figures kept
 * in memory per range (who watched what, for co-viewing) forget the user with the erasure, not a
 * minute later.
 */
class InsightsErasureIT {

  @TempDir Path dir;

  private static JsonNode similar(TestNode node, String analyst) throws Exception {
    return TitleFixture.get(node, analyst, "/v1/insights/titles/film-a", "").get("similar");
  }

  @Test
  void anErasedViewer_leavesTheCopyAndTheKeptCoViewingFiguresWithTheErasure() throws Exception {
    try (TestNode node = TitleFixture.start(dir)) {
      String analyst = TitleFixture.analyst(node);
      String admin = node.node.apiKeys().create(Role.ADMIN, "test");
      // film-c shares exactly 10 viewers with film-a (u00..u09), film-b 12 (u00..u11): see TitleFixture
      JsonNode before = similar(node, analyst);
      assertThat(before).extracting(s -> s.get("asset_id").asText()).containsExactly("film-c", "film-b");
      assertThat(node.rows("SELECT count(*) FROM report_views WHERE user_id = 'u00'").get(0).get(0)).isNotEqualTo("0");

      assertThat(node.call("DELETE", "/v1/privacy/users/u00", admin).statusCode()).isEqualTo(202);

      assertThat(node.rows("SELECT count(*) FROM report_views WHERE user_id = 'u00'"))
          .isEqualTo(List.of(List.of("0")));
      JsonNode after = similar(node, analyst);
      // film-c is down to 9 co-viewers, under the floor of 10; film-b has 11
      assertThat(after).extracting(s -> s.get("asset_id").asText()).containsExactly("film-b");
      assertThat(after.get(0).get("co_viewers").asLong()).isEqualTo(11);
      // cosine over the viewers without u00: film-a's 29, film-b's 41 (the kept figures said 42)
      assertThat(after.get(0).get("score").asDouble())
          .isCloseTo(11 / Math.sqrt(29 * 41), org.assertj.core.api.Assertions.within(1e-12));
    }
  }
}
