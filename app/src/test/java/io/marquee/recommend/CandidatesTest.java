package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CandidatesTest {

  /** Property: whatever is added, in any order and with repeats, comes out ascending and once. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void build_listsTheAddedAndSampledItemsAscending_andMarksTheSample(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int catalog = 1 + rng.nextInt(5_000);
    int sampleSize = 2 + rng.nextInt(Math.max(1, catalog / 3));
    long[] sampleBits = Candidates.sampleBits(catalog, sampleSize, seed);
    TreeSet<Integer> sample = new TreeSet<>();
    for (int i = 0; i < catalog; i++) {
      if ((sampleBits[i >>> 6] & (1L << i)) != 0) {
        sample.add(i);
      }
    }
    assertThat(sample).hasSize(Math.min(sampleSize, catalog));

    Candidates.Builder b = new Candidates.Builder(catalog);
    TreeSet<Integer> added = new TreeSet<>();
    for (int k = rng.nextInt(3 * catalog); k > 0; k--) {
      int item = rng.nextInt(catalog);
      b.add(item);
      added.add(item);
    }
    assertThat(b.size()).isEqualTo(added.size());
    Candidates c = b.build(sampleBits, sample.size());

    TreeSet<Integer> expected = new TreeSet<>(added);
    expected.addAll(sample);
    List<Integer> items = new ArrayList<>();
    for (int k = 0; k < c.size(); k++) {
      items.add(c.item(k));
      assertThat(c.positionOf(c.item(k))).isEqualTo(k);
    }
    assertThat(items).containsExactlyElementsOf(expected);
    List<Integer> sampled = new ArrayList<>();
    for (int k = 0; k < c.sampleSize(); k++) {
      sampled.add(c.item(c.samplePosition(k)));
    }
    assertThat(sampled).containsExactlyElementsOf(sample);
    assertThat(c.isAll()).isFalse();
  }
}
