package io.marquee.collect;

import io.marquee.core.RejectionCode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 validation of request bodies: overlong forms ({@code C0 AF} for {@code /}),
 * surrogates, bytes past U+10FFFF and truncated sequences are all refused, where a lenient decoder
 * would turn some of them into ordinary characters. An ASCII loop covers the usual body; the JDK's
 * decoder, set to report errors, checks from the first non-ASCII byte on.
 */
final class Utf8 {
  private Utf8() {}

  /** The offset of the first byte that is not part of valid UTF-8, or -1 when all of it is. */
  static int firstInvalid(byte[] b) {
    int i = asciiPrefix(b);
    if (i == b.length) {
      return -1;
    }
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b, i, b.length - i);
    CharBuffer out = CharBuffer.allocate(Math.min(8192, b.length - i + 1));
    while (true) {
      CoderResult r = d.decode(in, out, true);
      if (r.isError()) {
        return in.position();
      }
      if (r.isUnderflow()) {
        break;
      }
      out.clear();
    }
    out.clear();
    CoderResult end = d.flush(out);
    return end.isError() ? in.position() : -1;
  }

  /**
   * How many bytes at the start of {@code b} are ASCII. Eight bytes at a time, in chunks of
   * {@value #CHUNK}: one call per chunk lets the JIT compile the loop after a few bodies, where one
   * loop over a whole body waits for on-stack replacement, which a busy compiler queue on two cores
   * delayed by seconds (the interpreted loop took half the collector's CPU in a short bench run).
   */
  static int asciiPrefix(byte[] b) {
    int i = 0;
    while (i < b.length) {
      int end = Math.min(b.length, i + CHUNK);
      int stop = asciiUpTo(b, i, end);
      if (stop < end) {
        return stop;
      }
      i = end;
    }
    return i;
  }

  private static final int CHUNK = 4096;
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  /** The first non-ASCII byte's offset in {@code b[from, to)}, or {@code to}. */
  private static int asciiUpTo(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      if (((long) LONGS.get(b, i) & HIGH_BITS) != 0) {
        break;
      }
    }
    for (; i < to; i++) {
      if (b[i] < 0) {
        return i;
      }
    }
    return to;
  }

  /** Throws a 400 naming the offset when {@code b} is not valid UTF-8. */
  static void check(byte[] b) throws RequestBody.BadRequest {
    int at = firstInvalid(b);
    if (at >= 0) {
      throw new RequestBody.BadRequest(400, RejectionCode.NOT_UTF8, "body is not valid UTF-8 (byte " + at + ")");
    }
  }
}
