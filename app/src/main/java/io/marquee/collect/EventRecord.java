package io.marquee.collect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The payload of one event in the log: a small binary header with what the collector decided
 * (receipt time, event time, source, messageId, type), then the message's JSON, usually the exact
 * bytes the client sent, so that the hot path never re-serializes.
 *
 * <p>Layout (big-endian): version byte (1), receivedAt and timestamp as epoch microseconds, then
 * source, messageId and type as u16-length-prefixed UTF-8, then the JSON to the end.
 */
public final class EventRecord {
  static final byte VERSION = 1;

  public final long receivedAtMicros;
  public final long timestampMicros;
  public final String source;
  public final String messageId;
  public final String type;
  public final byte[] bytes;
  public final int jsonOffset;
  public final int jsonLength;

  private EventRecord(long receivedAtMicros, long timestampMicros, String source, String messageId,
      String type, byte[] bytes, int jsonOffset, int jsonLength) {
    this.receivedAtMicros = receivedAtMicros;
    this.timestampMicros = timestampMicros;
    this.source = source;
    this.messageId = messageId;
    this.type = type;
    this.bytes = bytes;
    this.jsonOffset = jsonOffset;
    this.jsonLength = jsonLength;
  }

  /** Encodes a record around {@code json[offset, offset + length)}. */
  public static byte[] encode(long receivedAtMicros, long timestampMicros, String source, String messageId,
      String type, byte[] json, int offset, int length) {
    byte[] s = source.getBytes(StandardCharsets.UTF_8);
    byte[] m = messageId.getBytes(StandardCharsets.UTF_8);
    byte[] t = type.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(1 + 16 + 6 + s.length + m.length + t.length + length);
    b.put(VERSION).putLong(receivedAtMicros).putLong(timestampMicros);
    b.putShort((short) s.length).put(s).putShort((short) m.length).put(m).putShort((short) t.length).put(t);
    b.put(json, offset, length);
    return b.array();
  }

  /** Decodes a payload written by {@link #encode}. */
  public static EventRecord decode(byte[] payload) {
    ByteBuffer b = ByteBuffer.wrap(payload);
    byte version = b.get();
    if (version != VERSION) {
      throw new IllegalArgumentException("unknown event record version " + version);
    }
    long received = b.getLong();
    long timestamp = b.getLong();
    String source = string(b);
    String messageId = string(b);
    String type = string(b);
    return new EventRecord(received, timestamp, source, messageId, type, payload, b.position(),
        payload.length - b.position());
  }

  private static String string(ByteBuffer b) {
    int n = Short.toUnsignedInt(b.getShort());
    String s = new String(b.array(), b.position(), n, StandardCharsets.UTF_8);
    b.position(b.position() + n);
    return s;
  }

  static long micros(java.time.Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }
}
