package io.marquee.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AudienceCompositionTest {
  /** The platform: 1,000 active viewers with each dimension known. */
  private static final TitleBaselines.Baseline PLATFORM = new TitleBaselines.Baseline(
      Map.of("age_bracket", Map.of("25-34", 200L, "35-44", 500L, "18-24", 300L),
          "country", Map.of("US", 400L, "DE", 600L)),
      Map.of("age_bracket", 1000L, "gender", 0L, "country", 1000L), Map.of(), Map.of(), List.of());

  private static Map<String, Object> cell(AudienceComposition a, String dim, String value) {
    return a.cells.stream().filter(c -> c.get("dimension").equals(dim) && c.get("value").equals(value))
        .findFirst().orElseThrow();
  }

  @Test
  void cells_haveShareAndIndex_againstThePlatformShare() {
    AudienceComposition a = new AudienceComposition(Map.of("age_bracket", Map.of("25-34", 60L, "35-44", 30L,
        "18-24", 5L)), PLATFORM);
    // 60 of the 95 viewers with an age known: share 0.631579; platform 200 / 1000 = 0.2; index 315.79
    Map<String, Object> c = cell(a, "age_bracket", "25-34");
    assertThat(c.get("viewers")).isEqualTo(60L);
    assertThat((Double) c.get("share")).isCloseTo(60.0 / 95, within(1e-12));
    assertThat((Double) c.get("index")).isCloseTo(315.7894736842105, within(1e-9));
  }

  @Test
  void aSmallCell_andTheNextSmallest_areSuppressed_withNoShareOrIndex() {
    AudienceComposition a = new AudienceComposition(Map.of("age_bracket", Map.of("25-34", 60L, "35-44", 30L,
        "18-24", 5L)), PLATFORM);
    // 18-24 has 5 (< 10); 35-44 (30) is suppressed too, or 95 - 60 - 30 would give 18-24 away
    for (String v : List.of("18-24", "35-44")) {
      assertThat(cell(a, "age_bracket", v)).containsEntry("viewers", "<10").containsEntry("share", null)
          .containsEntry("index", null);
    }
    // shown cells first; the suppressed ones by value, not by their (hidden) size
    assertThat(a.cells).extracting(c -> c.get("value")).containsExactly("25-34", "18-24", "35-44");
  }

  @Test
  void resonates_needsIndex120_andPBelow1Percent() {
    AudienceComposition a = new AudienceComposition(Map.of("age_bracket", Map.of("25-34", 60L, "35-44", 30L,
        "18-24", 5L), "country", Map.of("US", 14L, "DE", 11L)), PLATFORM);
    // 25-34: index 315.8; z-test 60 of 95 against the other viewers, (200 - 60) of (1000 - 95):
    // pooled 200 / 1000 = 0.2, se = sqrt(0.2 x 0.8 x (1/95 + 1/905)) = 0.043183, z = (0.631579 - 0.154696) / 0.043183
    // = 11.0545, p = 2.0857e-28 -> resonates.
    // US: 14 of 25 = 0.56, index 140, but z = 1.6538, p = 0.0982 -> not significant, so not listed.
    assertThat(a.resonates).hasSize(1);
    Map<String, Object> r = a.resonates.get(0);
    assertThat(r).containsEntry("dimension", "age_bracket").containsEntry("value", "25-34").containsEntry("viewers", 60L);
    assertThat((Double) r.get("p_value")).isCloseTo(2.0857403715746436e-28, within(1e-31));
    assertThat((Double) cell(a, "country", "US").get("index")).isCloseTo(140.0, within(1e-9));
  }
}
