package io.marquee.insights;

/**
 * The definitions of {@code docs/insights.md} as SQL over {@code views} (aliased {@code v}): one
 * place, so that every report counts a view, a viewer, a stream and an open session the same way.
 */
final class Definitions {
  /** Seconds of content a start needs to count as a view (Snowplow's and YouTube's valid play). */
  static final int VIEW_SECONDS = 30;
  /** Seconds of listening a play needs to count as a stream (Spotify). */
  static final int STREAM_SECONDS = 30;
  /** Points of the retention curve: k x 5 % of the runtime, k = 0..20. */
  static final int RETENTION_POINTS = 21;
  /** The shortest window in which an open session's last event must fall (seconds). */
  static final int MIN_LIVE_WINDOW_SECONDS = 60;

  /** The viewer of a view: its user, else its anonymous id. */
  static final String VIEWER = "coalesce(v.user_id, v.anonymous_id)";
  /** A start that is a view. */
  static final String IS_VIEW = "v.watch_seconds >= " + VIEW_SECONDS;
  /** A play of audio that is a stream. */
  static final String IS_STREAM = "v.media_type = 'audio' AND v.watch_seconds >= " + STREAM_SECONDS;
  /** Video (anything not audio). */
  static final String IS_VIDEO = "coalesce(v.media_type, 'video') <> 'audio'";

  /**
   * A playback session still open at an instant, bound to both {@code ?} parameters (the same
   * TIMESTAMP, UTC): started, not closed (completed or exited), and its last event within twice
   * its own heartbeat interval, at least {@value #MIN_LIVE_WINDOW_SECONDS} s.
   */
  static final String OPEN_AT = "(NOT coalesce(v.closed, false) AND v.started_at <= CAST(? AS TIMESTAMP) "
      + "AND v.ended_at >= CAST(? AS TIMESTAMP) - to_seconds(greatest(" + MIN_LIVE_WINDOW_SECONDS
      + ", 2 * coalesce(v.heartbeat_s, 0))))";

  private Definitions() {}
}
