package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FactorClustersTest {

  /** Items around 40 random directions, like the taste groups of trained factors. */
  private static float[] clusteredRows(int items, int f, SplittableRandom rng) {
    float[][] centers = new float[40][f];
    for (float[] c : centers) {
      for (int a = 0; a < f; a++) {
        c[a] = (float) rng.nextGaussian();
      }
    }
    float[] y = new float[items * f];
    for (int i = 0; i < items; i++) {
      float[] c = centers[rng.nextInt(centers.length)];
      for (int a = 0; a < f; a++) {
        y[i * f + a] = c[a] + (float) (0.3 * rng.nextGaussian());
      }
    }
    return y;
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 13, 64})
  void aProbe_returnsWholeClustersAscending_withTheExactProducts_andCoversTheBudget(int f) {
    SplittableRandom rng = new SplittableRandom(f);
    int items = 3_000;
    float[] y = clusteredRows(items, f, rng);
    FactorClusters index = FactorClusters.build(y, items, f, 42);
    assertThat(index.clusters()).isEqualTo(FactorClusters.clustersFor(items));
    for (int round = 0; round < 20; round++) {
      float[] query = new float[f];
      for (int a = 0; a < f; a++) {
        query[a] = (float) rng.nextGaussian();
      }
      Candidates.Builder out = new Candidates.Builder(items);
      FactorClusters.Probed probed = index.probe(query, 200, out);

      assertThat(probed.items().length).isGreaterThanOrEqualTo(200).isEqualTo(out.size());
      for (int k = 0; k < probed.items().length; k++) {
        int item = probed.items()[k];
        if (k > 0) {
          assertThat(item).isGreaterThan(probed.items()[k - 1]);
        }
        assertThat(out.contains(item)).isTrue();
        assertThat(probed.scores()[k]).isEqualTo(FactorClusters.dot(query, 0, y, item * f, f));
      }
    }
  }

  @Test
  void onClusteredFactors_theProbeFindsTheBestItem_almostAlways() {
    SplittableRandom rng = new SplittableRandom(1);
    int items = 5_000;
    int f = 32;
    float[] y = clusteredRows(items, f, rng);
    FactorClusters index = FactorClusters.build(y, items, f, 42);
    int found = 0;
    for (int round = 0; round < 200; round++) {
      float[] query = new float[f];
      System.arraycopy(y, rng.nextInt(items) * f, query, 0, f); // a user near some item
      float[] all = new float[items];
      ImplicitAls.dotAll(query, y, f, items, all);
      int best = TopN.select(all, 1)[0];
      Candidates.Builder out = new Candidates.Builder(items);
      index.probe(query, 250, out); // 5% of the catalog
      found += out.contains(best) ? 1 : 0;
    }
    assertThat(found).isGreaterThanOrEqualTo(190);
  }
}
