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

  private final ViewSessionizer committed;
  private final List<PlaybackEvent> pending = new ArrayList<>();

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

  long firstLogPosition() {
    long first = committed.firstLogPosition();
    for (PlaybackEvent e : pending) {
      first = Math.min(first, e.logPosition());
    }
    return first;
  }
}
