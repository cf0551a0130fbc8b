package io.marquee.demo;

import java.util.SplittableRandom;

/**
 * Plays one listening session: several tracks in a row under one session id, drifting along an
 * album or a genre, skipping tracks the user does not like.
 */
final class MusicSession {
  private static final int MAX_TRACKS = 15;

  private MusicSession() {}

  /** Plays the session; returns the track the user liked best, as a candidate for rating. */
  static Played play(
      Library library, Profile user, Picker picker, SplittableRandom rng, Player player) {
    int tracks = 3 + Math.min(Rng.geometric(rng, 4), MAX_TRACKS - 3);
    int genre = picker.musicGenre();
    Track track = library.tracks[picker.track(genre)];
    player.startPlayback(track.title());
    Played best = null;
    for (int k = 0; k < tracks; k++) {
      if (k > 0) {
        track = next(library, picker, rng, track);
        player.idle(rng.nextInt(1000));
      }
      player.startContent(track.title(), track.artist());
      double liking =
          Liking.of(user, user.affinity(track.genre()), track.quality(), track.title().assetId());
      boolean last = k == tracks - 1;
      if (!last && Rng.chance(rng, Liking.skipTrack(liking))) {
        player.play((int) (player.total() * (0.05 + 0.55 * rng.nextDouble())), false);
        continue;
      }
      if (last && Rng.chance(rng, 0.3)) {
        player.play((int) (player.total() * Liking.abandonAt(rng)), false);
        player.abandon(Rng.chance(rng, 0.2));
        return best;
      }
      player.play(player.total(), true);
      player.completeContent();
      if (best == null || liking > best.liking()) {
        best = new Played(track.title().assetId(), liking, 1.0);
      }
    }
    player.completePlayback();
    return best;
  }

  /** The next track: further along the album, another of the genre, or a new genre. */
  private static Track next(Library library, Picker picker, SplittableRandom rng, Track current) {
    double r = rng.nextDouble();
    if (r < 0.35 && current.next() >= 0) {
      return library.tracks[current.next()];
    }
    int genre = r < 0.8 ? current.genre() : picker.musicGenre();
    return library.tracks[picker.track(genre)];
  }
}
