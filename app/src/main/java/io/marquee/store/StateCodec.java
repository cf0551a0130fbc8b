package io.marquee.store;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;

/** Nullable values and playback events in the binary form of the {@code view_sessions} states. */
final class StateCodec {
  private StateCodec() {}

  static void writeString(DataOutput out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  static String readString(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  static void writeDouble(DataOutput out, Double d) throws IOException {
    out.writeBoolean(d != null);
    if (d != null) {
      out.writeDouble(d);
    }
  }

  static Double readDouble(DataInput in) throws IOException {
    return in.readBoolean() ? in.readDouble() : null;
  }

  static void writeInstant(DataOutput out, Instant t) throws IOException {
    out.writeBoolean(t != null);
    if (t != null) {
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    }
  }

  static Instant readInstant(DataInput in) throws IOException {
    return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
  }

  static void writeEvent(DataOutput out, PlaybackEvent e) throws IOException {
    out.writeLong(e.logPosition());
    out.writeUTF(e.sessionId());
    writeString(out, e.assetId());
    writeString(out, e.userId());
    writeString(out, e.anonymousId());
    out.writeUTF(e.event());
    writeInstant(out, e.timestamp());
    writeDouble(out, e.position());
    writeDouble(out, e.totalLength());
    writeString(out, e.mediaType());
  }

  static PlaybackEvent readEvent(DataInput in) throws IOException {
    return new PlaybackEvent(in.readLong(), in.readUTF(), readString(in), readString(in), readString(in),
        in.readUTF(), readInstant(in), readDouble(in), readDouble(in), readString(in));
  }
}
