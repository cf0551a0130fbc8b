package io.marquee.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses what one user plays: a genre by their taste, then a title by popularity within it,
 * never an R or TV-MA title for a minor. Also keeps the user's watchlist, which later picks draw
 * on.
 */
final class Picker {
  private static final double FROM_WATCHLIST = 0.3;
  private static final int MAX_TRIES = 100;

  private final Library library;
  private final SplittableRandom rng;
  private final boolean minor;
  private final double[] videoTaste;
  private final double[] musicTaste;
  private final List<Integer> watchlistFilms = new ArrayList<>();
  private final List<Integer> watchlistShows = new ArrayList<>();

  Picker(Library library, Profile user, SplittableRandom rng) {
    this.library = library;
    this.rng = rng;
    this.minor = user.minor();
    this.videoTaste = Arrays.copyOfRange(user.taste(), 0, Genres.FIRST_MUSIC);
    this.musicTaste = Arrays.copyOfRange(user.taste(), Genres.FIRST_MUSIC, Genres.COUNT);
  }

  int videoGenre() {
    return Rng.weighted(rng, videoTaste);
  }

  int musicGenre() {
    return Genres.FIRST_MUSIC + Rng.weighted(rng, musicTaste);
  }

  /** A film index, sometimes taken off the watchlist. */
  int film() {
    if (!watchlistFilms.isEmpty() && Rng.chance(rng, FROM_WATCHLIST)) {
      return watchlistFilms.remove(rng.nextInt(watchlistFilms.size()));
    }
    return sample(library.films(minor));
  }

  /** A series index, sometimes taken off the watchlist. */
  int show() {
    if (!watchlistShows.isEmpty() && Rng.chance(rng, FROM_WATCHLIST)) {
      return watchlistShows.remove(rng.nextInt(watchlistShows.size()));
    }
    return sample(library.shows(minor));
  }

  /** A track of the given music genre. */
  int track(int genre) {
    int track = library.trackIndex.sample(genre, rng);
    for (int i = 0; track < 0 && i < MAX_TRIES; i++) {
      track = library.trackIndex.sample(musicGenre(), rng);
    }
    if (track < 0) {
      throw new IllegalStateException("no track in any genre the user likes");
    }
    return track;
  }

  /** Picks a film or series the user puts on their watchlist; returns its asset id. */
  String addToWatchlist() {
    if (Rng.chance(rng, 0.6)) {
      int film = sample(library.films(minor));
      watchlistFilms.add(film);
      return library.films[film].title().assetId();
    }
    int show = sample(library.shows(minor));
    watchlistShows.add(show);
    return library.shows[show].title().assetId();
  }

  private int sample(PopularityIndex index) {
    for (int i = 0; i < MAX_TRIES; i++) {
      int item = index.sample(videoGenre(), rng);
      if (item >= 0) {
        return item;
      }
    }
    throw new IllegalStateException("no title in any genre the user likes");
  }
}
