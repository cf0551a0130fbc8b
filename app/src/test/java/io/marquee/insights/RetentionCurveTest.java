package io.marquee.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionCurveTest {
  @Test
  void dropOffs_areTheThreeLargestFalls_largestFirst_ignoringRises() {
    double[] curve = new double[21];
    java.util.Arrays.fill(curve, 0.5);
    curve[0] = 1.0;   // fall 0 -> 1: 0.5
    curve[1] = 0.5;
    curve[5] = 0.8;   // rise 4 -> 5 (a skip-ahead), then fall 5 -> 6: 0.3
    curve[10] = 0.6;  // rise, then fall 10 -> 11: 0.1
    curve[19] = 0.5;
    curve[20] = 0.3;  // fall 19 -> 20: 0.2

    List<Map<String, Object>> d = RetentionCurve.dropOffs(curve);

    assertThat(d).hasSize(3);
    assertThat(d.get(0)).containsEntry("from_point", 0).containsEntry("to_point", 1).containsEntry("from_percent", 0)
        .containsEntry("to_percent", 5);
    assertThat((Double) d.get(0).get("fall")).isCloseTo(0.5, within(1e-12));
    assertThat(d.get(1)).containsEntry("from_point", 5).containsEntry("to_percent", 30);
    assertThat((Double) d.get(1).get("fall")).isCloseTo(0.3, within(1e-12));
    assertThat(d.get(2)).containsEntry("from_point", 19).containsEntry("to_percent", 100);
  }

  @Test
  void dropOffs_ofAFlatCurve_areNone() {
    assertThat(RetentionCurve.dropOffs(new double[21])).isEmpty();
  }

  @Test
  void median_isPointByPoint_withTheMeanOfTheMiddleTwoForAnEvenCount() {
    double[] m = RetentionCurve.median(List.of(new double[] {1, 0.2}, new double[] {1, 0.9}, new double[] {1, 0.4}));
    assertThat(m).containsExactly(1.0, 0.4);
    double[] even = RetentionCurve.median(List.of(new double[] {0.1, 0.8}, new double[] {0.3, 0.2},
        new double[] {0.9, 0.4}, new double[] {0.5, 0.6}));
    assertThat(even[0]).isCloseTo(0.4, within(1e-12)); // (0.3 + 0.5) / 2
    assertThat(even[1]).isCloseTo(0.5, within(1e-12)); // (0.4 + 0.6) / 2
    assertThat(RetentionCurve.median(List.of())).isNull();
  }

  @Test
  void of_dividesEachPointByTheViews_andIsNullWithoutViews() {
    assertThat(RetentionCurve.of(new long[] {4, 3, 1}, 4)).containsExactly(1.0, 0.75, 0.25);
    assertThat(RetentionCurve.of(new long[] {0}, 0)).isNull();
  }
}
