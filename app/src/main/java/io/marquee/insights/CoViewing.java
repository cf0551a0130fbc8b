package io.marquee.insights;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Titles similar to one by co-viewing: the titles that the same people viewed in the same range.
 * {@code co_viewers} counts the distinct viewers with a view of both; titles with fewer than {@link
 * SmallCells#MIN_USERS} co-viewers are left out (a small cell, and too few to mean anything). Ranked
 * by cosine similarity, co_viewers / sqrt(viewers of this x viewers of that), which, unlike lift,
 * does not favour titles with few viewers. Only titles of the same media type count (a film's
 * viewers also play music; the tracks are not similar films). Read from the range's {@link TitleBaselines} (who viewed
 * what), so a request costs one pass over the title's viewers' titles, not a scan of {@code views}.
 */
final class CoViewing {
  /** How many similar titles a report lists. */
  static final int TOP = 10;

  private CoViewing() {}

  /**
   * The top {@value #TOP} titles similar to {@code assetId}, {@code [{"asset_id","title","co_viewers",
   * "viewers","score"}]}, highest score first, ties by asset id.
   *
   * @param viewers the title's viewers in the range
   * @param mediaType the title's media type, {@code video} or {@code audio}
   */
  static List<Map<String, Object>> similar(String assetId, String mediaType, Collection<String> viewers,
      TitleBaselines.Baseline platform) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (SmallCells.small(viewers.size())) {
      return out;
    }
    long[] co = new long[platform.assetIds().size()];
    long own = 0;
    for (String v : viewers) {
      int[] titles = platform.viewed().get(v);
      if (titles == null) {
        continue; // viewed after the baselines were computed
      }
      own++;
      for (int t : titles) {
        co[t]++;
      }
    }
    for (int t = 0; t < co.length; t++) {
      String id = platform.assetIds().get(t);
      if (co[t] < SmallCells.MIN_USERS || id.equals(assetId)) {
        continue;
      }
      TitleBaselines.Asset other = platform.assets().get(id);
      if (other != null && !other.mediaType().equals(mediaType)) {
        continue;
      }
      long theirs = other == null ? co[t] : Math.max(co[t], other.viewers());
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("asset_id", id);
      s.put("title", other == null ? null : other.title());
      s.put("co_viewers", co[t]);
      s.put("viewers", theirs);
      s.put("score", co[t] / Math.sqrt((double) own * theirs));
      out.add(s);
    }
    out.sort(Comparator.comparingDouble((Map<String, Object> s) -> -(Double) s.get("score"))
        .thenComparing(s -> (String) s.get("asset_id")));
    return out.size() > TOP ? new ArrayList<>(out.subList(0, TOP)) : out;
  }
}
