package io.marquee.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageIdIndexTest {

  @Test
  void sameIdUnderTheSameKey_isADuplicate_butNotUnderAnotherKey() {
    MessageIdIndex index = new MessageIdIndex(1000, 3_600_000, () -> 0);
    assertThat(index.firstSeen(MessageIdIndex.key("src-a", "m1"))).isTrue();
    assertThat(index.firstSeen(MessageIdIndex.key("src-a", "m1"))).isFalse();
    assertThat(index.firstSeen(MessageIdIndex.key("src-b", "m1"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42})
  void behavesLikeASet_withinItsCapacity(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    MessageIdIndex index = new MessageIdIndex(100_000, 3_600_000, () -> 0);
    Set<String> model = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      String id = "m" + random.nextInt(15_000);
      assertThat(index.firstSeen(MessageIdIndex.key("s", id))).isEqualTo(model.add(id));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42})
  void forget_removesOnlyThatKey_soAFailedWriteCanBeRetried(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    MessageIdIndex index = new MessageIdIndex(100_000, 3_600_000, () -> 0);
    Set<Long> model = new HashSet<>();
    for (int i = 0; i < 30_000; i++) {
      // small keys collide on purpose: removal must keep the probe runs of the others intact
      long key = 1 + random.nextInt(4_000);
      if (random.nextInt(3) == 0) {
        index.forget(key);
        model.remove(key);
      } else {
        assertThat(index.firstSeen(key)).isEqualTo(model.add(key));
      }
    }
    assertThat(index.size()).isEqualTo(model.size());
  }

  @Test
  void memoryIsBounded_andRecentIdsAreStillRemembered() {
    MessageIdIndex index = new MessageIdIndex(1000, Long.MAX_VALUE, () -> 0);
    for (int i = 0; i < 10_000; i++) {
      index.firstSeen(MessageIdIndex.key("s", "m" + i));
    }
    assertThat(index.size()).isLessThanOrEqualTo(1000);
    assertThat(index.firstSeen(MessageIdIndex.key("s", "m9999"))).isFalse();
    assertThat(index.firstSeen(MessageIdIndex.key("s", "m0"))).isTrue();
  }

  @Test
  void idsAreForgottenAfterTheWindow() {
    AtomicLong clock = new AtomicLong();
    MessageIdIndex index = new MessageIdIndex(1000, 100, clock::get);
    index.firstSeen(MessageIdIndex.key("s", "old"));
    clock.set(60);
    assertThat(index.firstSeen(MessageIdIndex.key("s", "old"))).isFalse();
    clock.set(200);
    index.firstSeen(MessageIdIndex.key("s", "tick"));
    clock.set(400);
    index.firstSeen(MessageIdIndex.key("s", "tock"));
    assertThat(index.firstSeen(MessageIdIndex.key("s", "old"))).isTrue();
  }

  @Test
  void snapshot_restoresTheIndex_onlyForTheSameLogPosition(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    MessageIdIndex index = new MessageIdIndex(1000, 3_600_000, () -> 0);
    for (int i = 0; i < 300; i++) {
      index.firstSeen(MessageIdIndex.key("s", "m" + i));
    }
    java.nio.file.Path file = dir.resolve("dedup.snapshot");
    index.writeSnapshot(file, 4242);
    MessageIdIndex stale = new MessageIdIndex(1000, 3_600_000, () -> 0);
    assertThat(stale.readSnapshot(file, 4243)).isFalse();
    assertThat(stale.size()).isZero();
    MessageIdIndex restored = new MessageIdIndex(1000, 3_600_000, () -> 0);
    assertThat(restored.readSnapshot(file, 4242)).isTrue();
    assertThat(restored.size()).isEqualTo(index.size());
    assertThat(restored.firstSeen(MessageIdIndex.key("s", "m7"))).isFalse();
    assertThat(restored.firstSeen(MessageIdIndex.key("s", "new"))).isTrue();
  }
}
