package io.marquee.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;

/**
 * What breaks up playing a content item: pauses, buffering, seeks (forward or rewind), quality
 * changes and ads (pre-roll, and mid-roll for video on ad-supported plans).
 */
final class Interruptions {
  /** Chance that something happens within one heartbeat interval of playing. */
  private static final double VIDEO_CHANCE = 0.12;

  private static final double AUDIO_CHANCE = 0.04;
  private static final int PAUSE = 0;
  private static final int BUFFER = 1;
  private static final int SEEK = 2;
  private static final int QUALITY = 3;
  private static final int MID_ROLL = 4;
  private static final int MAX_SEEKS = 3;
  private static final int MAX_MID_ROLLS = 2;
  private static final int AD_CREATIVES = 60;

  private final Player player;
  private final SplittableRandom rng;
  private final boolean audio;
  private final double adChance;
  private final double[] weights = new double[5];
  private int seeks;
  private int midRolls;

  /**
   * Interruptions for one session's player.
   *
   * @param adChance chance of a pre-roll before each video; mid-rolls scale with it
   */
  Interruptions(Player player, SplittableRandom rng, boolean audio, double adChance) {
    this.player = player;
    this.rng = rng;
    this.audio = audio;
    this.adChance = audio ? 0 : adChance;
  }

  /** Before a content starts: resets per-content limits and maybe plays a pre-roll ad. */
  void preRoll() {
    seeks = 0;
    midRolls = 0;
    if (adChance > 0 && Rng.chance(rng, adChance)) {
      ad("pre-roll");
      player.idle(200 + rng.nextInt(400));
    }
  }

  /** Just after a video content starts, the player sometimes settles on another quality. */
  void atStart() {
    if (!audio && Rng.chance(rng, 0.15)) {
      quality();
    }
  }

  /** Whether something interrupts the next stretch of playing. */
  boolean strikes() {
    return rng.nextDouble() < (audio ? AUDIO_CHANCE : VIDEO_CHANCE);
  }

  /** Makes one interruption happen at the current position; returns the (maybe moved) goal. */
  int happen(int goal, boolean finishing) {
    weights[PAUSE] = 35;
    weights[BUFFER] = 25;
    weights[SEEK] = seeks < MAX_SEEKS ? 20 : 0;
    weights[QUALITY] = audio ? 0 : 10;
    weights[MID_ROLL] = midRolls < MAX_MID_ROLLS ? 30 * adChance : 0;
    switch (Rng.weighted(rng, weights)) {
      case PAUSE:
        pair("Video Playback Paused", "Video Playback Resumed", pauseMillis());
        return goal;
      case BUFFER:
        pair(
            "Video Playback Buffer Started",
            "Video Playback Buffer Completed",
            500 + rng.nextInt(6000));
        return goal;
      case SEEK:
        return seek(goal, finishing);
      case QUALITY:
        quality();
        return goal;
      default:
        midRolls++;
        ad("mid-roll");
        return goal;
    }
  }

  private int seek(int goal, boolean finishing) {
    seeks++;
    int from = player.position();
    int total = player.total();
    int to;
    if (Rng.chance(rng, 0.65)) {
      int jump = audio ? Rng.between(rng, 10, 90) : Rng.between(rng, 30, 600);
      to = Math.min(from + jump, total - 1);
      if (!finishing && to >= goal) {
        goal = Math.min(total - 1, to + Rng.between(rng, 5, 60));
      }
    } else {
      to = Math.max(0, from - (audio ? Rng.between(rng, 5, 30) : Rng.between(rng, 10, 120)));
    }
    ObjectNode started = player.playback();
    started.put("seek_position", to);
    player.emit("Video Playback Seek Started", started);
    player.idle(300 + rng.nextInt(1200));
    player.jump(to);
    player.emit("Video Playback Seek Completed", player.playback());
    return goal;
  }

  private void pair(String startEvent, String endEvent, long millis) {
    player.emit(startEvent, player.playback());
    player.idle(millis);
    player.emit(endEvent, player.playback());
  }

  private void quality() {
    ObjectNode p = player.playback();
    p.put("bitrate", player.bitrate());
    p.put("framerate", Rng.chance(rng, 0.8) ? 24 : 60);
    player.emit("Video Quality Updated", p);
  }

  private void ad(String type) {
    String adId = "ad-" + (1 + rng.nextInt(AD_CREATIVES));
    int length = rng.nextBoolean() ? 15 : 30;
    player.emit("Video Ad Started", player.ad(adId, type, 0, length));
    player.idle(length * 1000L);
    player.emit("Video Ad Completed", player.ad(adId, type, length, length));
  }

  /** Most pauses are short; a few are long breaks, capped at 20 minutes. */
  private long pauseMillis() {
    double seconds =
        Rng.chance(rng, 0.06) ? 300 + rng.nextDouble() * 900 : 5 + rng.nextExponential() * 60;
    return (long) (Math.min(seconds, 1200) * 1000);
  }
}
