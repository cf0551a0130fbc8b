package io.marquee.demo;

import io.marquee.core.Title;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Builds the deterministic catalog for a seed, scaled to the number of users. */
final class CatalogBuilder {
  /** How often each video genre ({@link Genres#VIDEO} order) is a film's primary genre. */
  private static final double[] FILM_GENRES = {10, 6, 5, 12, 6, 5, 14, 5, 5, 7, 7, 6, 8, 4};

  private static final double[] SERIES_GENRES = {5, 4, 6, 10, 9, 5, 12, 4, 5, 3, 4, 6, 6, 7};
  private static final double[] MUSIC_GENRES = {14, 11, 11, 9, 5, 5, 6, 6, 5};
  private static final int[] CHILD_POOL = {
    Genres.ANIMATION, Genres.FAMILY, Genres.COMEDY, Genres.ADVENTURE, Genres.FANTASY, Genres.KIDS
  };
  private static final int[] GROWN_POOL = {
    Genres.ACTION, Genres.ADVENTURE, Genres.COMEDY, Genres.CRIME, Genres.DRAMA, Genres.FANTASY,
    Genres.HORROR, Genres.ROMANCE, Genres.SCI_FI, Genres.THRILLER
  };

  private final SplittableRandom rng;
  private final int filmCount;
  private final int seriesCount;
  private final int trackCount;

  CatalogBuilder(long seed, int users) {
    this.rng = Rng.of(seed, -1);
    this.filmCount = Math.max(500, users / 20);
    this.seriesCount = Math.max(60, users / 150);
    this.trackCount = Math.max(1000, users / 10);
  }

  Library build() {
    Film[] films = new Film[filmCount];
    double[] filmPopularity = new double[filmCount];
    for (int i = 0; i < filmCount; i++) {
      films[i] = film(i);
      filmPopularity[i] = popularity(films[i].quality());
    }
    Show[] shows = new Show[seriesCount];
    double[] showPopularity = new double[seriesCount];
    for (int i = 0; i < seriesCount; i++) {
      shows[i] = new ShowBuilder(rng, i).build(genres(SERIES_GENRES), quality());
      showPopularity[i] = popularity(shows[i].quality());
    }
    Track[] tracks = tracks();
    double[] trackPopularity = new double[tracks.length];
    for (int i = 0; i < tracks.length; i++) {
      trackPopularity[i] = popularity(tracks[i].quality());
    }
    return new Library(films, shows, tracks, filmPopularity, showPopularity, trackPopularity);
  }

  private Film film(int i) {
    int[] genres = genres(FILM_GENRES);
    int primary = genres[0];
    boolean light = Genres.isChildFriendly(primary);
    double minutes = light ? 95 + 10 * rng.nextGaussian() : 115 + 22 * rng.nextGaussian();
    int seconds = clamp((int) Math.round(minutes) * 60 + rng.nextInt(60), 80 * 60, 180 * 60);
    Title title =
        new Title(
            "film-" + pad(i, 5),
            Words.film(rng),
            "film",
            null,
            null,
            null,
            names(genres),
            filmRating(primary),
            seconds,
            "video",
            releaseYear(),
            null,
            null);
    return new Film(title, genres, quality());
  }

  private String filmRating(int primary) {
    double r = rng.nextDouble();
    if (primary == Genres.KIDS) {
      return r < 0.8 ? "G" : "PG";
    } else if (primary == Genres.FAMILY || primary == Genres.ANIMATION) {
      return r < 0.4 ? "G" : r < 0.9 ? "PG" : "PG-13";
    } else if (primary == Genres.HORROR) {
      return r < 0.3 ? "PG-13" : "R";
    } else if (primary == Genres.CRIME || primary == Genres.THRILLER) {
      return r < 0.45 ? "PG-13" : "R";
    } else if (primary == Genres.DOCUMENTARY) {
      return r < 0.25 ? "G" : r < 0.65 ? "PG" : r < 0.9 ? "PG-13" : "R";
    }
    return r < 0.05 ? "G" : r < 0.25 ? "PG" : r < 0.75 ? "PG-13" : "R";
  }

  private Track[] tracks() {
    List<Track> out = new ArrayList<>(trackCount);
    while (out.size() < trackCount) {
      int genre = Genres.FIRST_MUSIC + Rng.weighted(rng, MUSIC_GENRES);
      String artist = Words.artist(rng);
      int albums = Rng.between(rng, 1, 4);
      int year = releaseYear();
      for (int a = 0; a < albums && out.size() < trackCount; a++) {
        String album = Words.album(rng);
        int size = Math.min(Rng.between(rng, 6, 14), trackCount - out.size());
        int first = out.size();
        for (int t = 0; t < size; t++) {
          int index = first + t;
          int next = t + 1 < size ? index + 1 : -1;
          out.add(track(index, genre, artist, album, Math.min(2026, year + a * 2), next));
        }
      }
    }
    return out.toArray(new Track[0]);
  }

  private Track track(int index, int genre, String artist, String album, int year, int next) {
    double base = genre == Genres.CLASSICAL ? 260 : genre == Genres.ELECTRONIC ? 230 : 200;
    int seconds = clamp((int) Math.round(base + 45 * rng.nextGaussian()), 120, 360);
    Title title =
        new Title(
            "track-" + pad(index, 6),
            Words.song(rng),
            "track",
            album,
            null,
            null,
            List.of(Genres.name(genre)),
            null,
            seconds,
            "audio",
            year,
            null,
            artist);
    return new Track(title, genre, artist, next, quality());
  }

  /** A primary genre drawn from {@code weights} plus zero to two compatible secondary genres. */
  private int[] genres(double[] weights) {
    int primary = Rng.weighted(rng, weights);
    int extra = primary == Genres.DOCUMENTARY ? 0 : Rng.weighted(rng, new double[] {45, 40, 15});
    int[] pool = Genres.isChildFriendly(primary) ? CHILD_POOL : GROWN_POOL;
    int[] genres = new int[1 + extra];
    genres[0] = primary;
    int n = 1;
    while (n < genres.length) {
      int g = pool[rng.nextInt(pool.length)];
      if (!contains(genres, n, g)) {
        genres[n++] = g;
      }
    }
    return genres;
  }

  private int releaseYear() {
    return 2026 - Math.min(76, (int) (rng.nextExponential() * 10));
  }

  private double quality() {
    return (rng.nextDouble() + rng.nextDouble()) / 2;
  }

  private double popularity(double quality) {
    return quality + 0.3 * rng.nextGaussian();
  }

  static List<String> names(int[] genres) {
    List<String> names = new ArrayList<>(genres.length);
    for (int g : genres) {
      names.add(Genres.name(g));
    }
    return names;
  }

  static String pad(int value, int width) {
    String digits = Integer.toString(value);
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }

  static int clamp(int value, int min, int max) {
    return Math.max(min, Math.min(max, value));
  }

  private static boolean contains(int[] values, int n, int value) {
    for (int i = 0; i < n; i++) {
      if (values[i] == value) {
        return true;
      }
    }
    return false;
  }
}
