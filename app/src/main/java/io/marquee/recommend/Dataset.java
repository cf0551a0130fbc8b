package io.marquee.recommend;

import java.util.Arrays;

/**
 * What a recommender is trained on: the feedback matrix, the items' features, the users' declared
 * profiles (indexed like the matrix rows) and the time the training considers "now", from which
 * trending popularity decays.
 */
public final class Dataset {
  private final Interactions interactions;
  private final ItemFeatures items;
  private final UserProfile[] profiles;
  private final long now;

  /**
   * @param profiles one per user row, null entries for users who declared nothing; may be shorter
   *     than the user count
   * @param nowEpochSecond "now" for time decay
   */
  public Dataset(Interactions interactions, ItemFeatures items, UserProfile[] profiles,
      long nowEpochSecond) {
    if (items.size() != interactions.itemCount()) {
      throw new IllegalArgumentException(
          "features for " + items.size() + " items, matrix has " + interactions.itemCount());
    }
    this.interactions = interactions;
    this.items = items;
    this.profiles = Arrays.copyOf(profiles, interactions.userCount());
    this.now = nowEpochSecond;
  }

  /** Feedback only: no features, no profiles, "now" at the latest interaction. */
  public static Dataset of(Interactions interactions) {
    return new Dataset(interactions, ItemFeatures.none(interactions.items()), new UserProfile[0],
        interactions.latestTime());
  }

  public Interactions interactions() {
    return interactions;
  }

  public ItemFeatures items() {
    return items;
  }

  /** The profile of row {@code user}, {@link UserProfile#UNKNOWN} when none was declared. */
  public UserProfile profile(int user) {
    UserProfile p = profiles[user];
    return p == null ? UserProfile.UNKNOWN : p;
  }

  /** "Now" for time decay, in epoch seconds. */
  public long now() {
    return now;
  }
}
