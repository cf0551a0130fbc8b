package io.marquee.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRankOnOneToThousand() {
    long[] shuffled = LongStream.rangeClosed(1, 1000).map(i -> (i * 7919) % 1000 + 1).toArray();
    Percentiles p = new Percentiles(shuffled);
    assertThat(p.count()).isEqualTo(1000);
    assertThat(p.at(1, 2)).isEqualTo(500);
    assertThat(p.at(99, 100)).isEqualTo(990);
    assertThat(p.at(999, 1000)).isEqualTo(999);
    assertThat(p.max()).isEqualTo(1000);
    assertThat(p.at(1, 1)).isEqualTo(1000);
    assertThat(p.at(0, 1)).isEqualTo(1);
  }

  @Test
  void nearestRankOnASmallHandMadeSample() {
    Percentiles p = new Percentiles(new long[] {50, 10, 40, 20, 30});
    assertThat(p.at(1, 2)).isEqualTo(30); // rank ceil(2.5) = 3
    assertThat(p.at(99, 100)).isEqualTo(50); // rank ceil(4.95) = 5
    assertThat(p.at(999, 1000)).isEqualTo(50);
    assertThat(p.at(2, 5)).isEqualTo(20); // rank exactly 2
    assertThat(p.max()).isEqualTo(50);
  }

  @Test
  void tailPercentilesSeeTheOutliers() {
    long[] sample = new long[2000];
    java.util.Arrays.fill(sample, 5);
    sample[17] = 900; // three outliers in 2000: p99.9 (rank 1998) is the smallest of them
    sample[1234] = 700;
    sample[1999] = 800;
    Percentiles p = new Percentiles(sample);
    assertThat(p.at(1, 2)).isEqualTo(5);
    assertThat(p.at(99, 100)).isEqualTo(5);
    assertThat(p.at(999, 1000)).isEqualTo(700); // rank 1998 of [5 x 1997, 700, 800, 900]
    assertThat(p.max()).isEqualTo(900);
  }

  @Test
  void emptySampleIsZero() {
    Percentiles p = new Percentiles(new long[0]);
    assertThat(p.at(1, 2)).isZero();
    assertThat(p.max()).isZero();
  }
}
