package io.marquee.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.core.Title;
import java.util.SplittableRandom;

/**
 * One playback session of the Segment Video Spec: emits its events in order, keeping positions
 * (seconds into the current content, never past its length) and wall-clock time consistent.
 * Content seconds advance the clock one for one; pauses, buffering, seeks and ads add time.
 */
final class Player {
  static final String VIDEO_PLAYER = "marquee-demo";

  /** Seconds of watched content between {@code Video Content Playing} heartbeats. */
  static final int VIDEO_HEARTBEAT = 300;

  static final int AUDIO_HEARTBEAT = 120;

  private static final int[] BITRATES = {800, 1800, 3500, 6000, 12000};

  private final Messages out;
  private final SplittableRandom rng;
  private final String sessionId;
  private final boolean audio;
  private final String mediaType;
  private final Interruptions interruptions;
  private long now;
  private Title content;
  private String artist;
  private int total;
  private int position;
  private int sinceBeat;

  Player(Messages out, SplittableRandom rng, boolean audio, double adChance, long start) {
    this.out = out;
    this.rng = rng;
    this.sessionId = out.nextSessionId();
    this.audio = audio;
    this.mediaType = audio ? "audio" : "video";
    this.interruptions = new Interruptions(this, rng, audio, adChance);
    this.now = start;
  }

  long now() {
    return now;
  }

  /** Lets wall-clock time pass without playing. */
  void idle(long millis) {
    now += millis;
  }

  int position() {
    return position;
  }

  int total() {
    return total;
  }

  /** {@code Video Playback Started} for a session that begins with {@code first}. */
  void startPlayback(Title first) {
    load(first, null);
    emit("Video Playback Started", playback());
    idle(300 + rng.nextInt(1200));
  }

  /** Possibly a pre-roll ad, then {@code Video Content Started} for the given title. */
  void startContent(Title title, String artist) {
    load(title, artist);
    interruptions.preRoll();
    emit("Video Content Started", content(true));
    interruptions.atStart();
  }

  /**
   * Plays from the current position until {@code target} seconds, with heartbeats and whatever
   * interruptions happen on the way. If {@code finishing} the content then plays to its end.
   */
  void play(int target, boolean finishing) {
    int heartbeat = audio ? AUDIO_HEARTBEAT : VIDEO_HEARTBEAT;
    int goal = finishing ? total : Math.min(target, total - 1);
    while (position < goal) {
      int step = Math.min(heartbeat - sinceBeat, goal - position);
      if (step > 1 && interruptions.strikes()) {
        advance(1 + rng.nextInt(step - 1));
        goal = interruptions.happen(goal, finishing);
        continue;
      }
      advance(step);
      if (sinceBeat >= heartbeat) {
        sinceBeat = 0;
        if (position < total) {
          emit("Video Content Playing", content(false));
        }
      }
    }
  }

  /** {@code Video Content Completed} once the content has played to its end. */
  void completeContent() {
    emit("Video Content Completed", content(true));
  }

  /** Ends the session early: the viewer quit, or playback broke off. */
  void abandon(boolean interrupted) {
    idle(rng.nextInt(2000));
    emit(interrupted ? "Video Playback Interrupted" : "Video Playback Exited", playback());
  }

  /** {@code Video Playback Completed} after the last content completed. */
  void completePlayback() {
    idle(rng.nextInt(500));
    emit("Video Playback Completed", playback());
  }

  /** Moves the playhead (a seek), without playing or heartbeats. */
  void jump(int to) {
    position = to;
  }

  /** Properties of playback-level events: the session, its current content and position. */
  ObjectNode playback() {
    ObjectNode p = Messages.NODES.objectNode();
    p.put("session_id", sessionId);
    p.put("content_asset_id", content.assetId());
    p.put("position", position);
    p.put("total_length", total);
    p.put("livestream", false);
    p.put("video_player", VIDEO_PLAYER);
    p.put("media_type", mediaType);
    return p;
  }

  /** Properties of ad events: {@code position} and {@code total_length} are the ad's. */
  ObjectNode ad(String adId, String type, int adPosition, int adLength) {
    ObjectNode p = Messages.NODES.objectNode();
    p.put("session_id", sessionId);
    p.put("asset_id", adId);
    p.put("type", type);
    p.put("position", adPosition);
    p.put("total_length", adLength);
    p.put("content_asset_id", content.assetId());
    p.put("livestream", false);
    p.put("media_type", mediaType);
    return p;
  }

  /** A random video bitrate in kbps from the encoding ladder. */
  int bitrate() {
    return BITRATES[rng.nextInt(BITRATES.length)];
  }

  void emit(String event, ObjectNode properties) {
    out.track(now, event, properties);
  }

  private ObjectNode content(boolean full) {
    ObjectNode p = Messages.NODES.objectNode();
    p.put("session_id", sessionId);
    p.put("asset_id", content.assetId());
    if (full) {
      p.put("title", content.title());
      if (content.series() != null) {
        p.put("program", content.series());
      }
      if (content.season() != null) {
        p.put("season", content.season());
        p.put("episode", content.episode());
      }
      if (artist != null) {
        p.put("artist", artist);
      }
      p.put("genre", content.genres().get(0));
    }
    p.put("position", position);
    p.put("total_length", total);
    p.put("livestream", false);
    p.put("media_type", mediaType);
    return p;
  }

  private void load(Title title, String artist) {
    this.content = title;
    this.artist = artist;
    this.total = title.runtimeSeconds();
    this.position = 0;
    this.sinceBeat = 0;
  }

  private void advance(int seconds) {
    position += seconds;
    sinceBeat += seconds;
    now += seconds * 1000L;
  }
}
