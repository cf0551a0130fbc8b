package io.marquee.insights;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A title's audience composition and the cells it resonates with, from its viewers per audience
 * cell and the platform's ({@link TitleBaselines.Baseline}).
 *
 * <p>Per dimension (age bracket, gender, country), each known value is a cell: {@code viewers} (the
 * title's distinct viewers in it), {@code share} (of the title's viewers with the dimension known),
 * {@code index} = 100 x share / the same share among all active viewers. Cells are suppressed per
 * dimension with {@link SmallCells#suppress} (primary and complementary): a suppressed cell shows
 * {@code "viewers": "<10"} and null share and index. A cell resonates when it is shown, its index is
 * at least {@value #RESONATES_INDEX} and the two-proportion z-test of the title's viewers against the
 * other active viewers (active viewers minus the title's) gives p below {@value #RESONATES_P}.
 */
final class AudienceComposition {
  static final double RESONATES_INDEX = 120;
  static final double RESONATES_P = 0.01;

  /**
   * The composition, {@code [{"dimension","value","viewers","share","index"}]}, per dimension the
   * shown cells largest first, then the suppressed ones by value.
   */
  final List<Map<String, Object>> cells = new ArrayList<>();
  /** The resonating cells, {@code [{"dimension","value","viewers","share","index","p_value"}]}, largest index first. */
  final List<Map<String, Object>> resonates = new ArrayList<>();

  /**
   * @param title per dimension, the title's viewers per known value
   * @param platform the platform's baseline of the same range
   */
  AudienceComposition(Map<String, Map<String, Long>> title, TitleBaselines.Baseline platform) {
    for (String dim : TitleBaselines.DIMENSIONS) {
      Map<String, Long> counts = title.getOrDefault(dim, Map.of());
      List<Map.Entry<String, Long>> values = new ArrayList<>(counts.entrySet());
      values.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
      long[] users = new long[values.size()];
      long known = 0;
      for (int i = 0; i < users.length; i++) {
        users[i] = values.get(i).getValue();
        known += users[i];
      }
      boolean[] hidden = SmallCells.suppress(users);
      long platformKnown = platform.known().getOrDefault(dim, 0L);
      Map<String, Long> platformCells = platform.audience().getOrDefault(dim, Map.of());
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < users.length; i++) {
        order.add(i);
      }
      // shown cells largest first; suppressed cells after them by value, so their order says nothing of their size
      order.sort(Comparator.comparing((Integer i) -> hidden[i]).thenComparing(i -> hidden[i] ? 0 : -users[i])
          .thenComparing(i -> values.get(i).getKey()));
      for (int i : order) {
        String value = values.get(i).getKey();
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("dimension", dim);
        cell.put("value", value);
        if (hidden[i]) {
          cell.put("viewers", SmallCells.SUPPRESSED);
          cell.put("share", null);
          cell.put("index", null);
          cells.add(cell);
          continue;
        }
        double share = (double) users[i] / known;
        long inCell = platformCells.getOrDefault(value, 0L);
        Double index = inCell == 0 || platformKnown == 0 ? null : 100 * share / ((double) inCell / platformKnown);
        cell.put("viewers", users[i]);
        cell.put("share", share);
        cell.put("index", index);
        cells.add(cell);
        double p = AudienceSignificance.pValue(users[i], known, inCell - users[i], platformKnown - known);
        if (index != null && index >= RESONATES_INDEX && !Double.isNaN(p) && p < RESONATES_P) {
          Map<String, Object> r = new LinkedHashMap<>(cell);
          r.put("p_value", p);
          resonates.add(r);
        }
      }
    }
    resonates.sort(Comparator.comparingDouble((Map<String, Object> r) -> -((Double) r.get("index"))));
  }
}
