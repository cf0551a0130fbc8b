package io.marquee.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The field limits, as every title is made. */
class FieldLimitsTest {
  private static Title title(String assetId, String name, String series, List<String> genres, String rating) {
    return new Title(assetId, name, "film", series, null, null, genres, rating, null, "video", null, null, null);
  }

  @Test
  void aTitleAtEveryLimit_isMade() {
    Title t = title("a".repeat(256), "t".repeat(1_000), "s".repeat(1_000),
        Collections.nCopies(32, "g".repeat(64)), "r".repeat(32));
    assertThat(t.genres()).hasSize(32);
  }

  @Test
  void aTitleOverAnyLimit_isRefused_namingTheFieldItsLengthAndTheLimit() {
    assertThatThrownBy(() -> title("a".repeat(257), null, null, List.of(), null))
        .hasMessage("asset_id is 257 characters long; the limit is 256");
    assertThatThrownBy(() -> title("a", "t".repeat(20_000_000), null, List.of(), null))
        .hasMessage("title is 20,000,000 characters long; the limit is 1,000");
    assertThatThrownBy(() -> title("a", null, "s".repeat(1_001), List.of(), null))
        .hasMessage("series is 1,001 characters long; the limit is 1,000");
    assertThatThrownBy(() -> title("a", null, null, Collections.nCopies(33, "g"), null))
        .hasMessage("33 genres; the limit is 32");
    assertThatThrownBy(() -> title("a", null, null, List.of("g".repeat(65)), null))
        .hasMessage("genre is 65 characters long; the limit is 64");
    assertThatThrownBy(() -> title("a", null, null, List.of(), "r".repeat(33)))
        .hasMessage("maturity_rating is 33 characters long; the limit is 32");
  }
}
