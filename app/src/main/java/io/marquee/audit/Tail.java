package io.marquee.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/** Reading the end of the audit log file backwards: its last line, and a torn last line's cut. */
final class Tail {
  private static final int CHUNK = 4096;

  private Tail() {}

  /** Truncates an incomplete last line (no newline) away; returns the new size. */
  static long cutTornLine(FileChannel ch, long size) throws IOException {
    long end = size;
    while (end > 0 && byteAt(ch, end - 1) != '\n') {
      end--;
    }
    if (end < size) {
      ch.truncate(end);
      ch.force(false);
    }
    return end;
  }

  /** The last line of the first {@code end} bytes (which end with a newline), or null if none. */
  static String lastLine(FileChannel ch, long end) throws IOException {
    if (end == 0) {
      return null;
    }
    long start = end - 1;
    ByteArrayOutputStream reversed = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    outer:
    while (start > 0) {
      long from = Math.max(0, start - CHUNK);
      buf.clear().limit((int) (start - from));
      while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
        // read fully
      }
      for (int i = buf.position() - 1; i >= 0; i--) {
        if (buf.get(i) == '\n') {
          break outer;
        }
        reversed.write(buf.get(i));
      }
      start = from;
    }
    byte[] r = reversed.toByteArray();
    byte[] line = new byte[r.length];
    for (int i = 0; i < r.length; i++) {
      line[i] = r[r.length - 1 - i];
    }
    return new String(line, StandardCharsets.UTF_8);
  }

  private static byte byteAt(FileChannel ch, long pos) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    ch.read(one, pos);
    return one.get(0);
  }
}
