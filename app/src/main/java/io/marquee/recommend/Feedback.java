package io.marquee.recommend;

/**
 * The weighting of raw feedback into the implicit weights that {@link Interactions} holds: a view
 * counts by how much of the title was watched, a finished view counts extra, old views fade, and an
 * explicit rating adds a strong signal (or, when low, caps the cell to almost nothing).
 *
 * <p>The numbers are deliberately simple and documented in {@code docs/recommendations.md}: a
 * quarter-watched film weighs 0.4, a finished one 1.5, and the same views a half-life ago half as
 * much.
 */
public final class Feedback {
  /** A view that reached this fraction of the runtime counts as finished. */
  public static final double COMPLETED = 0.9;
  /** Half-life of a view's weight, in days. */
  public static final double HALF_LIFE_DAYS = 90;
  /** Ratings at or below this many stars out of five mark a dislike. */
  public static final double DISLIKE_AT_OR_BELOW = 2;
  /** The weight a disliked title keeps, whatever its views. */
  public static final float DISLIKED = 0.05f;
  /** Upper bound of a cell's weight: twenty replays of a song must not drown the rest. */
  public static final float MAX = 5;

  private Feedback() {}

  /**
   * The weight of one view: {@code 0.2 + 0.8 * fraction}, times 1.5 when finished, halved every
   * {@link #HALF_LIFE_DAYS} of age.
   *
   * @param watchedFraction watched time over runtime, clamped to [0, 1]
   * @param ageDays how long ago the view happened
   */
  public static float view(double watchedFraction, double ageDays) {
    double f = Math.max(0, Math.min(1, watchedFraction));
    double w = (0.2 + 0.8 * f) * (f >= COMPLETED ? 1.5 : 1.0);
    return (float) (w * Math.pow(0.5, Math.max(0, ageDays) / HALF_LIFE_DAYS));
  }

  /** The weight an explicit rating adds, on a five-star scale: 0.5 per star above two. */
  public static float rating(double stars) {
    return (float) Math.max(0, (stars - DISLIKE_AT_OR_BELOW) * 0.5);
  }

  /**
   * A cell's weight from the sum of its view weights and its rating (NaN when none): capped at
   * {@link #MAX}, and {@link #DISLIKED} when the rating marks a dislike.
   */
  public static float cell(float viewWeights, float stars) {
    if (!Float.isNaN(stars) && stars <= DISLIKE_AT_OR_BELOW) {
      return DISLIKED;
    }
    float w = viewWeights + (Float.isNaN(stars) ? 0 : rating(stars));
    return Math.min(MAX, w);
  }
}
