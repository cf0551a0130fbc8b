package io.marquee.recommend;

import java.util.Arrays;

/**
 * A user as the recommenders see them at scoring time: their row in the training data (if any),
 * the items they have feedback on with the weights, and their declared profile.
 *
 * <p>The history may be newer than the model (a user who watched something since the last
 * training): models that can, score from the history rather than from the row. Arrays are not
 * copied, for the serving path; callers must not modify them afterwards.
 */
public final class UserContext {
  private final int user;
  private final int[] items;
  private final float[] weights;
  private final UserProfile profile;

  /**
   * @param user the user's row in the model's training data, -1 for a user it never saw
   * @param items the history's items in ascending index order
   * @param weights implicit weights aligned with {@code items}
   */
  public UserContext(int user, int[] items, float[] weights, UserProfile profile) {
    if (items.length != weights.length) {
      throw new IllegalArgumentException("items and weights differ in length");
    }
    for (int k = 1; k < items.length; k++) {
      if (items[k] <= items[k - 1]) {
        throw new IllegalArgumentException("history items must be ascending and distinct");
      }
    }
    this.user = user;
    this.items = items;
    this.weights = weights;
    this.profile = profile == null ? UserProfile.UNKNOWN : profile;
  }

  /** The user of row {@code user} of the training data, with that row as history. */
  public static UserContext of(Dataset data, int user) {
    Interactions x = data.interactions();
    return new UserContext(user, x.itemsOf(user), x.weightsOf(user), data.profile(user));
  }

  /** A user with no history and no row, known only by their profile. */
  public static UserContext newUser(UserProfile profile) {
    return new UserContext(-1, new int[0], new float[0], profile);
  }

  /** The row in the training data, -1 when the model never saw the user. */
  public int user() {
    return user;
  }

  /** The history's items, ascending; do not modify. */
  public int[] items() {
    return items;
  }

  /** The history's weights; do not modify. */
  public float[] weights() {
    return weights;
  }

  public UserProfile profile() {
    return profile;
  }

  /** How many items the user has feedback on. */
  public int historyLength() {
    return items.length;
  }

  /** Whether the history contains {@code item}. */
  public boolean has(int item) {
    return Arrays.binarySearch(items, item) >= 0;
  }
}
