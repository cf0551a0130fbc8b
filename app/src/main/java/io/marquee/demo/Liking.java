package io.marquee.demo;

import java.util.SplittableRandom;

/**
 * How much a user likes what they play, in {@code (0, 1)}: genre affinity and title quality plus
 * a personal verdict on the title that stays the same every time they meet it. It decides
 * whether they finish, skip or abandon, and how they rate.
 */
final class Liking {
  private Liking() {}

  /**
   * The user's liking for a title given their affinity for its genres (1.0 is average) and its
   * quality; the personal part is drawn from the user's taste seed and the asset id.
   */
  static double of(Profile user, double affinity, double quality, String assetId) {
    SplittableRandom verdict = new SplittableRandom(Rng.mix(user.tasteSeed() ^ assetId.hashCode()));
    double score = 1.2 * Math.log(affinity) + 2.5 * (quality - 0.5) + 0.7 * verdict.nextGaussian();
    return 1 / (1 + Math.exp(-score));
  }

  /** Chance of watching a film to the end. */
  static double finishFilm(double liking) {
    return 0.15 + 0.75 * liking;
  }

  /** Chance of watching an episode to the end. */
  static double finishEpisode(double liking) {
    return 0.3 + 0.65 * liking;
  }

  /** Chance of skipping a track part-way through. */
  static double skipTrack(double liking) {
    return 0.55 * (1 - liking);
  }

  /** Where an abandoned content stops, as a fraction of it: mostly early. */
  static double abandonAt(SplittableRandom rng) {
    double u = rng.nextDouble();
    return 0.02 + 0.93 * u * u;
  }

  /** A 1-5 star rating from liking and how much of the content was watched. */
  static int stars(double liking, double watchedFraction, SplittableRandom rng) {
    double score = 1 + 4 * (0.6 * liking + 0.4 * watchedFraction) + 0.5 * rng.nextGaussian();
    return (int) Math.max(1, Math.min(5, Math.round(score)));
  }
}
