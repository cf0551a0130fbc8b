package io.marquee.recommend;

import java.util.Arrays;
import java.util.function.Function;

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
  /** Values derived from this user by models during one request ({@link #derived}). */
  private final Memo[] memo = new Memo[4];

  private record Memo(Object owner, String key, Object value) {}

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

  /**
   * The value {@code owner} (a model) derives from this user, computed once: a model's proposal and
   * its scoring of the same request share the user's factor vector or item-item row. A context
   * lives for one request, so this is a per-request cache that lives in young, short-lived memory.
   * Safe if threads race: each computes the same value, and a slot holds a whole entry or none.
   */
  @SuppressWarnings("unchecked")
  <T> T derived(Object owner, String key, Function<UserContext, T> compute) {
    Object known = remembered(owner, key);
    if (known != null) {
      return (T) known;
    }
    T value = compute.apply(this);
    remember(owner, key, value);
    return value;
  }

  /** What {@code owner} remembered under {@code key} for this user, or null. */
  Object remembered(Object owner, String key) {
    for (Memo m : memo) {
      if (m != null && m.owner() == owner && m.key().equals(key)) {
        return m.value();
      }
    }
    return null;
  }

  /** Remembers a value (not null) if a slot is free; else the value is simply not kept. */
  void remember(Object owner, String key, Object value) {
    for (int k = 0; k < memo.length; k++) {
      if (memo[k] == null) {
        memo[k] = new Memo(owner, key, value);
        return;
      }
    }
  }

  /** Whether the history contains {@code item}. */
  public boolean has(int item) {
    return Arrays.binarySearch(items, item) >= 0;
  }
}
