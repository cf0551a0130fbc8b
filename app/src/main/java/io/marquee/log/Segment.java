package io.marquee.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * One file of the event log, named by the global position of its first byte.
 *
 * <p>Record framing: a 4-byte big-endian payload length, a 4-byte CRC32C of the payload, then the
 * payload. A record is valid only if its whole frame is present and the checksum matches, so a
 * write torn by a crash is detected and never half-read.
 *
 * <p>A <em>hole</em> is the frame {@code log repair} writes over damaged bytes so that every record
 * after them keeps its position: a negative length {@code -N} (N = the hole's whole size, header
 * included, at least 8), a checksum of that length's four bytes, then {@code N - 8} zero bytes.
 * Readers skip holes; they carry no record.
 */
final class Segment {
  static final int HEADER_BYTES = 8;
  static final String SUFFIX = ".log";

  private Segment() {}

  static String fileName(long basePosition) {
    return String.format("%020d%s", basePosition, SUFFIX);
  }

  static long basePosition(Path file) {
    String name = file.getFileName().toString();
    return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
  }

  static int crc(byte[] payload, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(payload, offset, length);
    return (int) crc.getValue();
  }

  /**
   * Returns the file offset just past the last valid record, reading from {@code from}; stops at
   * end of file, a short frame, a bad length or a checksum mismatch.
   */
  static long validEnd(FileChannel channel, long from, int maxRecordBytes) throws IOException {
    long size = channel.size();
    long offset = from;
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    ByteBuffer payload = ByteBuffer.allocate(64 * 1024);
    while (offset + HEADER_BYTES <= size) {
      header.clear();
      readFully(channel, header, offset);
      int length = header.getInt(0);
      int expectedCrc = header.getInt(4);
      if (isHole(length, expectedCrc)) {
        if (offset - (long) length > size) {
          return offset;
        }
        offset -= length;
        continue;
      }
      if (length <= 0 || length > maxRecordBytes || offset + HEADER_BYTES + length > size) {
        return offset;
      }
      if (payload.capacity() < length) {
        payload = ByteBuffer.allocate(length);
      }
      payload.clear().limit(length);
      readFully(channel, payload, offset + HEADER_BYTES);
      if (crc(payload.array(), 0, length) != expectedCrc) {
        return offset;
      }
      offset += HEADER_BYTES + length;
    }
    return offset;
  }

  /** Whether a frame header is that of a hole: negative length, checksum of the length's bytes. */
  static boolean isHole(int length, int crc) {
    return length <= -HEADER_BYTES && crc == holeCrc(-length);
  }

  /** The checksum field of a hole of {@code size} bytes. */
  static int holeCrc(int size) {
    byte[] b = ByteBuffer.allocate(4).putInt(-size).array();
    return crc(b, 0, 4) ^ 0x484f4c45;
  }

  /** The header of a hole of {@code size} bytes (at least {@link #HEADER_BYTES}). */
  static ByteBuffer holeHeader(int size) {
    return ByteBuffer.allocate(HEADER_BYTES).putInt(0, -size).putInt(4, holeCrc(size));
  }

  /**
   * Size of the valid frame (record or hole) starting at index {@code at} of {@code buf} (absolute
   * indexes up to its limit), or 0 when none starts there.
   */
  static int validFrame(ByteBuffer buf, int at, int maxRecordBytes) {
    int available = buf.limit() - at;
    if (available < HEADER_BYTES) {
      return 0;
    }
    int length = buf.getInt(at);
    int expected = buf.getInt(at + 4);
    if (isHole(length, expected)) {
      return -length <= available ? -length : 0;
    }
    if (length <= 0 || length > maxRecordBytes || length > available - HEADER_BYTES) {
      return 0;
    }
    CRC32C crc = new CRC32C();
    crc.update(buf.slice(at + HEADER_BYTES, length));
    return (int) crc.getValue() == expected ? HEADER_BYTES + length : 0;
  }

  /**
   * Offset of the first valid frame at or after {@code from} in {@code buf}, or -1: how damage is
   * told from a torn tail (a torn tail has none after it).
   */
  static int nextValidFrame(ByteBuffer buf, int from, int maxRecordBytes) {
    for (int at = from; at + HEADER_BYTES <= buf.limit(); at++) {
      if (validFrame(buf, at, maxRecordBytes) > 0) {
        return at;
      }
    }
    return -1;
  }

  /** Writes all of {@code buffer} at {@code position}; returns the bytes written. */
  static int writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    int n = buffer.remaining();
    long at = position;
    while (buffer.hasRemaining()) {
      at += channel.write(buffer, at);
    }
    return n;
  }

  static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new IOException("unexpected end of log segment at " + at);
      }
      at += n;
    }
  }
}
