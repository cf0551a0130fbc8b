package io.marquee.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One playback session as the loader follows it: a sessionizer with the events older than a
 * reorder window applied for good, and the newer ones held pending in time order, so that events
 * arriving a little late (concurrent requests interleave in the log) slot into place in memory
 * instead of forcing a rebuild from the store.
 */
final class SessionState {
  /** How far, in event time, an event may arrive behind the newest one and still be placed in memory. */
  static final Duration REORDER_WINDOW = Duration.ofMinutes(5);
  private static final Comparator<PlaybackEvent> BY_TIME =
      Comparator.comparing(PlaybackEvent::timestamp).thenComparingLong(PlaybackEvent::logPosition);

  private static final int FORMAT = 1;

  private final ViewSessionizer committed;
  private final List<PlaybackEvent> pending = new ArrayList<>();
  /** The log position of the batch that last wrote this session's rows, or -1 when it has none. */
  private long writtenAt = -1;

  SessionState(ViewSessionizer committed) {
    this.committed = committed;
  }

  /**
   * Adds events; returns false when one is older than what was already committed, in which case the
   * state is unusable and the session must be rebuilt from the store.
   */
  boolean add(List<PlaybackEvent> events) {
    Instant committedUpTo = committed.lastTimestamp();
    for (PlaybackEvent e : events) {
      if (committedUpTo != null && e.timestamp().isBefore(committedUpTo)) {
        return false;
      }
    }
    pending.addAll(events);
    pending.sort(BY_TIME);
    Instant newest = pending.get(pending.size() - 1).timestamp();
    Instant horizon = newest.minus(REORDER_WINDOW);
    int settled = 0;
    while (settled < pending.size() && pending.get(settled).timestamp().isBefore(horizon)) {
      committed.accept(pending.get(settled));
      settled++;
    }
    pending.subList(0, settled).clear();
    return true;
  }

  /** The session's views with the pending events applied. */
  List<View> views() {
    if (pending.isEmpty()) {
      return committed.views();
    }
    ViewSessionizer preview = committed.copy();
    for (PlaybackEvent e : pending) {
      preview.accept(e);
    }
    return preview.views();
  }

  long writtenAt() {
    return writtenAt;
  }

  void writtenAt(long position) {
    this.writtenAt = position;
  }

  /** The state as bytes: the committed sessionizer and the pending events (at most a reorder window). */
  byte[] encode() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(256);
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      committed.writeTo(out);
      out.writeInt(pending.size());
      for (PlaybackEvent e : pending) {
        StateCodec.writeEvent(out, e);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // in memory: cannot happen
    }
    return bytes.toByteArray();
  }

  /** The state {@link #encode} wrote. */
  static SessionState decode(byte[] bytes) throws java.io.IOException {
    java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes));
    int format = in.readByte();
    if (format != FORMAT) {
      throw new java.io.IOException("session state in format " + format + ", expected " + FORMAT);
    }
    SessionState s = new SessionState(ViewSessionizer.readFrom(in));
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      s.pending.add(StateCodec.readEvent(in));
    }
    return s;
  }

  /** The user and anonymous ids the session names, pending events included. */
  java.util.Set<String> subjects() {
    java.util.Set<String> out = committed.subjects();
    for (PlaybackEvent e : pending) {
      if (e.userId() != null) {
        out.add(e.userId());
      }
      if (e.anonymousId() != null) {
        out.add(e.anonymousId());
      }
    }
    return out;
  }

  long firstLogPosition() {
    long first = committed.firstLogPosition();
    for (PlaybackEvent e : pending) {
      first = Math.min(first, e.logPosition());
    }
    return first;
  }
}
