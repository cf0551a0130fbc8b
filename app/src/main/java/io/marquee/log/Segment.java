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
