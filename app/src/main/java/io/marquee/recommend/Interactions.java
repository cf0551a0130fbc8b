package io.marquee.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sparse users x items matrix of feedback: per (user, item) cell an implicit weight (views
 * weighted by watched fraction, completion and recency, see {@link Feedback}), the explicit rating
 * if any (NaN when none) and the time of the latest interaction in epoch seconds.
 *
 * <p>Stored twice, by user rows and by item columns (compressed sparse row and column), with row
 * and column entries in ascending index order; ids map to indices through {@link #users()} and
 * {@link #items()}. Immutable once built.
 */
public final class Interactions {
  private final IdIndex users;
  private final IdIndex items;
  // By user: entries rowStart[u] .. rowStart[u + 1] - 1.
  final int[] rowStart;
  final int[] rowItem;
  final float[] rowWeight;
  final float[] rowRating;
  final long[] rowTime;
  // By item: entries colStart[i] .. colStart[i + 1] - 1.
  final int[] colStart;
  final int[] colUser;
  final float[] colWeight;
  final long[] colTime;

  private Interactions(IdIndex users, IdIndex items, int[] rowStart, int[] rowItem,
      float[] rowWeight, float[] rowRating, long[] rowTime) {
    this.users = users;
    this.items = items;
    this.rowStart = rowStart;
    this.rowItem = rowItem;
    this.rowWeight = rowWeight;
    this.rowRating = rowRating;
    this.rowTime = rowTime;
    int nnz = rowItem.length;
    colStart = new int[items.size() + 1];
    for (int k = 0; k < nnz; k++) {
      colStart[rowItem[k] + 1]++;
    }
    for (int i = 0; i < items.size(); i++) {
      colStart[i + 1] += colStart[i];
    }
    colUser = new int[nnz];
    colWeight = new float[nnz];
    colTime = new long[nnz];
    int[] next = Arrays.copyOf(colStart, items.size());
    for (int u = 0; u < users.size(); u++) {
      for (int k = rowStart[u]; k < rowStart[u + 1]; k++) {
        int at = next[rowItem[k]]++;
        colUser[at] = u;
        colWeight[at] = rowWeight[k];
        colTime[at] = rowTime[k];
      }
    }
  }

  /** A builder whose id dictionaries start empty and grow as ids are added. */
  public static Builder builder() {
    return new Builder(List.of(), List.of());
  }

  /**
   * A builder whose dictionaries start with the given ids, so that indices agree with another
   * matrix (an evaluation's train and test sets, a model and the data it is applied to).
   */
  public static Builder builder(IdIndex users, IdIndex items) {
    return new Builder(ids(users), ids(items));
  }

  private static List<String> ids(IdIndex index) {
    List<String> ids = new ArrayList<>(index.size());
    for (int i = 0; i < index.size(); i++) {
      ids.add(index.id(i));
    }
    return ids;
  }

  public IdIndex users() {
    return users;
  }

  public IdIndex items() {
    return items;
  }

  public int userCount() {
    return users.size();
  }

  public int itemCount() {
    return items.size();
  }

  /** How many (user, item) cells hold feedback. */
  public int size() {
    return rowItem.length;
  }

  /** The items of a user's row in ascending order. */
  public int[] itemsOf(int user) {
    return Arrays.copyOfRange(rowItem, rowStart[user], rowStart[user + 1]);
  }

  /** The implicit weights of a user's row, aligned with {@link #itemsOf}. */
  public float[] weightsOf(int user) {
    return Arrays.copyOfRange(rowWeight, rowStart[user], rowStart[user + 1]);
  }

  /** How many items a user has feedback on. */
  public int historyLength(int user) {
    return rowStart[user + 1] - rowStart[user];
  }

  /** How many users have feedback on an item. */
  public int userCountOf(int item) {
    return colStart[item + 1] - colStart[item];
  }

  /** The weight of a cell, 0 when empty. */
  public float weight(int user, int item) {
    int k = Arrays.binarySearch(rowItem, rowStart[user], rowStart[user + 1], item);
    return k < 0 ? 0 : rowWeight[k];
  }

  /** The explicit rating of a cell, NaN when there is none. */
  public float rating(int user, int item) {
    int k = Arrays.binarySearch(rowItem, rowStart[user], rowStart[user + 1], item);
    return k < 0 ? Float.NaN : rowRating[k];
  }

  /** The latest interaction time over all cells, in epoch seconds (0 when empty). */
  public long latestTime() {
    long latest = 0;
    for (long t : rowTime) {
      latest = Math.max(latest, t);
    }
    return latest;
  }

  /**
   * Collects feedback cell by cell. Adding the same (user, item) twice merges the two: weights add
   * up, the later rating wins, the later time is kept.
   */
  public static final class Builder {
    private final List<String> userIds;
    private final List<String> itemIds;
    private final Map<String, Integer> userIndex = new HashMap<>();
    private final Map<String, Integer> itemIndex = new HashMap<>();
    private int[] u = new int[1024];
    private int[] i = new int[1024];
    private float[] w = new float[1024];
    private float[] r = new float[1024];
    private long[] t = new long[1024];
    private int n;

    private Builder(List<String> users, List<String> items) {
      userIds = new ArrayList<>(users);
      itemIds = new ArrayList<>(items);
      for (int k = 0; k < userIds.size(); k++) {
        userIndex.put(userIds.get(k), k);
      }
      for (int k = 0; k < itemIds.size(); k++) {
        itemIndex.put(itemIds.get(k), k);
      }
    }

    /** Adds a cell by ids; {@code rating} is NaN when the feedback is implicit only. */
    public Builder add(String user, String item, float weight, float rating, long epochSecond) {
      return add(index(user, userIds, userIndex), index(item, itemIds, itemIndex), weight, rating,
          epochSecond);
    }

    /** Adds a cell by indices of the dictionaries the builder started with. */
    public Builder add(int user, int item, float weight, float rating, long epochSecond) {
      if (user < 0 || user >= userIds.size() || item < 0 || item >= itemIds.size()) {
        throw new IndexOutOfBoundsException("no user " + user + " or item " + item);
      }
      if (n == u.length) {
        int size = n * 2;
        u = Arrays.copyOf(u, size);
        i = Arrays.copyOf(i, size);
        w = Arrays.copyOf(w, size);
        r = Arrays.copyOf(r, size);
        t = Arrays.copyOf(t, size);
      }
      u[n] = user;
      i[n] = item;
      w[n] = weight;
      r[n] = rating;
      t[n] = epochSecond;
      n++;
      return this;
    }

    /** Registers a user with no feedback yet (a new user still gets a row). */
    public int addUser(String user) {
      return index(user, userIds, userIndex);
    }

    /** Registers an item with no feedback yet (a new title still gets a column). */
    public int addItem(String item) {
      return index(item, itemIds, itemIndex);
    }

    private static int index(String id, List<String> ids, Map<String, Integer> index) {
      Integer k = index.get(id);
      if (k == null) {
        k = ids.size();
        ids.add(id);
        index.put(id, k);
      }
      return k;
    }

    /** The matrix: a counting sort by user, then each row sorted by item and duplicates merged. */
    public Interactions build() {
      int users = userIds.size();
      int[] start = new int[users + 1];
      for (int k = 0; k < n; k++) {
        start[u[k] + 1]++;
      }
      for (int k = 0; k < users; k++) {
        start[k + 1] += start[k];
      }
      long[] keys = new long[n]; // item << 32 | position, grouped by user
      int[] next = Arrays.copyOf(start, users);
      for (int k = 0; k < n; k++) {
        keys[next[u[k]]++] = (long) i[k] << 32 | k;
      }
      int[] rowStart = new int[users + 1];
      int[] items = new int[n];
      float[] weights = new float[n];
      float[] ratings = new float[n];
      long[] times = new long[n];
      int out = 0;
      for (int user = 0; user < users; user++) {
        Arrays.sort(keys, start[user], start[user + 1]);
        rowStart[user] = out;
        int lastItem = -1;
        long ratedAt = Long.MIN_VALUE;
        for (int k = start[user]; k < start[user + 1]; k++) {
          int item = (int) (keys[k] >>> 32);
          int at = (int) keys[k];
          if (item != lastItem) {
            items[out] = item;
            weights[out] = w[at];
            ratings[out] = r[at];
            times[out] = t[at];
            ratedAt = Float.isNaN(r[at]) ? Long.MIN_VALUE : t[at];
            out++;
            lastItem = item;
          } else {
            int m = out - 1;
            weights[m] += w[at];
            if (!Float.isNaN(r[at]) && t[at] >= ratedAt) {
              ratings[m] = r[at];
              ratedAt = t[at];
            }
            times[m] = Math.max(times[m], t[at]);
          }
        }
      }
      rowStart[users] = out;
      return new Interactions(new IdIndex(userIds), new IdIndex(itemIds), rowStart,
          Arrays.copyOf(items, out), Arrays.copyOf(weights, out), Arrays.copyOf(ratings, out),
          Arrays.copyOf(times, out));
    }
  }
}
