package io.marquee.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoViewingTest {
  /**
   * A platform of 40 viewers: a (index 0) viewed by v0..v19; b (1) by v0..v11 and v20..v39 (32);
   * c (2) by v0..v9 (10); d (3) by v0..v8 (9, too few co-viewers); e (4), audio, by v0..v19.
   */
  private static TitleBaselines.Baseline platform() {
    List<String> ids = List.of("a", "b", "c", "d", "e");
    Map<String, TitleBaselines.Asset> assets = new HashMap<>();
    long[] viewers = {20, 32, 10, 9, 20};
    for (int i = 0; i < ids.size(); i++) {
      assets.put(ids.get(i), new TitleBaselines.Asset(ids.get(i), "Title " + ids.get(i), "film",
          i == 4 ? "audio" : "video", 1000, viewers[i], 0, 0, null));
    }
    Map<String, int[]> viewed = new HashMap<>();
    for (int v = 0; v < 40; v++) {
      List<Integer> t = new ArrayList<>();
      if (v < 20) {
        t.add(0);
        t.add(4);
      }
      if (v < 12 || v >= 20) {
        t.add(1);
      }
      if (v < 10) {
        t.add(2);
      }
      if (v < 9) {
        t.add(3);
      }
      viewed.put("v" + v, t.stream().mapToInt(Integer::intValue).toArray());
    }
    return new TitleBaselines.Baseline(Map.of(), Map.of(), assets, viewed, ids);
  }

  private static List<String> viewersOfA() {
    List<String> out = new ArrayList<>();
    for (int v = 0; v < 20; v++) {
      out.add("v" + v);
    }
    return out;
  }

  @Test
  void similarTitles_areRankedByCosine_withAtLeast10CoViewers_ofTheSameMediaType() {
    List<Map<String, Object>> s = CoViewing.similar("a", "video", viewersOfA(), platform());
    // c: 10 / sqrt(20 x 10) = 0.70711; b: 12 / sqrt(20 x 32) = 0.47434; d has 9 co-viewers; e is audio
    assertThat(s).extracting(m -> m.get("asset_id")).containsExactly("c", "b");
    assertThat((Double) s.get(0).get("score")).isCloseTo(10 / Math.sqrt(200), within(1e-12));
    assertThat(s.get(1)).containsEntry("co_viewers", 12L).containsEntry("viewers", 32L).containsEntry("title", "Title b");
    assertThat((Double) s.get(1).get("score")).isCloseTo(12 / Math.sqrt(640), within(1e-12));
  }

  @Test
  void aTitleWithFewerThan10Viewers_hasNoSimilarTitles() {
    assertThat(CoViewing.similar("a", "video", viewersOfA().subList(0, 9), platform())).isEmpty();
  }

  @Test
  void anAudioTitle_isSimilarOnlyToAudio() {
    assertThat(CoViewing.similar("e", "audio", viewersOfA(), platform())).isEmpty();
  }
}
