package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProtocolSplitTest {

  /** Item i has i + 1 ratings (1 .. 10), interleaved as in a ratings file. */
  private static int[] ratingsOfTenItems() {
    int[] item = new int[55];
    int n = 0;
    for (int round = 0; round < 10; round++) {
      for (int i = round; i < 10; i++) {
        item[n++] = i;
      }
    }
    return item;
  }

  @Test
  void eachItem_keepsRoundOfThreeQuartersOfItsRatingsInTraining() {
    int[] item = ratingsOfTenItems();
    boolean[] train = ProtocolSplit.train(item, 10, 42);

    int[] inTrain = new int[10];
    for (int r = 0; r < item.length; r++) {
      inTrain[item[r]] += train[r] ? 1 : 0;
    }
    // round(0.75 c) for c = 1 .. 10, halves rounded up: 0.75 1.5 2.25 3 3.75 4.5 5.25 6 6.75 7.5
    assertThat(inTrain).containsExactly(1, 2, 2, 3, 4, 5, 5, 6, 7, 8);
  }

  @Test
  void floor_matchesTheReferenceSplitterCounts() {
    int[] item = ratingsOfTenItems();
    boolean[] train = ProtocolSplit.train(item, 10, 42, ProtocolSplit.Rounding.FLOOR);

    int[] inTrain = new int[10];
    for (int r = 0; r < item.length; r++) {
      inTrain[item[r]] += train[r] ? 1 : 0;
    }
    assertThat(inTrain).containsExactly(0, 1, 2, 3, 3, 4, 5, 6, 6, 7);
  }

  @Test
  void sameSeed_sameSplit_otherSeed_otherSplit() {
    int[] item = new int[400]; // one item, 400 ratings
    assertThat(ProtocolSplit.train(item, 1, 7)).isEqualTo(ProtocolSplit.train(item, 1, 7));
    assertThat(ProtocolSplit.train(item, 1, 7)).isNotEqualTo(ProtocolSplit.train(item, 1, 8));
  }

  @Test
  void testRatings_areSpreadOverTheFile_notTheLastOnes() {
    int[] item = new int[400];
    boolean[] train = ProtocolSplit.train(item, 1, 42);
    int testInFirstHalf = 0;
    for (int r = 0; r < 200; r++) {
      testInFirstHalf += train[r] ? 0 : 1;
    }
    assertThat(testInFirstHalf).isBetween(30, 70); // 50 expected of the 100 test ratings
  }
}
