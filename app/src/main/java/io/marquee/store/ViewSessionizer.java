package io.marquee.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one playback session's Video Spec events, in time order, into a view per content asset.
 *
 * <p>Watch time is measured on the content's own clock: while the player is playing, the stretch of
 * content between two consecutive reported positions was played. Those stretches are unioned, so a
 * rewind does not count twice; pauses, buffering, seeks and ads add no stretch. A forward jump larger
 * than the wall-clock time between the events allows is taken as an unreported seek, not as playback.
 * Events that name no asset belong to the asset the session is on; ad events never switch it.
 */
final class ViewSessionizer {
  // One instance follows one playback session; the loader keeps instances of recent sessions so
  // that a new event costs O(1), not a re-read of the session.
  /** Share of total_length that counts a view as completed. */
  static final double COMPLETION_SHARE = 0.9;
  /** The Video Spec heartbeat sent while content plays. */
  static final String HEARTBEAT = "Video Content Playing";
  /** Events after which a view's playback is over (until a later event of the view). */
  private static final java.util.Set<String> ENDS_PLAYBACK = java.util.Set.of("Video Content Completed",
      "Video Playback Completed", "Video Playback Exited", "Video Playback Interrupted");
  /** Largest playback rate credited between two events (2x speed), plus slack for clock skew. */
  private static final double MAX_RATE = 2.0;
  private static final double SLACK_SECONDS = 2.0;

  private final Map<String, ViewBuilder> views = new LinkedHashMap<>();
  private ViewBuilder current;
  private boolean playing;
  private boolean inAd;
  private java.time.Instant lastTimestamp;
  private long firstLogPosition = Long.MAX_VALUE;

  /** An independent copy of this sessionizer's state. */
  ViewSessionizer copy() {
    ViewSessionizer c = new ViewSessionizer();
    for (Map.Entry<String, ViewBuilder> e : views.entrySet()) {
      ViewBuilder b = new ViewBuilder(e.getValue());
      c.views.put(e.getKey(), b);
      if (e.getValue() == current) {
        c.current = b;
      }
    }
    c.playing = playing;
    c.inAd = inAd;
    c.lastTimestamp = lastTimestamp;
    c.firstLogPosition = firstLogPosition;
    return c;
  }

  /** Writes this sessionizer's state for {@link #readFrom}: what resuming the session after a restart needs. */
  void writeTo(java.io.DataOutput out) throws java.io.IOException {
    out.writeInt(views.size());
    for (ViewBuilder b : views.values()) {
      b.writeTo(out);
      out.writeBoolean(b == current);
    }
    out.writeBoolean(playing);
    out.writeBoolean(inAd);
    StateCodec.writeInstant(out, lastTimestamp);
    out.writeLong(firstLogPosition);
  }

