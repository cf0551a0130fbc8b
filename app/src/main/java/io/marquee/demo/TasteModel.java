package io.marquee.demo;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The hidden model behind users' genre preferences: a base by age bracket, scaled by gender,
 * country, declared interests and a personal lognormal twist. This is the structure analytics
 * on the demo data should rediscover.
 */
final class TasteModel {
  /** Upper ages (inclusive) of the brackets 13-17, 18-24, 25-34, 35-54 and 55+. */
  private static final int[] BRACKET_END = {17, 24, 34, 54, Integer.MAX_VALUE};

  /**
   * Base weight per bracket for each genre in {@link Genres#ALL} order: action, adventure,
   * animation, comedy, crime, documentary, drama, family, fantasy, horror, romance, sci-fi,
   * thriller, kids | pop, rock, hip-hop, electronic, jazz, classical, country, latin, k-pop.
   */
  private static final double[][] BASE = {
    {3.0, 2.0, 4.0, 2.5, 0.6, 0.3, 0.8, 1.5, 2.5, 1.2, 1.0, 2.0, 0.8, 2.5,
      3.0, 1.2, 3.0, 2.0, 0.2, 0.2, 0.5, 1.0, 2.5},
    {3.0, 2.0, 3.0, 2.5, 1.2, 0.5, 1.0, 0.5, 2.0, 1.8, 1.5, 2.0, 1.5, 0.3,
      2.5, 1.5, 3.0, 2.5, 0.4, 0.3, 0.7, 1.2, 2.0},
    {2.2, 1.5, 1.2, 2.2, 1.8, 1.0, 1.8, 0.8, 1.5, 1.3, 1.5, 1.8, 2.0, 0.6,
      2.0, 2.0, 2.0, 2.0, 0.8, 0.5, 1.0, 1.0, 0.8},
    {1.6, 1.2, 0.8, 1.8, 2.0, 1.6, 2.2, 1.5, 1.0, 0.8, 1.2, 1.3, 2.0, 1.0,
      1.5, 2.5, 1.0, 1.2, 1.5, 1.2, 1.5, 1.0, 0.3},
    {0.9, 0.8, 0.3, 1.5, 1.8, 3.0, 3.0, 0.8, 0.5, 0.4, 1.2, 0.7, 1.6, 0.2,
      1.0, 2.0, 0.3, 0.4, 2.5, 3.0, 2.0, 0.8, 0.1}
  };

  /** Multiplier applied to a declared interest. */
  static final double INTEREST_BOOST = 4.0;

  private TasteModel() {}

  /** Parses {@code "genre:multiplier,..."} into per-genre multipliers, 1.0 where unnamed. */
  static double[] multipliers(String spec) {
    double[] multipliers = new double[Genres.COUNT];
    Arrays.fill(multipliers, 1.0);
    for (String pair : spec.split(",")) {
      String[] kv = pair.split(":");
      multipliers[Genres.index(kv[0])] = Double.parseDouble(kv[1]);
    }
    return multipliers;
  }

  static int bracket(int age) {
    int b = 0;
    while (age > BRACKET_END[b]) {
      b++;
    }
    return b;
  }

  /** Weights from age, gender and country alone, before interests and personal twist. */
  static double[] prior(int age, Gender gender, Country country) {
    double[] base = BASE[bracket(age)];
    double[] weights = new double[Genres.COUNT];
    for (int g = 0; g < Genres.COUNT; g++) {
      weights[g] = base[g] * gender.taste(g) * country.taste(g);
    }
    return weights;
  }

  /** A user's final genre weights over {@link Genres#ALL}. */
  static double[] personal(double[] prior, int[] interests, SplittableRandom rng) {
    double[] weights = new double[Genres.COUNT];
    for (int g = 0; g < Genres.COUNT; g++) {
      weights[g] = prior[g] * Math.exp(0.4 * rng.nextGaussian());
    }
    for (int g : interests) {
      weights[g] *= INTEREST_BOOST;
    }
    return weights;
  }

  /** Draws 2-4 distinct declared interests, favouring genres the prior already likes. */
  static int[] interests(double[] prior, SplittableRandom rng) {
    int[] interests = new int[Rng.between(rng, 2, 4)];
    double[] remaining = new double[prior.length];
    for (int g = 0; g < prior.length; g++) {
      remaining[g] = prior[g] * prior[g];
    }
    for (int i = 0; i < interests.length; i++) {
      interests[i] = Rng.weighted(rng, remaining);
      remaining[interests[i]] = 0;
    }
    return interests;
  }
}
