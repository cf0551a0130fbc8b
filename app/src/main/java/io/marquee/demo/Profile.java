package io.marquee.demo;

/**
 * One demo user: declared traits (sent in the identify call) and hidden habits that drive the
 * simulation.
 *
 * @param interests declared interest genres ({@link Genres} indices)
 * @param taste weight per genre over {@link Genres#ALL}; higher means watched or played more
 * @param sessions how many sessions the user starts in the window (fewer if the window runs out)
 * @param mix relative share of film, series and music sessions
 * @param rateChance chance of rating a title after playing it
 * @param watchlistChance chance of adding titles to the watchlist before a video session
 * @param bingeMean mean number of extra episodes after the first in a series session
 * @param tasteSeed seeds the user's fixed personal verdict on each title ({@link Liking})
 */
record Profile(
    int index,
    String userId,
    int age,
    Gender gender,
    Country country,
    String locale,
    String plan,
    long createdAt,
    int[] interests,
    double[] taste,
    String device,
    int sessions,
    double[] mix,
    double rateChance,
    double watchlistChance,
    double bingeMean,
    long tasteSeed) {

  /** Under 17: never shown R or TV-MA titles. */
  boolean minor() {
    return age < 17;
  }

  /** Chance of a pre-roll ad before each video; ad-supported plans see most ads. */
  double adChance() {
    return "free".equals(plan) ? 0.7 : "standard".equals(plan) ? 0.1 : 0;
  }

  /**
   * How much the user likes a genre relative to an average genre of the same medium (1.0 is
   * average), taking the best of the given genres.
   */
  double affinity(int[] genres) {
    double best = 0;
    for (int g : genres) {
      best = Math.max(best, taste[g]);
    }
    return best / mean(Genres.isMusic(genres[0]));
  }

  double affinity(int genre) {
    return taste[genre] / mean(Genres.isMusic(genre));
  }

  private double mean(boolean music) {
    int from = music ? Genres.FIRST_MUSIC : 0;
    int to = music ? Genres.COUNT : Genres.FIRST_MUSIC;
    double sum = 0;
    for (int g = from; g < to; g++) {
      sum += taste[g];
    }
    return sum / (to - from);
  }
}
