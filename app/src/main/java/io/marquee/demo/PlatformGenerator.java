package io.marquee.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.core.Title;
import java.util.List;

/**
 * A synthetic streaming platform: a catalog of films, series and music tracks, and for each user
 * the Segment messages their apps would send over a 90-day window ending at a given instant
 * (2026-11-01T00:00:00Z unless told otherwise; {@code marquee demo} ends it now).
 *
 * <p>Everything is a pure function of the seed, the window's end and the user index: pin the end
 * to reproduce a data set exactly. The catalog does not depend on the end. It is built once
 * here, and {@link #userMessages(int)} may be called for users in any order and from any number
 * of threads. At 100,000 users the catalog holds about 34,000 titles and the users send about 10
 * million messages.
 */
public final class PlatformGenerator {
  private final long seed;
  private final int users;
  private final Library library;
  private final Timeline window;

  /** Builds the catalog for {@code users} users, over the window ending 2026-11-01T00:00:00Z. */
  public PlatformGenerator(long seed, int users) {
    this(seed, users, java.time.Instant.ofEpochMilli(Timeline.PINNED_END));
  }

  /**
   * Builds the catalog for {@code users} users, over the 90 days before {@code end}.
   *
   * @throws IllegalArgumentException if {@code users} is negative
   */
  public PlatformGenerator(long seed, int users, java.time.Instant end) {
    if (users < 0) {
      throw new IllegalArgumentException("users must not be negative: " + users);
    }
    this.window = new Timeline(end.toEpochMilli());
    this.seed = seed;
    this.users = users;
    this.library = new CatalogBuilder(seed, users).build();
  }

  private boolean personalData;

  /**
   * Makes every user's identify carry made-up personal data ({@link PersonalDetails}: names,
   * e-mail at example.com, phone, birthday, street, postal code), which the node seals in its vault.
   * The other events stay the same.
   */
  public PlatformGenerator withPersonalData() {
    personalData = true;
    return this;
  }

  /** The whole catalog: films, then each series followed by its episodes, then music tracks. */
  public List<Title> catalog() {
    return library.titles();
  }

  /** The end of the window the messages fall in (exclusive). */
  public java.time.Instant windowEnd() {
    return java.time.Instant.ofEpochMilli(window.end);
  }

  public int userCount() {
    return users;
  }

  /**
   * Generates user i's messages (identify first, then sessions in time order), deterministic per
   * (seed, i) so users can be generated in any order or in parallel.
   *
   * @param userIndex from 0 to {@code userCount() - 1}
   * @return fresh, mutable message objects owned by the caller
   */
  public List<ObjectNode> userMessages(int userIndex) {
    if (userIndex < 0 || userIndex >= users) {
      throw new IndexOutOfBoundsException("user " + userIndex + " of " + users);
    }
    var rng = Rng.of(seed, userIndex);
    Profile user = ProfileFactory.draw(userIndex, rng, window);
    return new UserSimulation(seed, library, user, rng, window, personalData).run();
  }
}
