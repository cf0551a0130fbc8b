package io.marquee.audiences;

import io.marquee.core.AgeBracket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The similarity of users to a seed audience, for lookalikes: each user is a point of a joined space
 * of four blocks, taste (the user's iALS factors scaled to unit length), age bracket (one-hot),
 * gender (one-hot) and interests (multi-hot scaled to unit length), each block weighted by the square
 * root of its {@link Weights weight}; the seed is the centroid of its members, block by block, over the
 * members who have that block.
 *
 * <p>A user's score is the cosine between their point and the centroid restricted to the blocks the
 * user has (a user without factors, or without a gender, is compared on the other blocks only):
 * {@code sum_b w_b (x_b . c_b) / sum_b w_b} over those blocks, with {@code x_b} and {@code c_b} unit
 * vectors, so it lies in [-1, 1] whichever blocks a user has, and a user without factors scores on
 * demographics only. A block no seed member has is left out for everyone. Scoring is one pass over
 * the candidates, {@code O(factors + interests)} each.
 */
final class LookalikeScorer {
  /**
   * The blocks' weights: {@code taste} for the iALS factors, the rest shared by age bracket, gender and
   * interests 2 : 1 : 2 ({@link #of(double)}).
   */
  record Weights(double taste, double age, double gender, double interests) {
    /** The default: taste 0.5, age 0.2, gender 0.1, interests 0.2 (setting {@code audiences.lookalike-taste-weight}). */
    static final Weights DEFAULT = of(0.5);

    /** Taste {@code taste} (0 to 1), demographics the rest: age 0.4, gender 0.2 and interests 0.4 of it. */
    static Weights of(double taste) {
      if (!(taste >= 0 && taste <= 1)) {
        throw new IllegalArgumentException("the taste weight must be from 0 to 1, not " + taste);
      }
      double rest = 1 - taste;
      return new Weights(taste, 0.4 * rest, 0.2 * rest, 0.4 * rest);
    }
  }

  /**
   * A user as the scorer sees them.
   *
   * @param userId the user id
   * @param ageBracket one of {@link AgeBracket#ALL}, or null when unknown
   * @param gender lower-cased, or null when unknown
   * @param interests declared interests, lower-cased (empty when none)
   * @param factors the user's iALS factors, or null when the model has none for them; kept scaled to
   *     unit length (null for a zero vector)
   */
  record Person(String userId, String ageBracket, String gender, List<String> interests, float[] factors) {
    Person {
      interests = interests == null ? List.of() : List.copyOf(new HashSet<>(interests));
      factors = unit(factors);
    }
  }

  /** A user and their score. */
  record Scored(String userId, double score, boolean taste) {}

  private final Weights w;
  private final float[] taste; // unit, or null when no seed member has factors
  private final Map<String, Double> age; // unit vector over brackets, empty when unknown for all
  private final Map<String, Double> gender;
  private final Map<String, Double> interests;

  private LookalikeScorer(Weights w, float[] taste, Map<String, Double> age, Map<String, Double> gender,
      Map<String, Double> interests) {
    this.w = w;
    this.taste = taste;
    this.age = age;
    this.gender = gender;
    this.interests = interests;
  }

  /** The scorer of the seed {@code members}' centroid with the {@link Weights#DEFAULT default weights}. */
  static LookalikeScorer of(List<Person> members) {
    return of(members, Weights.DEFAULT);
  }

  /** The scorer of the seed {@code members}' centroid with weights {@code w}. */
  static LookalikeScorer of(List<Person> members, Weights w) {
    double[] sum = null;
    Map<String, Double> age = new HashMap<>();
    Map<String, Double> gender = new HashMap<>();
    Map<String, Double> interests = new HashMap<>();
    for (Person p : members) {
      float[] u = p.factors();
      if (u != null) {
        if (sum == null) {
          sum = new double[u.length];
        }
        if (u.length != sum.length) {
          throw new IllegalArgumentException("factor vectors of different lengths");
        }
        for (int a = 0; a < u.length; a++) {
          sum[a] += u[a];
        }
      }
      if (p.ageBracket() != null) {
        age.merge(p.ageBracket(), 1.0, Double::sum);
      }
      if (p.gender() != null) {
        gender.merge(p.gender(), 1.0, Double::sum);
      }
      double each = 1 / Math.sqrt(p.interests().size());
      for (String i : p.interests()) {
        interests.merge(i, each, Double::sum);
      }
    }
    float[] taste = null;
    if (sum != null) {
      taste = new float[sum.length];
      for (int a = 0; a < sum.length; a++) {
        taste[a] = (float) sum[a];
      }
      taste = unit(taste);
    }
    return new LookalikeScorer(w, taste, normalise(age), normalise(gender), normalise(interests));
  }

  private static Map<String, Double> normalise(Map<String, Double> v) {
    double norm = Math.sqrt(v.values().stream().mapToDouble(x -> x * x).sum());
    Map<String, Double> out = new HashMap<>();
    if (norm > 0) {
      v.forEach((k, x) -> out.put(k, x / norm));
    }
    return out;
  }

  /** {@code v} scaled to unit length; null for null or a zero vector. */
  static float[] unit(float[] v) {
    if (v == null) {
      return null;
    }
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    if (!(s > 0) || !Double.isFinite(s)) {
      return null;
    }
    double inv = 1 / Math.sqrt(s);
    float[] out = new float[v.length];
    for (int a = 0; a < v.length; a++) {
      out[a] = (float) (v[a] * inv);
    }
    return out;
  }

  /** Whether a user is compared on taste: the seed has a taste centroid, the user factors, and taste a weight. */
  boolean comparesTaste(Person p) {
    return taste != null && p.factors() != null && w.taste() > 0;
  }

  /**
   * The user's similarity to the seed, in [-1, 1]; 0 for a user sharing no block with the seed (or
   * only blocks of weight 0).
   */
  double score(Person p) {
    double weights = 0;
    double sum = 0;
    float[] u = comparesTaste(p) ? p.factors() : null;
    if (u != null) {
      if (u.length != taste.length) {
        throw new IllegalArgumentException("factor vectors of different lengths");
      }
      double dot = 0;
      for (int a = 0; a < u.length; a++) {
        dot += (double) u[a] * taste[a];
      }
      sum += w.taste() * dot;
      weights += w.taste();
    }
    if (p.ageBracket() != null && !age.isEmpty()) {
      sum += w.age() * age.getOrDefault(p.ageBracket(), 0.0);
      weights += w.age();
    }
    if (p.gender() != null && !gender.isEmpty()) {
      sum += w.gender() * gender.getOrDefault(p.gender(), 0.0);
      weights += w.gender();
    }
    if (!p.interests().isEmpty() && !interests.isEmpty()) {
      double dot = 0;
      for (String i : p.interests()) {
        dot += interests.getOrDefault(i, 0.0);
      }
      sum += w.interests() * dot / Math.sqrt(p.interests().size());
      weights += w.interests();
    }
    return weights == 0 ? 0 : sum / weights;
  }

  /** The {@code k} best-scored {@code candidates}, best first, ties by ascending user id (one sort of the scores). */
  List<Scored> top(List<Person> candidates, int k) {
    List<Scored> all = new ArrayList<>(candidates.size());
    for (Person p : candidates) {
      all.add(new Scored(p.userId(), score(p), comparesTaste(p)));
    }
    all.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::userId));
    return new ArrayList<>(all.subList(0, Math.min(Math.max(k, 0), all.size())));
  }
}
