package io.marquee.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The payload of one event in the log: a small binary header with what the collector decided
 * (receipt time, event time, source, messageId, type), then the message's JSON, usually the exact
 * bytes the client sent, so that the hot path never re-serializes.
 *
 * <p>Layout (big-endian): version byte (2), receivedAt, timestamp and the client's original
 * timestamp as epoch microseconds ({@link #NO_TIME} when the client sent none), then source,
 * messageId and type as u16-length-prefixed UTF-8, then the JSON to the end. Version 1, written by
 * earlier releases and still read, has no original timestamp.
 *
 * <p>This format is the contract between the collector that writes the log and every reader of it
 * (the store loader today, a Kafka topic's consumers or a Spark job tomorrow), which is why it lives
 * in {@code core} and depends on {@code java.*} only: no Jackson, so that a reader bringing its own
 * JSON library can decode it.
 */
public final class EventRecord {
  static final byte VERSION = 2;
  private static final byte VERSION_1 = 1;
  /** The original timestamp of a record whose client sent no event time (or of a version 1 record). */
  public static final long NO_TIME = Long.MIN_VALUE;

  public final long receivedAtMicros;
  /** The event time: the client's, corrected for its clock skew when it sent {@code sentAt}. */
  public final long timestampMicros;
  /** The event time as the client sent it, or {@link #NO_TIME}. */
  public final long originalTimestampMicros;
  public final String source;
  public final String messageId;
  public final String type;
  public final byte[] bytes;
  public final int jsonOffset;
  public final int jsonLength;

  private EventRecord(long receivedAtMicros, long timestampMicros, long originalTimestampMicros, String source,
      String messageId, String type, byte[] bytes, int jsonOffset, int jsonLength) {
    this.receivedAtMicros = receivedAtMicros;
    this.timestampMicros = timestampMicros;
    this.originalTimestampMicros = originalTimestampMicros;
    this.source = source;
    this.messageId = messageId;
    this.type = type;
    this.bytes = bytes;
    this.jsonOffset = jsonOffset;
    this.jsonLength = jsonLength;
  }

  /** Encodes a record around {@code json[offset, offset + length)}. */
  public static byte[] encode(long receivedAtMicros, long timestampMicros, long originalTimestampMicros,
      String source, String messageId, String type, byte[] json, int offset, int length) {
    byte[] s = source.getBytes(StandardCharsets.UTF_8);
    byte[] m = messageId.getBytes(StandardCharsets.UTF_8);
    byte[] t = type.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(1 + 24 + 6 + s.length + m.length + t.length + length);
    b.put(VERSION).putLong(receivedAtMicros).putLong(timestampMicros).putLong(originalTimestampMicros);
    b.putShort((short) s.length).put(s).putShort((short) m.length).put(m).putShort((short) t.length).put(t);
    b.put(json, offset, length);
    return b.array();
  }

  /**
   * The receipt time of a payload written by {@link #encode} (either version), read from its header
   * alone, for a writer that needs only that (a Kafka record's timestamp) without decoding the rest.
   */
  public static long receivedAtMicros(byte[] payload) {
    if (payload.length < 9 || (payload[0] != VERSION && payload[0] != VERSION_1)) {
      throw new IllegalArgumentException("not an event record (" + payload.length + " bytes)");
    }
    return ByteBuffer.wrap(payload, 1, 8).getLong();
  }

  /** Decodes a payload written by {@link #encode} (version 2) or by an earlier release (version 1). */
  public static EventRecord decode(byte[] payload) {
    ByteBuffer b = ByteBuffer.wrap(payload);
    byte version = b.get();
    if (version != VERSION && version != VERSION_1) {
      throw new IllegalArgumentException("unknown event record version " + version);
    }
    long received = b.getLong();
    long timestamp = b.getLong();
    long original = version == VERSION_1 ? NO_TIME : b.getLong();
    String source = string(b);
    String messageId = string(b);
    String type = string(b);
    return new EventRecord(received, timestamp, original, source, messageId, type, payload, b.position(),
        payload.length - b.position());
  }

  /** A version 1 record, as releases before the original timestamp wrote them (for upgrade tests). */
  static byte[] encodeVersion1(long receivedAtMicros, long timestampMicros, String source, String messageId,
      String type, byte[] json) {
    byte[] v2 = encode(receivedAtMicros, timestampMicros, NO_TIME, source, messageId, type, json, 0, json.length);
    byte[] v1 = new byte[v2.length - 8];
    v1[0] = VERSION_1;
    System.arraycopy(v2, 1, v1, 1, 16);
    System.arraycopy(v2, 25, v1, 17, v2.length - 25);
    return v1;
  }

  private static String string(ByteBuffer b) {
    int n = Short.toUnsignedInt(b.getShort());
    String s = new String(b.array(), b.position(), n, StandardCharsets.UTF_8);
    b.position(b.position() + n);
    return s;
  }

  /** Epoch microseconds of an instant, or {@link #NO_TIME} for null. */
  public static long micros(java.time.Instant t) {
    if (t == null) {
      return NO_TIME;
    }
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }
}