  /** A sessionizer in the state {@link #writeTo} wrote. */
  static ViewSessionizer readFrom(java.io.DataInput in) throws java.io.IOException {
    ViewSessionizer s = new ViewSessionizer();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      ViewBuilder b = ViewBuilder.readFrom(in);
      s.views.put(b.assetId, b);
      if (in.readBoolean()) {
        s.current = b;
      }
    }
    s.playing = in.readBoolean();
    s.inAd = in.readBoolean();
    s.lastTimestamp = StateCodec.readInstant(in);
    s.firstLogPosition = in.readLong();
    return s;
  }

  /** The user and anonymous ids this session's views name (what an erasure looks for). */
  java.util.Set<String> subjects() {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (ViewBuilder b : views.values()) {
      if (b.userId != null) {
        out.add(b.userId);
      }
      if (b.anonymousId != null) {
        out.add(b.anonymousId);
      }
    }
    return out;
  }

  java.time.Instant lastTimestamp() {
    return lastTimestamp;
  }

  /** The views of a whole session's events, in time order. */
  static List<View> sessionize(List<PlaybackEvent> events) {
    ViewSessionizer s = new ViewSessionizer();
    for (PlaybackEvent e : events) {
      s.accept(e);
    }
    return s.views();
  }

  /** Whether {@code e} can be applied incrementally (it is not older than what was applied). */
  boolean inOrder(PlaybackEvent e) {
    return lastTimestamp == null || !e.timestamp().isBefore(lastTimestamp);
  }

  /** The lowest log position of the events applied, so a rebuild can skip older data. */
  long firstLogPosition() {
    return firstLogPosition;
  }

  /** Applies the session's next event. */
  void accept(PlaybackEvent e) {
    lastTimestamp = e.timestamp();
    firstLogPosition = Math.min(firstLogPosition, e.logPosition());
    String name = e.event();
    boolean ad = name.startsWith("Video Ad ");
    if (!ad && e.assetId() != null && (current == null || !current.assetId.equals(e.assetId()))) {
      if (current != null) {
        current.switchedAway = true;
      }
      current = views.computeIfAbsent(e.assetId(), a -> new ViewBuilder(e.sessionId(), a));
      current.switchedAway = false;
      current.lastPosition = null;
      current.lastTime = null;
    }
    if (current == null) {
      return;
    }
    current.touch(e);
    if (ad) {
      inAd = name.equals("Video Ad Started") || (inAd && !name.equals("Video Ad Completed"));
      return;
    }
    if (e.position() != null) {
      if (playing && !inAd && current.lastPosition != null && current.lastTime != null) {
        current.credit(current.lastPosition, e.position(),
            Duration.between(current.lastTime, e.timestamp()).toMillis() / 1000.0);
      }
      current.lastPosition = e.position();
      current.maxPosition = Math.max(current.maxPosition, e.position());
    }
    current.lastTime = e.timestamp();
    playing = nextPlaying(name, playing);
    if (name.equals("Video Content Completed")) {
      current.completedEvent = true;
    }
  }

  /** The session's views so far, one per content asset. */
  List<View> views() {
    List<View> out = new ArrayList<>(views.size());
    for (ViewBuilder b : views.values()) {
      out.add(b.build());
    }
    return out;
  }

  /** Whether content plays after an event with this name, given whether it played before. */
  static boolean nextPlaying(String name, boolean before) {
    return switch (name) {
      case "Video Playback Started", "Video Playback Resumed", "Video Content Started",
          "Video Content Playing", "Video Playback Seek Completed",
          "Video Playback Buffer Completed" -> true;
      case "Video Playback Paused", "Video Playback Seek Started", "Video Playback Buffer Started",
          "Video Playback Interrupted", "Video Playback Completed", "Video Playback Exited",
          "Video Content Completed" -> false;
      default -> before;
    };
  }

  /** Accumulates one view: its identity, its time span, and the played stretches of content. */
  private static final class ViewBuilder {
    final String sessionId;
    final String assetId;
    final IntervalSet played;
    String userId;
    String anonymousId;
    String mediaType;
    java.time.Instant startedAt;
    java.time.Instant endedAt;
    java.time.Instant lastTime;
    Double lastPosition;
    double maxPosition;
    Double totalLength;
    boolean completedEvent;
    /** The view's last non-ad event ended its playback. */
    boolean terminal;
    /** The session went on to another asset after this one. */
    boolean switchedAway;
    java.time.Instant lastBeat;
    Double beatGap;

    ViewBuilder(String sessionId, String assetId) {
      this.sessionId = sessionId;
      this.assetId = assetId;
      this.played = new IntervalSet();
    }

    ViewBuilder(ViewBuilder o) {
      sessionId = o.sessionId;
      assetId = o.assetId;
      played = o.played.copy();
      userId = o.userId;
      anonymousId = o.anonymousId;
      mediaType = o.mediaType;
      startedAt = o.startedAt;
      endedAt = o.endedAt;
      lastTime = o.lastTime;
      lastPosition = o.lastPosition;
      maxPosition = o.maxPosition;
      totalLength = o.totalLength;
      completedEvent = o.completedEvent;
      terminal = o.terminal;
      switchedAway = o.switchedAway;
      lastBeat = o.lastBeat;
      beatGap = o.beatGap;
    }

    void writeTo(java.io.DataOutput out) throws java.io.IOException {
      out.writeUTF(sessionId);
      out.writeUTF(assetId);
      played.writeTo(out);
      StateCodec.writeString(out, userId);
      StateCodec.writeString(out, anonymousId);
      StateCodec.writeString(out, mediaType);
      StateCodec.writeInstant(out, startedAt);
      StateCodec.writeInstant(out, endedAt);
      StateCodec.writeInstant(out, lastTime);
      StateCodec.writeDouble(out, lastPosition);
      out.writeDouble(maxPosition);
      StateCodec.writeDouble(out, totalLength);
      out.writeBoolean(completedEvent);
      out.writeBoolean(terminal);
      out.writeBoolean(switchedAway);
      StateCodec.writeInstant(out, lastBeat);
      StateCodec.writeDouble(out, beatGap);
    }

    static ViewBuilder readFrom(java.io.DataInput in) throws java.io.IOException {
      ViewBuilder b = new ViewBuilder(in.readUTF(), in.readUTF());
      b.played.readFrom(in);
      b.userId = StateCodec.readString(in);
      b.anonymousId = StateCodec.readString(in);
      b.mediaType = StateCodec.readString(in);
      b.startedAt = StateCodec.readInstant(in);
      b.endedAt = StateCodec.readInstant(in);
      b.lastTime = StateCodec.readInstant(in);
      b.lastPosition = StateCodec.readDouble(in);
      b.maxPosition = in.readDouble();
      b.totalLength = StateCodec.readDouble(in);
      b.completedEvent = in.readBoolean();
      b.terminal = in.readBoolean();
      b.switchedAway = in.readBoolean();
      b.lastBeat = StateCodec.readInstant(in);
      b.beatGap = StateCodec.readDouble(in);
      return b;
    }

    void touch(PlaybackEvent e) {
      if (startedAt == null) {
        startedAt = e.timestamp();
      }
      endedAt = e.timestamp();
      if (e.userId() != null) {
        userId = e.userId();
      }
      if (e.anonymousId() != null) {
        anonymousId = e.anonymousId();
      }
      boolean ad = e.event().startsWith("Video Ad ");
      if (!ad && e.mediaType() != null) {
        mediaType = e.mediaType();
      }
      if (!ad && e.totalLength() != null && e.totalLength() > 0) {
        totalLength = e.totalLength();
      }
      if (!ad) {
        terminal = ENDS_PLAYBACK.contains(e.event());
        if (e.event().equals(HEARTBEAT)) {
          if (lastBeat != null && e.timestamp().isAfter(lastBeat)) {
            beatGap = Duration.between(lastBeat, e.timestamp()).toMillis() / 1000.0;
          }
          lastBeat = e.timestamp();
        }
      }
    }

    void credit(double from, double to, double wallSeconds) {
      double advanced = to - from;
      if (advanced > 0 && advanced <= wallSeconds * MAX_RATE + SLACK_SECONDS) {
        played.add(from, to);
      }
    }

    View build() {
      double watched = played.length();
      boolean completed = completedEvent
          || (totalLength != null && watched >= COMPLETION_SHARE * totalLength);
      return new View(sessionId + ":" + assetId, sessionId, userId, anonymousId, assetId,
          mediaType == null ? "video" : mediaType, startedAt, endedAt, watched, maxPosition,
          totalLength, completed, played.toArray(), terminal || switchedAway, beatGap);
    }
  }
}
