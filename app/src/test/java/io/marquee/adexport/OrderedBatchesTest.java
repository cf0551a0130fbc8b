package io.marquee.adexport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrderedBatchesTest {
  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void results_comeInBatchOrder_evenWhenALaterBatchFinishesFirst() throws Exception {
    CountDownLatch secondDone = new CountDownLatch(1);
    List<String> finished = Collections.synchronizedList(new ArrayList<>());
    List<String> taken = new ArrayList<>();

    // 10,001 items in batches of 1,000: 11 batches, the last of one item; batch 0 waits for batch 1
    OrderedBatches.run(10_001, 1_000, 2, "test-worker", (from, to) -> {
      if (from == 0 && !awaitQuietly(secondDone)) {
        throw new IllegalStateException("batch 1 never finished");
      }
      String range = from + ".." + to;
      finished.add(range);
      if (from == 1_000) {
        secondDone.countDown();
      }
      return range;
    }, taken::add);

    List<String> expected = new ArrayList<>();
    for (int from = 0; from < 10_001; from += 1_000) {
      expected.add(from + ".." + Math.min(10_001, from + 1_000));
    }
    assertThat(taken).isEqualTo(expected);
    assertThat(finished.indexOf("1000..2000")).isLessThan(finished.indexOf("0..1000"));
  }

  @Test
  void atMostThreadsPlusOneBatches_areRunningOrWaitingToBeTaken() throws Exception {
    AtomicInteger open = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Integer> taken = new ArrayList<>();

    OrderedBatches.run(50, 1, 2, "test-worker", (from, to) -> {
      most.accumulateAndGet(open.incrementAndGet(), Math::max);
      return from;
    }, from -> {
      taken.add(from);
      open.decrementAndGet();
    });

    assertThat(taken).hasSize(50).isSorted();
    assertThat(most.get()).isBetween(1, 3);
  }

  @Test
  void aFailedBatch_rethrowsItsOwnException_andNoLaterResultIsTaken() {
    List<Integer> taken = new ArrayList<>();

    assertThatThrownBy(() -> OrderedBatches.run(10, 1, 2, "test-worker", (from, to) -> {
      if (from == 4) {
        throw new SQLException("batch 4 failed");
      }
      return from;
    }, taken::add)).isInstanceOf(SQLException.class).hasMessage("batch 4 failed");
    assertThat(taken).containsExactly(0, 1, 2, 3);

    assertThatThrownBy(() -> OrderedBatches.<Integer>run(3, 1, 1, "test-worker", (from, to) -> {
      throw new IOException("disk");
    }, taken::add)).isInstanceOf(IOException.class).hasMessage("disk");
  }

  @Test
  void noItems_runsNothing() throws Exception {
    List<Object> taken = new ArrayList<>();
    OrderedBatches.run(0, 10, 2, "test-worker", (from, to) -> {
      throw new AssertionError("no batch to run");
    }, taken::add);
    assertThat(taken).isEmpty();
  }
}
