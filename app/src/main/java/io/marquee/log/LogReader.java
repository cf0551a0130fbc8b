package io.marquee.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Reads checksummed records back from the segment files, verifying each one and skipping holes. */
final class LogReader {
  private LogReader() {}

  static List<LogRecord> read(List<Path> segments, long from, long to, int maxRecords, long maxBytes)
      throws IOException {
    List<LogRecord> out = new ArrayList<>();
    long position = from;
    long budget = maxBytes;
    int index = segmentIndex(segments, position);
    while (index >= 0 && index < segments.size() && position < to && out.size() < maxRecords
        && budget > 0) {
      Path file = segments.get(index);
      long base = Segment.basePosition(file);
      long segmentEnd = index + 1 < segments.size() ? Segment.basePosition(segments.get(index + 1)) : to;
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        long limit = Math.min(Math.min(segmentEnd, to) - base, ch.size());
        long offset = position - base;
        while (offset < limit && out.size() < maxRecords && budget > 0) {
          int chunk = (int) Math.min(Math.max(budget, 1 << 16), Math.min(limit - offset, 64L << 20));
          ByteBuffer buf = ByteBuffer.allocate(chunk);
          Segment.readFully(ch, buf, offset);
          buf.flip();
          int consumed = 0;
          long skip = 0;
          while (buf.remaining() >= Segment.HEADER_BYTES && out.size() < maxRecords && budget > 0) {
            int length = buf.getInt(consumed);
            int crc = buf.getInt(consumed + 4);
            if (Segment.isHole(length, crc)) {
              // a hole left by log repair: skip it, the records after it keep their positions
              if (offset + consumed - (long) length > limit) {
                throw corrupt(file, offset + consumed, "hole runs past the durable end");
              }
              if (consumed - (long) length > buf.limit()) {
                skip = -(long) length;
                break;
              }
              consumed -= length;
              buf.position(consumed);
              continue;
            }
            if (length <= 0) {
              throw corrupt(file, offset + consumed, "bad record length " + length);
            }
            if (consumed + Segment.HEADER_BYTES + length > buf.limit()) {
              if (consumed == 0 && offset + Segment.HEADER_BYTES + length > limit) {
                throw corrupt(file, offset, "record runs past the durable end");
              }
              if (consumed == 0) {
                buf = ByteBuffer.allocate(Segment.HEADER_BYTES + length);
                Segment.readFully(ch, buf, offset);
                buf.flip();
                continue;
              }
              break;
            }
            byte[] payload = new byte[length];
            buf.get(consumed + Segment.HEADER_BYTES, payload);
            if (Segment.crc(payload, 0, length) != crc) {
              throw corrupt(file, offset + consumed, "checksum mismatch");
            }
            long at = base + offset + consumed;
            consumed += Segment.HEADER_BYTES + length;
            out.add(new LogRecord(at, base + offset + consumed, payload));
            budget -= length;
            buf.position(consumed);
          }
          offset += consumed + skip;
        }
        position = base + offset;
      }
      if (position >= segmentEnd) {
        index++;
      } else if (position >= to || out.size() >= maxRecords || budget <= 0) {
        break;
      } else {
        throw corrupt(file, position - base, "segment ends before the next one starts");
      }
    }
    return out;
  }

  private static int segmentIndex(List<Path> segments, long position) {
    int found = -1;
    for (int i = 0; i < segments.size(); i++) {
      if (Segment.basePosition(segments.get(i)) <= position) {
        found = i;
      }
    }
    return found;
  }

  private static IOException corrupt(Path file, long offset, String why) {
    return new IOException("event log segment " + file + " is corrupt at offset " + offset + ": " + why);
  }
}
