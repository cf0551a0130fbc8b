package io.marquee.demo;

import java.time.Instant;
import java.util.SplittableRandom;

/** Draws demo users: demographics skewed young, tastes from {@link TasteModel}, habits. */
final class ProfileFactory {
  /** Age brackets 13-17, 18-24, 25-34, 35-44, 45-54, 55-64, 65-80 and their shares of users. */
  private static final int[] AGE_FROM = {13, 18, 25, 35, 45, 55, 65};

  private static final int[] AGE_TO = {17, 24, 34, 44, 54, 64, 80};
  private static final double[] AGE_SHARES = {8, 20, 25, 19, 13, 9, 6};
  private static final String[] PLANS = {"free", "standard", "premium"};

  /** Plan shares for users under 25, 25-54 and 55+. */
  private static final double[][] PLAN_SHARES = {{55, 35, 10}, {40, 40, 20}, {30, 45, 25}};

  private static final String[] DEVICES = {"tv", "mobile", "web"};
  private static final double[][] DEVICE_SHARES = {{25, 55, 20}, {45, 35, 20}, {55, 20, 25}};
  private static final double[] MUSIC_SHARE = {0.45, 0.3, 0.2};
  private static final long SIGNUPS_FROM = Instant.parse("2021-01-01T00:00:00Z").toEpochMilli();

  /**
   * Median sessions per user; with the lognormal spread below (mean about 4.2 sessions) and
   * about 24 events per session this gives roughly 100 events per user on average.
   */
  static final double MEDIAN_SESSIONS = 2.55;

  static final double SESSION_SPREAD = 1.0;
  static final int MAX_SESSIONS = 250;

  private ProfileFactory() {}

  static Profile draw(int index, SplittableRandom rng, Timeline window) {
    int bracket = Rng.weighted(rng, AGE_SHARES);
    int age = Rng.between(rng, AGE_FROM[bracket], AGE_TO[bracket]);
    Gender gender = Gender.draw(rng);
    Country country = Country.draw(rng);
    double[] prior = TasteModel.prior(age, gender, country);
    int[] interests = TasteModel.interests(prior, rng);
    double[] taste = TasteModel.personal(prior, interests, rng);
    int generation = age < 25 ? 0 : age < 55 ? 1 : 2;
    String plan = PLANS[Rng.weighted(rng, PLAN_SHARES[generation])];
    String device = DEVICES[Rng.weighted(rng, DEVICE_SHARES[generation])];
    long createdAt =
        Rng.chance(rng, 0.25)
            ? window.start + rng.nextLong(80 * Timeline.DAY)
            : SIGNUPS_FROM + rng.nextLong(window.start - SIGNUPS_FROM);
    int sessions =
        (int) Math.round(MEDIAN_SESSIONS * Math.exp(SESSION_SPREAD * rng.nextGaussian()));
    double music = MUSIC_SHARE[generation];
    double[] mix = {
      (1 - music) / 2 * Math.exp(0.5 * rng.nextGaussian()),
      (1 - music) / 2 * Math.exp(0.5 * rng.nextGaussian()),
      music * Math.exp(0.5 * rng.nextGaussian())
    };
    return new Profile(
        index,
        userId(index),
        age,
        gender,
        country,
        country.drawLocale(rng),
        plan,
        createdAt,
        interests,
        taste,
        device,
        Math.max(1, Math.min(MAX_SESSIONS, sessions)),
        mix,
        Rng.chance(rng, 0.3) ? 0.2 + 0.6 * rng.nextDouble() : 0,
        Rng.chance(rng, 0.4) ? 0.05 + 0.25 * rng.nextDouble() : 0,
        0.5 + 2.5 * rng.nextDouble(),
        rng.nextLong());
  }

  /** The user id for an index: {@code u000123}. */
  static String userId(int index) {
    return "u" + CatalogBuilder.pad(index, 6);
  }
}
