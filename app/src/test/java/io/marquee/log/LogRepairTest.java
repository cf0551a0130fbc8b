package io.marquee.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRepairTest {
  private static final int MAX = 1 << 20;
  @TempDir Path dir;

  private List<LogRecord> fill(LogSettings settings, int n) throws Exception {
    try (EventLog log = EventLog.open(dir, settings, DuplicateFilter.NONE)) {
      for (int i = 0; i < n; i += 100) {
        List<byte[]> batch = new ArrayList<>();
        for (int j = i; j < Math.min(n, i + 100); j++) {
          batch.add(String.format("record-%06d-%s", j, "y".repeat(60)).getBytes(StandardCharsets.UTF_8));
        }
        log.append(batch, new long[batch.size()]).get();
      }
      return log.read(0, n + 1, 1L << 30);
    }
  }

  private static void flip(Path file, long offset, int bytes) throws Exception {
    byte[] b = Files.readAllBytes(file);
    for (int i = 0; i < bytes; i++) {
      b[(int) offset + i] ^= (byte) 0xa5;
    }
    Files.write(file, b);
  }

  @Test
  void check_reportsCorruptionWithOffset_andATornTailAsSuch() throws Exception {
    List<LogRecord> records = fill(LogSettings.defaults(), 500);
    Path segment = dir.resolve(Segment.fileName(0));
    flip(segment, records.get(200).position() + 12, 4);
    Files.write(segment, new byte[100], java.nio.file.StandardOpenOption.APPEND);

    List<SegmentCheck> checks = LogRepair.check(dir, MAX);
    assertThat(checks).hasSize(1);
    SegmentCheck c = checks.get(0);
    assertThat(c.records()).isEqualTo(499);
    assertThat(c.damage()).containsExactly(
        new SegmentCheck.Damage(records.get(200).position(), records.get(201).position(), SegmentCheck.Kind.CORRUPT),
        new SegmentCheck.Damage(records.get(499).next(), records.get(499).next() + 100, SegmentCheck.Kind.TORN_TAIL));
  }

  @Test
  void repair_keepsEveryIntactRecordAtItsPosition_andMovesTheDamagedSegmentAside() throws Exception {
    List<LogRecord> records = fill(LogSettings.defaults(), 500);
    Path segment = dir.resolve(Segment.fileName(0));
    byte[] before = Files.readAllBytes(segment);
    flip(segment, records.get(200).position() + 12, 4);

    List<LogRepair.Repaired> done = LogRepair.repair(dir, MAX);
    assertThat(done).hasSize(1);
    assertThat(done.get(0).keptRecords()).isEqualTo(499);
    assertThat(Files.readAllBytes(done.get(0).original())).as("the damaged bytes are kept aside")
        .isNotEqualTo(before).hasSize(before.length);
    assertThat(LogRepair.check(dir, MAX).get(0).clean()).isTrue();
    assertThat(Files.size(segment)).as("no byte moved").isEqualTo(before.length);

    try (EventLog log = EventLog.open(dir, LogSettings.defaults(), DuplicateFilter.NONE)) {
      List<LogRecord> after = log.read(0, 1000, 1L << 30);
      List<LogRecord> expected = new ArrayList<>(records);
      expected.remove(200);
      assertThat(after).hasSize(499);
      for (int i = 0; i < after.size(); i++) {
        assertThat(after.get(i).position()).isEqualTo(expected.get(i).position());
        assertThat(after.get(i).payload()).isEqualTo(expected.get(i).payload());
      }
      assertThat(log.read(records.get(200).position(), 1, 1 << 20).get(0).position())
          .as("a reader resuming at the damaged record skips the hole").isEqualTo(records.get(201).position());
      assertThat(log.durablePosition()).isEqualTo(records.get(499).next());
    }
  }

  @Test
  void resumePosition_insideAHole_isTheHolesEnd_andInsideARecordIsAnError() throws Exception {
    List<LogRecord> records = fill(LogSettings.defaults(), 50);
    Path segment = dir.resolve(Segment.fileName(0));
    // zeros over records 10..12 and into 13: one damaged range of several records
    byte[] b = Files.readAllBytes(segment);
    java.util.Arrays.fill(b, (int) records.get(10).position(), (int) records.get(13).position() + 5, (byte) 0);
    Files.write(segment, b);
    LogRepair.repair(dir, MAX);
    try (EventLog log = EventLog.open(dir, LogSettings.defaults(), DuplicateFilter.NONE)) {
      assertThat(log.resumePosition(records.get(12).position())).isEqualTo(records.get(14).position());
      assertThat(log.resumePosition(records.get(5).position())).isEqualTo(records.get(5).position());
      assertThatThrownBy(() -> log.resumePosition(records.get(20).position() + 3))
          .hasMessageContaining("not a record boundary").hasMessageContaining(segment.getFileName().toString());
      assertThat(log.read(0, 100, 1 << 20)).hasSize(46);
    }
  }

  @Test
  void readsInSmallBatches_skipAHoleLargerThanTheirBuffer() throws Exception {
    List<LogRecord> records = fill(LogSettings.defaults(), 3000);
    Path segment = dir.resolve(Segment.fileName(0));
    byte[] b = Files.readAllBytes(segment);
    // about 150 KB of zeros: larger than the 64 KB a small read buffers at once
    java.util.Arrays.fill(b, (int) records.get(1000).position(), (int) records.get(2000).position() - 1, (byte) 0);
    Files.write(segment, b);
    LogRepair.repair(dir, MAX);
    try (EventLog log = EventLog.open(dir, LogSettings.defaults(), DuplicateFilter.NONE)) {
      List<LogRecord> read = new ArrayList<>();
      long from = 0;
      for (List<LogRecord> batch; !(batch = log.read(from, 7, 1 << 10)).isEmpty(); ) {
        read.addAll(batch);
        from = batch.get(batch.size() - 1).next();
      }
      assertThat(read).hasSize(2000);
      assertThat(read.get(1000).position()).isEqualTo(records.get(2000).position());
      assertThat(from).isEqualTo(log.durablePosition());
    }
  }

  @Test
  void repair_padsAShortSegmentBeforeTheNext_soPositionsStayContiguous() throws Exception {
    LogSettings small = new LogSettings(1000, 1 << 20, 1 << 10, true);
    List<LogRecord> records = fill(small, 300);
    List<Path> segments = LogRepair.segments(dir);
    assertThat(segments.size()).isGreaterThan(2);
    Path first = segments.get(0);
    long size = Files.size(first);
    try (var ch = java.nio.channels.FileChannel.open(first, java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(size - 30);
    }
    assertThat(LogRepair.check(dir, MAX).get(0).damage()).extracting(SegmentCheck.Damage::kind)
        .contains(SegmentCheck.Kind.MISSING);
    LogRepair.repair(dir, MAX);
    assertThat(LogRepair.check(dir, MAX)).allMatch(SegmentCheck::clean);
    assertThat(Files.size(first)).isEqualTo(size);
    try (EventLog log = EventLog.open(dir, small, DuplicateFilter.NONE)) {
      List<LogRecord> after = log.read(0, 1000, 1L << 30);
      assertThat(after.get(after.size() - 1).next()).isEqualTo(records.get(299).next());
      assertThat(after).hasSizeGreaterThan(290);
    }
  }
}
