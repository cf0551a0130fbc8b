package io.marquee.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
  @TempDir Path dir;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> payloads(List<LogRecord> records) {
    List<String> out = new ArrayList<>();
    for (LogRecord r : records) {
      out.add(new String(r.payload(), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void append_thenRead_returnsRecordsInOrderWithContiguousPositions() throws Exception {
    try (EventLog log = EventLog.open(dir, LogSettings.defaults(), DuplicateFilter.NONE)) {
      log.append(List.of(bytes("a"), bytes("bb")), new long[2]).get();
      log.append(List.of(bytes("ccc")), new long[1]).get();
      List<LogRecord> records = log.read(0, 100, 1 << 20);
      assertThat(payloads(records)).containsExactly("a", "bb", "ccc");
      assertThat(records.get(1).position()).isEqualTo(records.get(0).next());
      assertThat(log.durablePosition()).isEqualTo(records.get(2).next());
      assertThat(payloads(log.read(records.get(1).position(), 100, 1 << 20))).containsExactly("bb", "ccc");
    }
  }

  @Test
  void duplicateKeys_areAcknowledgedButWrittenOnce() throws Exception {
    Set<Long> seen = new HashSet<>();
    try (EventLog log = EventLog.open(dir, LogSettings.defaults(), seen::add)) {
      boolean[] first = log.append(List.of(bytes("x"), bytes("y")), new long[] {7, 8}).get();
      boolean[] second = log.append(List.of(bytes("x again"), bytes("z")), new long[] {7, 9}).get();
      assertThat(first).containsExactly(false, false);
      assertThat(second).containsExactly(true, false);
      assertThat(payloads(log.read(0, 100, 1 << 20))).containsExactly("x", "y", "z");
    }
  }

  @Test
  void concurrentAppends_areGroupCommittedAndAllDurable() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (EventLog log = EventLog.open(dir, LogSettings.defaults(), DuplicateFilter.NONE)) {
      List<Future<boolean[]>> acks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        acks.add(pool.submit(() -> {
          boolean[] last = null;
          for (int i = 0; i < 200; i++) {
            last = log.append(List.of(bytes(thread + ":" + i)), new long[1]).get();
          }
          return last;
        }));
      }
      for (Future<boolean[]> f : acks) {
        f.get();
      }
      assertThat(log.read(0, 10_000, 1 << 24)).hasSize(1600);
      assertThat(log.stats().syncs()).isLessThanOrEqualTo(1600);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void tornLastRecord_isCutOffOnOpen_andNeverRead() throws Exception {
    long end;
    try (EventLog log = EventLog.open(dir, LogSettings.defaults(), DuplicateFilter.NONE)) {
      log.append(List.of(bytes("complete-1"), bytes("complete-2")), new long[2]).get();
      end = log.durablePosition();
    }
    Path segment = dir.resolve(Segment.fileName(0));
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer torn = ByteBuffer.allocate(12).putInt(100).putInt(12345).put(bytes("half"));
      torn.flip();
      ch.write(torn);
    }
    try (EventLog log = EventLog.open(dir, LogSettings.defaults(), DuplicateFilter.NONE)) {
      assertThat(log.durablePosition()).isEqualTo(end);
      assertThat(Files.size(segment)).isEqualTo(end);
      assertThat(payloads(log.read(0, 100, 1 << 20))).containsExactly("complete-1", "complete-2");
      log.append(List.of(bytes("after")), new long[1]).get();
      assertThat(payloads(log.read(0, 100, 1 << 20))).containsExactly("complete-1", "complete-2", "after");
    }
  }

  @Test
  void recordWithBadChecksumAtTheTail_isDiscarded() throws Exception {
    try (EventLog log = EventLog.open(dir, LogSettings.defaults(), DuplicateFilter.NONE)) {
      log.append(List.of(bytes("good"), bytes("flipped")), new long[2]).get();
    }
    Path segment = dir.resolve(Segment.fileName(0));
    byte[] file = Files.readAllBytes(segment);
    file[file.length - 1] ^= 1;
    Files.write(segment, file);
    try (EventLog log = EventLog.open(dir, LogSettings.defaults(), DuplicateFilter.NONE)) {
      assertThat(payloads(log.read(0, 100, 1 << 20))).containsExactly("good");
    }
  }

  @Test
  void segmentsRoll_andReadsCrossThem() throws Exception {
    LogSettings small = new LogSettings(64, 1 << 20, 1 << 10, true);
    try (EventLog log = EventLog.open(dir, small, DuplicateFilter.NONE)) {
      for (int i = 0; i < 20; i++) {
        log.append(List.of(bytes("record-number-" + i)), new long[1]).get();
      }
      assertThat(log.segments()).hasSizeGreaterThan(3);
      List<String> all = payloads(log.read(0, 100, 1 << 20));
      assertThat(all).hasSize(20).startsWith("record-number-0").endsWith("record-number-19");
      List<LogRecord> firstFive = log.read(0, 5, 1 << 20);
      assertThat(payloads(log.read(firstFive.get(4).next(), 100, 1 << 20))).hasSize(15);
    }
    try (EventLog log = EventLog.open(dir, small, DuplicateFilter.NONE)) {
      assertThat(log.read(0, 100, 1 << 20)).hasSize(20);
    }
  }

  @Test
  void fullQueue_refusesWithoutTakingAnything() throws Exception {
    LogSettings tiny = new LogSettings(1 << 20, 16, 1 << 10, true);
    try (EventLog log = EventLog.open(dir, tiny, DuplicateFilter.NONE)) {
      List<CompletableFuture<boolean[]>> taken = new ArrayList<>();
      int refused = 0;
      for (int i = 0; i < 200; i++) {
        try {
          taken.add(log.append(List.of(bytes("payload-" + i)), new long[1]));
        } catch (LogFullException e) {
          refused++;
        }
      }
      for (CompletableFuture<boolean[]> f : taken) {
        f.get();
      }
      assertThat(log.read(0, 1000, 1 << 20)).hasSize(taken.size());
      assertThat(refused + taken.size()).isEqualTo(200);
    }
  }

  @Test
  void corruptionInsideTheLog_isReportedWithFileAndOffset() throws Exception {
    try (EventLog log = EventLog.open(dir, LogSettings.defaults(), DuplicateFilter.NONE)) {
      log.append(List.of(bytes("first"), bytes("second")), new long[2]).get();
      Path segment = dir.resolve(Segment.fileName(0));
      byte[] file = Files.readAllBytes(segment);
      file[Segment.HEADER_BYTES] ^= 1;
      Files.write(segment, file);
      assertThatThrownBy(() -> log.read(0, 100, 1 << 20))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(segment.getFileName().toString())
          .hasMessageContaining("checksum");
    }
  }

  @Test
  void retention_deletesOnlyAppliedOldSegments_neverTheActiveOne() throws Exception {
    LogSettings small = new LogSettings(64, 1 << 20, 1 << 10, true);
    try (EventLog log = EventLog.open(dir, small, DuplicateFilter.NONE)) {
      for (int i = 0; i < 20; i++) {
        log.append(List.of(bytes("record-number-" + i)), new long[1]).get();
      }
      int segments = log.segments().size();
      List<LogRecord> all = log.read(0, 100, 1 << 20);
      long halfway = all.get(10).position();
      assertThat(log.deleteSegments(halfway, java.time.Instant.now().minusSeconds(3600))).isZero();
      int deleted = log.deleteSegments(halfway, java.time.Instant.now().plusSeconds(1));
      assertThat(deleted).isPositive();
      assertThat(log.segments()).hasSize(segments - deleted);
      assertThat(log.startPosition()).isLessThanOrEqualTo(halfway);
      assertThat(log.read(halfway, 100, 1 << 20)).hasSize(10);
      log.deleteSegments(Long.MAX_VALUE, java.time.Instant.now().plusSeconds(1));
      assertThat(log.segments()).hasSize(1);
    }
  }

  /** Appends n numbered records of about 100 bytes each and returns them as read back. */
  private static List<LogRecord> fill(Path dir, LogSettings settings, int n) throws Exception {
    try (EventLog log = EventLog.open(dir, settings, DuplicateFilter.NONE)) {
      List<byte[]> batch = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        batch.add(bytes(String.format("record-%06d-%s", i, "x".repeat(80))));
      }
      log.append(batch, new long[n]).get();
      return log.read(0, n + 1, 1L << 30);
    }
  }

  @Test
  void start_withCorruptRecordMidSegment_refusesNamingFileAndOffset() throws Exception {
    List<LogRecord> records = fill(dir, LogSettings.defaults(), 2000);
    Path segment = dir.resolve(Segment.fileName(0));
    long size = Files.size(segment);
    LogRecord victim = records.get(1000);
    byte[] file = Files.readAllBytes(segment);
    for (int i = 0; i < 4; i++) {
      file[(int) victim.position() + 20 + i] ^= (byte) 0x5a;
    }
    Files.write(segment, file);

    assertThatThrownBy(() -> EventLog.open(dir, LogSettings.defaults(), DuplicateFilter.NONE))
        .isInstanceOf(LogDamagedException.class)
        .hasMessageContaining(segment.toString())
        .hasMessageContaining("corrupt record at offset " + victim.position())
        .hasMessageContaining("nothing was truncated");
    assertThat(Files.size(segment)).as("nothing is cut").isEqualTo(size);
  }

  @Test
  void start_withZeroFilledFinalFrame_cutsItAsATornTail() throws Exception {
    List<LogRecord> records = fill(dir, LogSettings.defaults(), 10);
    Path segment = dir.resolve(Segment.fileName(0));
    long end = records.get(9).next();
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ch.write(ByteBuffer.allocate(4096));
    }
    try (EventLog log = EventLog.open(dir, LogSettings.defaults(), DuplicateFilter.NONE)) {
      assertThat(log.durablePosition()).isEqualTo(end);
      assertThat(Files.size(segment)).isEqualTo(end);
      assertThat(log.read(0, 100, 1 << 20)).hasSize(10);
    }
  }

  @Test
  void writeFailure_refusesThoseAppends_forgetsTheirKeys_andResumesWhenTheDiskDoes() throws Exception {
    Set<Long> seen = new HashSet<>();
    DuplicateFilter filter = new DuplicateFilter() {
      @Override
      public boolean firstSeen(long key) {
        return seen.add(key);
      }

      @Override
      public void forget(long key) {
        seen.remove(key);
      }
    };
    try (EventLog log = EventLog.open(dir, LogSettings.defaults(), filter)) {
      log.append(List.of(bytes("before")), new long[] {1}).get();
      long durable = log.durablePosition();
      log.injectWriteFault(new IOException("No space left on device"));
      CompletableFuture<boolean[]> refused = log.append(List.of(bytes("during")), new long[] {2});
      assertThatThrownBy(refused::get).hasCauseInstanceOf(LogFullException.class)
          .hasMessageContaining("No space left on device");
      assertThat(log.writeError()).contains("No space left on device");
      assertThat(log.durablePosition()).isEqualTo(durable);
      assertThat(Files.size(dir.resolve(Segment.fileName(0)))).as("failed bytes are cut back").isEqualTo(durable);
      assertThatThrownBy(() -> log.append(List.of(bytes("still full")), new long[] {3}).get())
          .hasCauseInstanceOf(LogFullException.class);

      log.injectWriteFault(null);
      boolean[] retried = log.append(List.of(bytes("during")), new long[] {2}).get();
      assertThat(retried).as("the refused record is not a duplicate on retry").containsExactly(false);
      assertThat(log.writeError()).isNull();
      assertThat(payloads(log.read(0, 100, 1 << 20))).containsExactly("before", "during");
      assertThat(log.stats().writeErrors()).isEqualTo(2);
    }
    try (EventLog log = EventLog.open(dir, LogSettings.defaults(), DuplicateFilter.NONE)) {
      assertThat(payloads(log.read(0, 100, 1 << 20))).containsExactly("before", "during");
    }
  }

  @Test
  void writeFailureAtASegmentRoll_resumesInTheNewSegment() throws Exception {
    LogSettings small = new LogSettings(64, 1 << 20, 1 << 10, true);
    try (EventLog log = EventLog.open(dir, small, DuplicateFilter.NONE)) {
      log.append(List.of(bytes("record-number-0-padding-padding-padding")), new long[1]).get();
      log.injectWriteFault(new IOException("No space left on device"));
      assertThatThrownBy(() -> log.append(List.of(bytes("record-number-1-padding-padding-padding")),
          new long[1]).get()).hasCauseInstanceOf(LogFullException.class);
      log.injectWriteFault(null);
      log.append(List.of(bytes("record-number-2-padding-padding-padding")), new long[1]).get();
      assertThat(payloads(log.read(0, 100, 1 << 20))).containsExactly(
          "record-number-0-padding-padding-padding", "record-number-2-padding-padding-padding");
    }
    try (EventLog log = EventLog.open(dir, small, DuplicateFilter.NONE)) {
      assertThat(log.read(0, 100, 1 << 20)).hasSize(2);
    }
  }
}
