package io.marquee.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What a full read of one segment file found: its records, holes and every damaged range, each
 * classified as corruption (valid frames follow it) or a torn tail (none does).
 *
 * @param file the segment
 * @param records valid records
 * @param holes holes left by an earlier {@code log repair}
 * @param bytes the file's size
 * @param damage damaged ranges, in file order
 */
public record SegmentCheck(Path file, long records, long holes, long bytes, List<Damage> damage) {

  /** A damaged range {@code [offset, end)} of a segment file. */
  public record Damage(long offset, long end, Kind kind) {
    @Override
    public String toString() {
      return switch (kind) {
        case TORN_TAIL -> "torn tail at offset " + offset + " (" + (end - offset)
            + " bytes, no valid record after it)";
        case CORRUPT -> "corrupt record at offset " + offset + " (" + (end - offset)
            + " bytes unreadable, valid records resume at offset " + end + ")";
        case MISSING -> "segment ends at offset " + offset + " but the next segment starts at offset " + end
            + " (" + (end - offset) + " bytes missing)";
        case OVERLAP -> "bytes from offset " + offset + " to " + end + " overlap the next segment";
      };
    }
  }

  /** How a damaged range is classified. */
  public enum Kind {
    /** Valid frames follow: the damage is not a crash's torn write, and start-up refuses it. */
    CORRUPT,
    /** No valid frame follows (a partial or zero-filled final write). */
    TORN_TAIL,
    /** A segment other than the last is shorter than the next segment's name implies. */
    MISSING,
    /** A segment other than the last is longer than the next segment's name implies. */
    OVERLAP
  }

  public boolean clean() {
    return damage.isEmpty();
  }

  /**
   * This check with the damage implied by the next segment starting {@code expected} bytes after this
   * one's start: missing bytes (a gap in positions) or an overlap.
   */
  SegmentCheck withExpectedSize(long expected) {
    List<Damage> all = new ArrayList<>(damage);
    if (bytes < expected) {
      all.add(new Damage(bytes, expected, Kind.MISSING));
    } else if (bytes > expected) {
      all.add(new Damage(expected, bytes, Kind.OVERLAP));
    }
    return new SegmentCheck(file, records, holes, bytes, List.copyOf(all));
  }

  /** Reads every frame of {@code file}. */
  static SegmentCheck of(Path file, int maxRecordBytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE) {
        throw new IOException("event log segment " + file + " is " + size + " bytes, too large to check");
      }
      ByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
      return of(file, buf, 0, maxRecordBytes);
    }
  }

  /** Reads the frames of {@code buf} (a whole segment) from {@code from}, a frame boundary. */
  static SegmentCheck of(Path file, ByteBuffer buf, int from, int maxRecordBytes) {
    long records = 0;
    long holes = 0;
    List<Damage> damage = new ArrayList<>();
    int at = from;
    while (at < buf.limit()) {
      int frame = Segment.validFrame(buf, at, maxRecordBytes);
      if (frame > 0) {
        if (buf.getInt(at) < 0) {
          holes++;
        } else {
          records++;
        }
        at += frame;
        continue;
      }
      int next = Segment.nextValidFrame(buf, at + 1, maxRecordBytes);
      if (next < 0) {
        damage.add(new Damage(at, buf.limit(), Kind.TORN_TAIL));
        break;
      }
      damage.add(new Damage(at, next, Kind.CORRUPT));
      at = next;
    }
    return new SegmentCheck(file, records, holes, buf.limit(), List.copyOf(damage));
  }
}
