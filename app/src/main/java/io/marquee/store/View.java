package io.marquee.store;

import java.time.Instant;

/**
 * One playback session's time with one asset: the row of the {@code views} table.
 *
 * @param watchSeconds seconds of content played, each second counted once
 * @param completed true on Video Content Completed or when 90% of total_length was watched
 * @param watched the stretches of content played, {@code [start0, end0, start1, end1, ...]} in
 *     content seconds, merged and in order ({@link IntervalSet#toArray})
 * @param closed the view's playback is over: its last event ended it (Video Content Completed,
 *     Video Playback Completed, Exited or Interrupted) or the session went on to another asset
 * @param heartbeatSeconds the wall-clock gap between the view's last two {@code Video Content
 *     Playing} heartbeats, or null with fewer than two
 */
record View(
    String viewId,
    String sessionId,
    String userId,
    String anonymousId,
    String assetId,
    String mediaType,
    Instant startedAt,
    Instant endedAt,
    double watchSeconds,
    double maxPosition,
    Double totalLength,
    boolean completed,
    double[] watched,
    boolean closed,
    Double heartbeatSeconds) {

  /** Views are equal when every component is, the played stretches compared by value. */
  @Override
  public boolean equals(Object o) {
    return o instanceof View v && viewId.equals(v.viewId) && sessionId.equals(v.sessionId)
        && java.util.Objects.equals(userId, v.userId) && java.util.Objects.equals(anonymousId, v.anonymousId)
        && assetId.equals(v.assetId) && java.util.Objects.equals(mediaType, v.mediaType)
        && java.util.Objects.equals(startedAt, v.startedAt) && java.util.Objects.equals(endedAt, v.endedAt)
        && Double.compare(watchSeconds, v.watchSeconds) == 0 && Double.compare(maxPosition, v.maxPosition) == 0
        && java.util.Objects.equals(totalLength, v.totalLength) && completed == v.completed
        && java.util.Arrays.equals(watched, v.watched) && closed == v.closed
        && java.util.Objects.equals(heartbeatSeconds, v.heartbeatSeconds);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(viewId, endedAt, watchSeconds, java.util.Arrays.hashCode(watched), closed);
  }

  @Override
  public String toString() {
    return "View[" + viewId + ", user " + userId + ", anonymous " + anonymousId + ", " + mediaType + ", "
        + startedAt + " - " + endedAt + ", watched " + watchSeconds + " s " + java.util.Arrays.toString(watched)
        + ", max " + maxPosition + ", length " + totalLength + (completed ? ", completed" : "")
        + (closed ? ", closed" : "") + ", heartbeat " + heartbeatSeconds + "]";
  }
}
