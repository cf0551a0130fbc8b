package io.marquee.insights;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Small-cell suppression, the one rule every report applies before a number leaves the node (API,
 * dashboard, CSV): a figure built from fewer than {@link #MIN_USERS} distinct users is shown as
 * {@value #SUPPRESSED}, with nothing beside it (share, index, hours, ...) from which it could be
 * recovered.
 *
 * <p>Within one breakdown (the values of one dimension, whose cells add up to a total shown or
 * derivable beside them), one suppressed cell could be recovered by subtraction; so when exactly one
 * cell is suppressed, the smallest other cell is suppressed too (complementary suppression). When
 * the breakdown's total itself is under the threshold, every cell is suppressed.
 */
public final class SmallCells {
  /** Fewest distinct users a published figure may be built from. */
  public static final int MIN_USERS = 10;
  /** What a suppressed count is shown as. */
  public static final String SUPPRESSED = "<10";

  private SmallCells() {}

  /** Whether a figure built from {@code users} distinct users must be suppressed. */
  public static boolean small(long users) {
    return users < MIN_USERS;
  }

  /** A count as published: the number, or {@value #SUPPRESSED}. */
  public static Object count(long users) {
    return small(users) ? SUPPRESSED : users;
  }

  /**
   * Which cells of one breakdown to suppress, primary and complementary.
   *
   * @param users each cell's distinct users, in any order
   * @return for each cell, whether it is suppressed
   */
  public static boolean[] suppress(long[] users) {
    boolean[] out = new boolean[users.length];
    long total = 0;
    int suppressed = 0;
    for (int i = 0; i < users.length; i++) {
      total += users[i];
      if (small(users[i])) {
        out[i] = true;
        suppressed++;
      }
    }
    if (small(total)) {
      java.util.Arrays.fill(out, true);
      return out;
    }
    if (suppressed == 1 && users.length > 1) {
      List<Integer> open = new ArrayList<>();
      for (int i = 0; i < users.length; i++) {
        if (!out[i]) {
          open.add(i);
        }
      }
      open.sort(Comparator.comparingLong((Integer i) -> users[i]).thenComparing(i -> i));
      out[open.get(0)] = true;
    }
    return out;
  }
}
