package io.marquee.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks and repairs the segments of an event log directory, offline (the caller holds the data
 * dir's lock for a repair).
 *
 * <p>How positions are kept. A log position is a segment's base (its file name) plus a byte offset,
 * and the store's applied position and the deduplication snapshot are such positions. A repair
 * therefore never moves a byte: each damaged range is overwritten in place by a <em>hole</em> of
 * exactly its size (see {@link Segment}), which readers skip, so every intact record after the damage
 * keeps its position and the store neither skips nor applies anything twice. Only the damaged
 * records are lost (a damaged range shorter than a hole's 8-byte header also takes the next record).
 * A torn tail of the last segment is cut, as a start would; a non-last segment that is short or torn
 * is padded with a hole up to the next segment's base. The original file is first copied to
 * {@code log/damaged/<name>.<UTC timestamp>}, the repaired copy is synced, then atomically renamed
 * over the segment: a crash at any point leaves either the old or the repaired file.
 */
public final class LogRepair {
  static final String DAMAGED_DIR = "damaged";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private LogRepair() {}

  /** What the repair did to one segment. */
  public record Repaired(Path file, Path original, long bytesInHoles, long lostRecordsAfterDamage,
      long keptRecords) {}

  /** Checks every segment of {@code logDir}, in position order, including the gaps between them. */
  public static List<SegmentCheck> check(Path logDir, int maxRecordBytes) throws IOException {
    List<Path> segments = segments(logDir);
    List<SegmentCheck> out = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      SegmentCheck c = SegmentCheck.of(segments.get(i), maxRecordBytes);
      if (i + 1 < segments.size()) {
        c = c.withExpectedSize(Segment.basePosition(segments.get(i + 1)) - Segment.basePosition(segments.get(i)));
      }
      out.add(c);
    }
    return out;
  }

  /**
   * Repairs every damaged segment of {@code logDir} as the class comment says; returns what was done
   * (empty when the log was clean).
   *
   * @throws IOException when a segment overlaps the next one (not repairable without choosing which
   *     bytes win) or a write fails; segments not yet repaired are left as they were
   */
  public static List<Repaired> repair(Path logDir, int maxRecordBytes) throws IOException {
    List<SegmentCheck> checks = check(logDir, maxRecordBytes);
    List<Repaired> out = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      SegmentCheck c = checks.get(i);
      if (!c.clean()) {
        out.add(repair(logDir, c, i == checks.size() - 1, maxRecordBytes));
      }
    }
    return out;
  }

  private static Repaired repair(Path logDir, SegmentCheck c, boolean last, int maxRecordBytes)
      throws IOException {
    Path file = c.file();
    Path tmp = file.resolveSibling(file.getFileName() + ".repair");
    Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
    long inHoles = 0;
    long lost = 0;
    long paddedTo = 0;
    try (FileChannel original = FileChannel.open(file, StandardOpenOption.READ);
        FileChannel out = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer buf = original.map(FileChannel.MapMode.READ_ONLY, 0, original.size());
      for (SegmentCheck.Damage d : c.damage()) {
        switch (d.kind()) {
          case OVERLAP -> throw new IOException("event log segment " + file + ": " + d
              + "; not repaired (decide which copy of those positions is right, then move the other aside)");
          case TORN_TAIL -> {
            if (last) {
              out.truncate(d.offset());
            } else {
              // one hole over the torn tail and any bytes missing before the next segment
              long end = c.damage().stream().filter(m -> m.kind() == SegmentCheck.Kind.MISSING)
                  .mapToLong(SegmentCheck.Damage::end).findFirst().orElse(d.end());
              inHoles += hole(out, d.offset(), end, file);
              paddedTo = end;
            }
          }
          case MISSING -> {
            if (paddedTo < d.end()) {
              inHoles += hole(out, d.offset(), d.end(), file);
            }
          }
          case CORRUPT -> {
            long end = d.end();
            while (end - d.offset() < Segment.HEADER_BYTES) {
              int frame = Segment.validFrame(buf, (int) end, maxRecordBytes);
              if (frame == 0) {
                break;
              }
              end += frame;
              lost++;
            }
            inHoles += hole(out, d.offset(), end, file);
          }
          default -> throw new IllegalStateException(d.kind().toString());
        }
      }
      out.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    SegmentCheck after = SegmentCheck.of(tmp, maxRecordBytes);
    if (!after.clean()) {
      Files.deleteIfExists(tmp);
      throw new IOException("event log segment " + file + " still has damage after repair: " + after.damage());
    }
    Path damagedDir = logDir.resolve(DAMAGED_DIR);
    Files.createDirectories(damagedDir);
    Path aside = damagedDir.resolve(file.getFileName() + "." + STAMP.format(Instant.now()));
    Files.copy(file, aside, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel ch = FileChannel.open(aside, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(logDir);
    return new Repaired(file, aside, inHoles, lost, after.records());
  }

  /** Writes a hole over {@code [from, to)} of {@code out}; returns its size. */
  private static long hole(FileChannel out, long from, long to, Path file) throws IOException {
    long size = to - from;
    if (size < Segment.HEADER_BYTES || size > Integer.MAX_VALUE) {
      throw new IOException("event log segment " + file + ": cannot fill " + size + " damaged bytes at offset "
          + from + " with a hole; not repaired");
    }
    ByteBuffer header = Segment.holeHeader((int) size);
    Segment.writeFully(out, header, from);
    ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size - Segment.HEADER_BYTES, 1 << 20));
    for (long at = from + Segment.HEADER_BYTES; at < to; ) {
      zeros.clear().limit((int) Math.min(zeros.capacity(), to - at));
      at += Segment.writeFully(out, zeros, at);
    }
    return size;
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // not every file system can sync a directory; the rename is still atomic
    }
  }

  static List<Path> segments(Path logDir) throws IOException {
    if (!Files.isDirectory(logDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(logDir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(Segment.SUFFIX)).sorted().toList();
    }
  }
}
